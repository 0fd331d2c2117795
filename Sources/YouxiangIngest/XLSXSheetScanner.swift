import Foundation

/// Reads one sheet part (`xl/worksheets/sheetN.xml`) byte by byte and hands on each `<row>` with its cells' texts, in
/// one pass over the inflated bytes, with no XML library: a sheet is a flat, machine-written list of `<row>`s of `<c>`s,
/// and Foundation's `XMLParser` both cost most of a workbook's read time (a callback and a dictionary of attributes per
/// element) and refused any part over 10 MB (libxml2's default limit: a sheet of about 48,000 rows of six columns).
///
/// What it understands: `<row r>`; `<c r t s>` with `<v>` (the value or shared-string index), `<is>` (inline string:
/// the texts of its `<t>` runs) and `<f>` (a formula, whose text is ignored: the cached `<v>` is read); the five
/// predefined entities and numeric character references; CDATA sections; comments and processing instructions (skipped);
/// element names with a namespace prefix (`x:row`). A DOCTYPE is refused (Excel, WPS and LibreOffice never write one;
/// refusing it rules out entity expansion). A tag or reference that does not end, or an unknown entity, fails the file
/// with "sheet XML does not parse" and the byte offset.
struct XLSXSheetScanner {
    typealias Handler = (Int, [GridCell]) throws(IngestDiagnostic) -> Void
    let workbook: XLSXWorkbook
    let maxCells: Int

    private enum Element { case row, c, v, isElement, t, other }

    func run(_ data: Data, file: String, sheet: String, handler: Handler) throws(IngestDiagnostic) {
        var failure: IngestDiagnostic?
        data.withUnsafeBytes { raw in
            do throws(IngestDiagnostic) {
                try scan(raw.bindMemory(to: UInt8.self), file: file, sheet: sheet, handler: handler)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private func scan(_ p: UnsafeBufferPointer<UInt8>, file: String, sheet: String, handler: Handler) throws(IngestDiagnostic) {
        let n = p.count
        var i = 0
        var rowNumber = 0
        var rowCells: [GridCell] = []
        var cellColumn = 0
        var cellType: String?
        var cellStyle: Int?
        var value: [UInt8] = []
        var collecting = false
        var inInline = false
        var cells = 0

        func broken(_ what: String, at offset: Int) -> IngestDiagnostic {
            IngestDiagnostic(file: file, line: 0, message: "sheet XML does not parse: \(what) at byte \(offset + 1)", sheet: sheet)
        }
        /// The index of the first occurrence of `needle` at or after `from`, or nil.
        func find(_ needle: StaticString, from: Int) -> Int? {
            let len = needle.utf8CodeUnitCount
            let s = needle.utf8Start
            var k = from
            while k + len <= n {
                if p[k] == s[0] {
                    var m = 1
                    while m < len, p[k + m] == s[m] { m += 1 }
                    if m == len { return k }
                }
                k += 1
            }
            return nil
        }
        func element(_ start: Int, _ end: Int) -> Element {
            var s = start
            for k in start..<end where p[k] == UInt8(ascii: ":") { s = k + 1 }
            switch end - s {
            case 1:
                if p[s] == UInt8(ascii: "c") { return .c }
                if p[s] == UInt8(ascii: "v") { return .v }
                if p[s] == UInt8(ascii: "t") { return .t }
            case 2:
                if p[s] == UInt8(ascii: "i"), p[s + 1] == UInt8(ascii: "s") { return .isElement }
            case 3:
                if p[s] == UInt8(ascii: "r"), p[s + 1] == UInt8(ascii: "o"), p[s + 2] == UInt8(ascii: "w") { return .row }
            default: break
            }
            return .other
        }
        /// Appends text (between tags) with its references resolved.
        func appendText(_ start: Int, _ end: Int) throws(IngestDiagnostic) {
            var k = start
            while k < end {
                let b = p[k]
                if b != UInt8(ascii: "&") {
                    var e = k + 1
                    while e < end, p[e] != UInt8(ascii: "&") { e += 1 }
                    value.append(contentsOf: UnsafeBufferPointer(rebasing: p[k..<e]))
                    k = e
                    continue
                }
                var semi = k + 1
                while semi < end, p[semi] != UInt8(ascii: ";"), semi - k < 12 { semi += 1 }
                guard semi < end, p[semi] == UInt8(ascii: ";") else { throw broken("a reference that does not end", at: k) }
                let name = UnsafeBufferPointer(rebasing: p[(k + 1)..<semi])
                if name.elementsEqual("lt".utf8) {
                    value.append(UInt8(ascii: "<"))
                } else if name.elementsEqual("gt".utf8) {
                    value.append(UInt8(ascii: ">"))
                } else if name.elementsEqual("amp".utf8) {
                    value.append(UInt8(ascii: "&"))
                } else if name.elementsEqual("quot".utf8) {
                    value.append(UInt8(ascii: "\""))
                } else if name.elementsEqual("apos".utf8) {
                    value.append(UInt8(ascii: "'"))
                } else if name.first == UInt8(ascii: "#") {
                    let hex = name.count > 1 && (name[1] | 0x20) == UInt8(ascii: "x")
                    guard let code = UInt32(String(decoding: name.dropFirst(hex ? 2 : 1), as: UTF8.self), radix: hex ? 16 : 10),
                        let scalar = Unicode.Scalar(code)
                    else { throw broken("an invalid character reference", at: k) }
                    value.append(contentsOf: String(Character(scalar)).utf8)
                } else {
                    throw broken("an unknown entity", at: k)
                }
                k = semi + 1
            }
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        while i < n {
            if p[i] != UInt8(ascii: "<") {
                var e = i + 1
                while e < n, p[e] != UInt8(ascii: "<") { e += 1 }
                if collecting { try appendText(i, e) }
                i = e
                continue
            }
            guard i + 1 < n else { throw broken("a tag that does not end", at: i) }
            switch p[i + 1] {
            case UInt8(ascii: "?"):
                guard let e = find("?>", from: i + 2) else { throw broken("a processing instruction that does not end", at: i) }
                i = e + 2
                continue
            case UInt8(ascii: "!"):
                if i + 3 < n, p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") {
                    guard let e = find("-->", from: i + 4) else { throw broken("a comment that does not end", at: i) }
                    i = e + 3
                } else if i + 9 <= n, UnsafeBufferPointer(rebasing: p[i..<(i + 9)]).elementsEqual("<![CDATA[".utf8) {
                    guard let e = find("]]>", from: i + 9) else { throw broken("a CDATA section that does not end", at: i) }
                    if collecting { value.append(contentsOf: UnsafeBufferPointer(rebasing: p[(i + 9)..<e])) }
                    i = e + 3
                } else {
                    throw broken("a DOCTYPE or declaration (not allowed in a sheet)", at: i)
                }
                continue
            case UInt8(ascii: "/"):
                var e = i + 2
                while e < n, p[e] != UInt8(ascii: ">"), !isSpace(p[e]) { e += 1 }
                let kind = element(i + 2, e)
                while e < n, p[e] != UInt8(ascii: ">") { e += 1 }
                guard e < n else { throw broken("a tag that does not end", at: i) }
                i = e + 1
                switch kind {
                case .v, .t: collecting = false
                case .isElement: inInline = false
                case .c:
                    let raw = String(decoding: value, as: UTF8.self)
                    if !value.isEmpty || cellType == "inlineStr" || cellType == "str",
                        let text = workbook.text(type: cellType, style: cellStyle, raw: raw), !text.isEmpty
                    {
                        // A number cell keeps the number stored, for columns declared `type: date` or `type: year`.
                        let number = cellType == nil || cellType == "n" ? Self.number(raw) : nil
                        rowCells.append(GridCell(column: cellColumn, text: text, number: number))
                    }
                    value.removeAll(keepingCapacity: true)
                case .row: try handler(rowNumber, rowCells)
                case .other: break
                }
                continue
            default:
                break
            }
            // A start tag: its name, the attributes this reader needs, and whether it closes itself.
            var e = i + 1
            while e < n, p[e] != UInt8(ascii: ">"), p[e] != UInt8(ascii: "/"), !isSpace(p[e]) { e += 1 }
            let kind = element(i + 1, e)
            var r: Range<Int>?, t: Range<Int>?, s: Range<Int>?
            var selfClosing = false
            while true {
                while e < n, isSpace(p[e]) { e += 1 }
                guard e < n else { throw broken("a tag that does not end", at: i) }
                if p[e] == UInt8(ascii: ">") { e += 1; break }
                if p[e] == UInt8(ascii: "/") {
                    guard e + 1 < n, p[e + 1] == UInt8(ascii: ">") else { throw broken("a malformed tag", at: i) }
                    selfClosing = true
                    e += 2
                    break
                }
                let nameStart = e
                while e < n, p[e] != UInt8(ascii: "="), !isSpace(p[e]), p[e] != UInt8(ascii: ">") { e += 1 }
                let nameEnd = e
                while e < n, isSpace(p[e]) { e += 1 }
                guard e < n, p[e] == UInt8(ascii: "=") else { throw broken("an attribute without a value", at: nameStart) }
                e += 1
                while e < n, isSpace(p[e]) { e += 1 }
                guard e < n, p[e] == UInt8(ascii: "\"") || p[e] == UInt8(ascii: "'") else { throw broken("an attribute value without quotes", at: e) }
                let quote = p[e]
                let valueStart = e + 1
                e = valueStart
                while e < n, p[e] != quote { e += 1 }
                guard e < n else { throw broken("an attribute value that does not end", at: valueStart) }
                if nameEnd - nameStart == 1 {
                    switch p[nameStart] {
                    case UInt8(ascii: "r"): r = valueStart..<e
                    case UInt8(ascii: "t"): t = valueStart..<e
                    case UInt8(ascii: "s"): s = valueStart..<e
                    default: break
                    }
                }
                e += 1
            }
            i = e
            switch kind {
            case .row:
                rowNumber = r.flatMap { Self.integer(p, $0) } ?? rowNumber + 1
                rowCells = []
                cellColumn = 0
                if selfClosing { try handler(rowNumber, rowCells) }
            case .c:
                cells += 1
                if cells > maxCells {
                    throw IngestDiagnostic(file: file, line: rowNumber, message: "sheet has more than \(maxCells) cells (limit maxCells)", sheet: sheet)
                }
                if let r, let column = Self.column(p, r) { cellColumn = column } else { cellColumn += 1 }
                cellType = t.map { String(decoding: UnsafeBufferPointer(rebasing: p[$0]), as: UTF8.self) }
                cellStyle = s.flatMap { Self.integer(p, $0) }
                value.removeAll(keepingCapacity: true)
            case .v:
                collecting = !selfClosing
                value.removeAll(keepingCapacity: true)
            case .isElement:
                inInline = !selfClosing
                value.removeAll(keepingCapacity: true)
            case .t:
                if inInline { collecting = !selfClosing }
            case .other:
                break
            }
        }
    }

    /// The number a number cell stores; Foundation's trimming only when the text starts or ends with a blank.
    static func number(_ raw: String) -> Double? {
        if let f = raw.utf8.first, let l = raw.utf8.last, f < 0x80, l < 0x80, f != 0x20, f != 0x09, l != 0x20, l != 0x09 { return Double(raw) }
        return Double(raw.trimmingCharacters(in: .whitespaces))
    }

    /// A non-negative decimal integer attribute (`r="17"`, `s="3"`); nil when it is not one.
    static func integer(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count <= 9 else { return nil }
        var v = 0
        for k in r {
            let d = p[k]
            guard d >= 0x30, d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }

    /// The 1-based column of a cell reference (`D17` → 4), as ``XLSXColumn/parse(_:)`` reads it.
    static func column(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        XLSXColumn.parse(bytes: p[r])?.column
    }
}
