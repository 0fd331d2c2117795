import YouxiangCore

/// Why a cell's text could not be parsed (thrown by ``CellParser``), e.g. `"12x" is not a number`.
public struct CellParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cell text as given (untrimmed).
    public var text: String
    /// Explanation naming the text, e.g. `"12x" is not a number`.
    public var message: String

    /// Creates an error; see the properties.
    public init(text: String, message: String) {
        self.text = text
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Parsing of cell text as district offices export it (decorated numbers, flags, dates, headers).
///
/// Common rules: surrounding whitespace (ASCII, NBSP, U+3000 ideographic space, zero-width space, BOM) is trimmed, and
/// the missing markers `—` `——` `–` `-` `－` `−` `/` `／` `N/A` `NA` (any case) `无` and the empty string mean "no value"
/// and yield `nil`, not an error. Anything unparseable throws ``CellParseError`` whose message quotes the text.
public enum CellParser {
    /// Parses a decorated number.
    ///
    /// Accepts an optional sign, digits with optional thousands separators (`1,620`, `1，620`; groups after the first
    /// must have exactly 3 digits, so a decimal comma like `1,5` is rejected rather than misread), an optional decimal
    /// part, an optional exponent (`2.13301E+09`), and a trailing `%`/`％` (value divided by 100, so `92.5%` → 0.925).
    /// Full-width digits and `．` `，` `％` `－` `＋` are normalised first. Infinity, NaN and hex forms are rejected, and so
    /// are numbers outside the double range: above 1.7976931348623157e308 (`1e309`) or nonzero but below the smallest
    /// normal double 2.2250738585072014e-308 (`1e-400`, which would otherwise silently become 0). Digits beyond a
    /// double's precision round to the nearest double (`12345678901234567` → 12345678901234568).
    /// - Returns: the value, or `nil` for a missing marker / blank cell.
    /// - Throws: ``CellParseError`` (`"12x" is not a number`).
    public static func number(_ text: String) throws -> Double? {
        var s = text
        switch s.withUTF8({ parseNumber($0) }) {
        case .missing: return nil
        case .value(let v): return v
        case let bad: throw numberError(text, bad)
        }
    }

    /// The error for a cell whose number parse was not a value (`.invalid`, `.overflow`, `.underflow`).
    static func numberError(_ text: String, _ parse: NumberParse) -> CellParseError {
        switch parse {
        case .overflow:
            return CellParseError(text: text, message: "\(quoted(text)) is too large for a double (the largest is 1.7976931348623157e308)")
        case .underflow:
            return CellParseError(
                text: text,
                message:
                    "\(quoted(text)) is too small in magnitude for a double (below 2.2250738585072014e-308 it would become 0 or lose digits); write 0 if it is 0"
            )
        default: return CellParseError(text: text, message: "\(quoted(text)) is not a number")
        }
    }

    /// Parses a yes/no flag: `是`/`否`, `Y`/`N`, `yes`/`no`, `true`/`false`, `1`/`0`, `√`/`×` (also `✓` `✔` / `✗` `✘`),
    /// `有`/`无`, `通过`/`已通过`/`达标` / `未通过`/`不通过`/`未达标` (how an office writes an assessment's result); ASCII
    /// words in any case, full-width `１`/`０` accepted. Note `无` means `false` here ("none"), not missing; the other
    /// missing markers give `nil`.
    /// - Throws: ``CellParseError`` (`"maybe" is not a yes/no flag`).
    public static func flag(_ text: String) throws -> Bool? {
        var s = text
        let trimmed: String? = s.withUTF8 { p in
            let r = CellText.trimmedRange(p)
            if CellText.isMissing(p, r, allowNone: false) { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
        guard let trimmed else { return nil }
        switch trimmed.lowercased() {
        case "是", "y", "yes", "true", "1", "１", "√", "✓", "✔", "有", "通过", "已通过", "达标": return true
        case "否", "n", "no", "false", "0", "０", "×", "✗", "✘", "无", "未通过", "不通过", "未达标": return false
        default: throw CellParseError(text: text, message: "\(quoted(text)) is not a yes/no flag")
        }
    }

    /// Extracts the year from a year or date cell: `2023`, `2023年`, `2023.09`, `2023-09-01`, `2023/9/1`,
    /// `2023年9月`, `2023年9月1日`, `2023.09.15`, optionally followed by a time (`2023/9/1 0:00`). Full-width digits are
    /// accepted. Months must be 1–12 and days 1–31 (an all-zero month such as Excel's `2023.0` is allowed); the year
    /// must be 1900–2100.
    /// - Returns: the year, or `nil` for a missing marker / blank cell.
    /// - Throws: ``CellParseError`` (`"20x3" is not a year or date`).
    public static func year(_ text: String) throws -> Int? {
        var s = text
        let result: Int?? = s.withUTF8 { parseYear($0) }
        guard let result else {
            throw CellParseError(text: text, message: "\(quoted(text)) is not a year or date")
        }
        return result
    }

    /// Normalises a header for matching: removes all whitespace (including U+3000, NBSP and line breaks inside the
    /// cell) and maps full-width `（` `）` `：` to ASCII `(` `)` `:`. Used on both the file's headers and the configured
    /// ones, so `在校学生数\n（人）` matches `在校学生数(人)`.
    public static func normalizedHeader(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF08: out.append("(")
            case 0xFF09: out.append(")")
            case 0xFF1A: out.append(":")
            case 0x200B, 0xFEFF: continue
            default:
                if scalar.properties.isWhitespace { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func quoted(_ text: String) -> String {
        ValuePreview.quoted(text)
    }

    /// What `parseNumber` found.
    enum NumberParse { case missing, invalid, overflow, underflow, value(Double) }

    static func parseNumber(_ p: UnsafeBufferPointer<UInt8>) -> NumberParse {
        // The common cell, 1–15 ASCII digits and nothing else: the same value the full path below gives, without it.
        if p.count > 0, p.count <= 15 {
            var integer: UInt64 = 0
            var digits = true
            for c in p {
                guard c &- 0x30 < 10 else {
                    digits = false
                    break
                }
                integer = integer &* 10 &+ UInt64(c &- 0x30)
            }
            if digits { return .value(Double(integer)) }
        }
        let r = CellText.trimmedRange(p)
        if CellText.isMissing(p, r) { return .missing }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: r.count) { t -> NumberParse in
            var n = 0, i = r.lowerBound
            while i < r.upperBound {
                let (a, len) = CellText.asciiEquivalent(p, at: i)
                if a == 0 { return .invalid }
                t[n] = a
                n += 1
                i += len
            }
            var percent = false
            if n > 0, t[n - 1] == UInt8(ascii: "%") {
                percent = true
                n -= 1
                while n > 0, t[n - 1] == 0x20 { n -= 1 }
            }
            // Validate and compact in place (w <= j): sign, digits without separators, '.', exponent.
            var j = 0, w = 0
            var negative = false
            if j < n, t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-") {
                negative = t[j] == UInt8(ascii: "-")
                t[w] = t[j]; w += 1; j += 1
            }
            var intDigits = 0, group = 0, grouped = false
            var integer: UInt64 = 0
            while j < n {
                let c = t[j]
                if c >= 0x30, c <= 0x39 {
                    intDigits += 1; group += 1
                    integer = integer &* 10 &+ UInt64(c - 0x30)
                    t[w] = c; w += 1; j += 1
                } else if c == UInt8(ascii: ",") {
                    if intDigits == 0 || (grouped ? group != 3 : group > 3) { return .invalid }
                    grouped = true; group = 0; j += 1
                } else {
                    break
                }
            }
            if grouped, group != 3 { return .invalid }
            var simple = true
            var fracDigits = 0
            if j < n, t[j] == UInt8(ascii: ".") {
                simple = false
                t[w] = t[j]; w += 1; j += 1
                while j < n, t[j] >= 0x30, t[j] <= 0x39 { t[w] = t[j]; w += 1; j += 1; fracDigits += 1 }
            }
            if intDigits + fracDigits == 0 { return .invalid }
            if j < n, t[j] | 0x20 == UInt8(ascii: "e") {
                simple = false
                t[w] = t[j]; w += 1; j += 1
                if j < n, t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-") { t[w] = t[j]; w += 1; j += 1 }
                var expDigits = 0
                while j < n, t[j] >= 0x30, t[j] <= 0x39 { t[w] = t[j]; w += 1; j += 1; expDigits += 1 }
                if expDigits == 0 { return .invalid }
            }
            if j != n { return .invalid }
            var value: Double
            if simple, intDigits <= 15 {
                value = Double(integer)
                if negative { value = -value }
            } else {
                guard let v = Double(String(decoding: UnsafeBufferPointer(rebasing: t[0..<w]), as: UTF8.self)) else { return .invalid }
                if !v.isFinite { return .overflow }
                if mantissaHasNonzero(t, w), v == 0 || Swift.abs(v) < Double.leastNormalMagnitude { return .underflow }
                value = v
            }
            return .value(percent ? value / 100 : value)
        }
    }

    /// Whether the mantissa (the part before `e`/`E`) of the compacted number text has a nonzero digit.
    private static func mantissaHasNonzero(_ t: UnsafeMutableBufferPointer<UInt8>, _ w: Int) -> Bool {
        for i in 0..<w {
            let c = t[i]
            if c | 0x20 == UInt8(ascii: "e") { return false }
            if c >= 0x31, c <= 0x39 { return true }
        }
        return false
    }

    /// `.some(nil)` = missing, `nil` = invalid.
    static func parseYear(_ p: UnsafeBufferPointer<UInt8>) -> Int?? {
        let r = CellText.trimmedRange(p)
        if CellText.isMissing(p, r) { return .some(nil) }
        if r.count == 4 {
            // Fast path: a plain year.
            var y = 0
            for i in r {
                let c = p[i]
                guard c >= 0x30, c <= 0x39 else { y = -1; break }
                y = y * 10 + Int(c - 0x30)
            }
            if y >= 0 { return (1900...2100).contains(y) ? .some(y) : nil }
        }
        // Tokenise to ASCII: digits and separators; 年 → 'Y', 月 → 'M', 日 → 'D'.
        var t: [UInt8] = []
        t.reserveCapacity(r.count)
        var i = r.lowerBound
        while i < r.upperBound {
            if r.upperBound - i >= 3, p[i] >= 0xE0 {
                let seq = (p[i], p[i + 1], p[i + 2])
                if seq == (0xE5, 0xB9, 0xB4) { t.append(UInt8(ascii: "Y")); i += 3; continue }
                if seq == (0xE6, 0x9C, 0x88) { t.append(UInt8(ascii: "M")); i += 3; continue }
                if seq == (0xE6, 0x97, 0xA5) { t.append(UInt8(ascii: "D")); i += 3; continue }
            }
            let (a, len) = CellText.asciiEquivalent(p, at: i)
            if a == 0 { return nil }
            t.append(a)
            i += len
        }
        func isDigit(_ k: Int) -> Bool { k < t.count && t[k] >= 0x30 && t[k] <= 0x39 }
        func digits(_ k: inout Int, max: Int) -> Int? {
            var v = 0, c = 0
            while isDigit(k), c < max { v = v * 10 + Int(t[k] - 0x30); k += 1; c += 1 }
            return c == 0 ? nil : v
        }
        var k = 0
        guard t.count >= 4, (0..<4).allSatisfy(isDigit), !isDigit(4) else { return nil }
        let year = digits(&k, max: 4)!
        guard (1900...2100).contains(year) else { return nil }
        if k == t.count { return .some(year) }
        let separators: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "Y")]
        guard separators.contains(t[k]) else { return nil }
        let yearMark = t[k] == UInt8(ascii: "Y")
        k += 1
        if k == t.count { return yearMark ? .some(year) : nil }
        if !yearMark, t[k...].allSatisfy({ $0 == 0x30 }) { return .some(year) }  // 2023.0
        guard let month = digits(&k, max: 2), (1...12).contains(month) else { return nil }
        if k == t.count { return .some(year) }
        guard separators.contains(t[k]) || t[k] == UInt8(ascii: "M") else { return nil }
        let monthMark = t[k] == UInt8(ascii: "M")
        k += 1
        if k == t.count { return monthMark ? .some(year) : nil }
        guard let day = digits(&k, max: 2), (1...31).contains(day) else { return nil }
        if k < t.count, t[k] == UInt8(ascii: "D") { k += 1 }
        if k < t.count {
            // Optional time of day: blank, then digits and ':' / '.'.
            guard t[k] == 0x20 else { return nil }
            while k < t.count, t[k] == 0x20 { k += 1 }
            guard isDigit(k), t[k...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2E }) else {
                return nil
            }
        }
        return .some(year)
    }
}
