import Foundation
import YouxiangCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An opened `.xlsx`/`.xlsm` workbook: its sheets, shared strings and cell styles. The sheets themselves are parsed
/// row by row with `XMLParser` (SAX), never as a document tree.
///
/// Errors are ``IngestDiagnostic``s with line 0 naming the file (and the sheet where one is concerned).
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var part: String
        var hidden: Bool
    }

    let path: String
    let archive: ZipParts
    let limits: XLSXLimits
    private(set) var sheets: [Sheet] = []
    private(set) var sharedStrings: [String] = []
    /// Per cell style index (`s`): whether its number format shows a date.
    private(set) var dateStyles: [Bool] = []
    /// Per cell style index (`s`): whether its number format shows a percentage (`92.5%` is stored as 0.925).
    private(set) var percentStyles: [Bool] = []
    /// The 1904 date system (`<workbookPr date1904="1"/>`, old Mac workbooks).
    private(set) var date1904 = false

    init(path: String, limits: XLSXLimits) throws(IngestDiagnostic) {
        self.path = path
        self.limits = limits
        do {
            archive = try ZipParts(path: path)
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw IngestDiagnostic(file: path, line: 0, message: "cannot read file: no such file") }
            // Only a regular file is opened to look at its first bytes (a FIFO would block the open).
            let regular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
            let head =
                regular
                ? FileHandle(forReadingAtPath: path).flatMap { h in
                    defer { try? h.close() }; return try? h.read(upToCount: 4096)
                } : nil
            if let head, head.prefix(8).elementsEqual([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                throw IngestDiagnostic(
                    file: path, line: 0, message: "this file is an old Excel workbook (.xls), not an .xlsx; give it the .xls extension or set `format: xls`")
            }
            if let head, Self.looksLikeText(head) {
                throw IngestDiagnostic(
                    file: path, line: 0,
                    message:
                        "this file is text (a CSV export saved with an .xlsx name?), not an .xlsx workbook; give it the .csv extension or set `format: csv`")
            }
            throw IngestDiagnostic(file: path, line: 0, message: "not an .xlsx workbook (\(error)); re-save it from Excel or WPS as .xlsx")
        }
        guard let workbook = try part("xl/workbook.xml", required: true) else { return }
        let rels = try part("xl/_rels/workbook.xml.rels", required: true) ?? Data()
        let relTargets = Self.relationships(rels)
        let wb = SimpleElements(names: ["sheet", "workbookPr"])
        wb.parse(workbook)
        for (name, attributes) in wb.found {
            if name == "workbookPr" {
                date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
                continue
            }
            guard let sheetName = attributes["name"], let rid = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value,
                var target = relTargets[rid]
            else { continue }
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            sheets.append(Sheet(name: sheetName, part: target, hidden: (attributes["state"] ?? "visible") != "visible"))
        }
        if sheets.isEmpty { throw IngestDiagnostic(file: path, line: 0, message: "workbook has no sheets") }
        if let data = try part("xl/sharedStrings.xml", required: false) {
            let p = SharedStringsParser(limit: limits.maxSharedStrings)
            p.parse(data)
            if p.overLimit {
                throw IngestDiagnostic(file: path, line: 0, message: "more than \(limits.maxSharedStrings) shared strings (limit maxSharedStrings)")
            }
            sharedStrings = p.strings
        }
        if let data = try part("xl/styles.xml", required: false) {
            let p = StylesParser()
            p.parse(data)
            percentStyles = p.xfFormats.map { id in
                if let code = p.customFormats[id] { return code.contains("%") }
                return id == 9 || id == 10
            }
            dateStyles = p.xfFormats.map { id in
                if let code = p.customFormats[id] { return Self.isDateFormat(code) }
                return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
            }
        }
    }

    /// The sheet named `selector`, or the `selector`-th sheet (1-based) when no sheet has that name; nil selector: the
    /// first visible sheet.
    func sheet(_ selector: String?) throws(IngestDiagnostic) -> Sheet {
        let names = sheets.map { $0.hidden ? "\($0.name) (hidden)" : $0.name }.joined(separator: ", ")
        guard let selector else {
            guard let s = sheets.first(where: { !$0.hidden }) else {
                throw IngestDiagnostic(file: path, line: 0, message: "every sheet is hidden; set `sheet:` to one of: \(names)")
            }
            return s
        }
        if let s = sheets.first(where: { $0.name == selector }) { return s }
        if let i = Int(selector), (1...sheets.count).contains(i) { return sheets[i - 1] }
        throw IngestDiagnostic(file: path, line: 0, message: "no sheet \"\(selector)\"; sheets: \(names) (or give `sheet:` as a 1-based index)")
    }

    /// Inflates one part, counting bytes against ``XLSXLimits/maxPartBytes`` as they come.
    func part(_ name: String, required: Bool) throws(IngestDiagnostic) -> Data? {
        guard archive.entries[name] != nil else {
            if required { throw IngestDiagnostic(file: path, line: 0, message: "not an .xlsx workbook: part \(name) is missing") }
            return nil
        }
        let limit = limits.maxPartBytes
        let data: Data
        do {
            guard let d = try archive.read(name, limit: limit) else { return nil }
            data = d
        } catch ZipParts.Failure.tooLarge {
            throw IngestDiagnostic(
                file: path, line: 0,
                message: "part \(name) inflates to more than \(limit) bytes, the limit for one part of a workbook; a zip bomb or an absurd sheet")
        } catch {
            throw IngestDiagnostic(file: path, line: 0, message: "cannot read part \(name): \(error); the workbook is damaged, re-save it from Excel or WPS")
        }
        // Foundation's XMLParser traps (kills the process) on names that are not UTF-8, so a damaged part is refused here
        // (found by fuzz/run xlsx). Excel, WPS and LibreOffice write every part as UTF-8.
        let bad = data.withUnsafeBytes { FieldDecoder.firstInvalidUTF8($0.bindMemory(to: UInt8.self)) }
        if bad < data.count {
            throw IngestDiagnostic(
                file: path, line: 0, message: "part \(name) is not valid UTF-8 at byte \(bad + 1): the workbook is damaged; re-save it from Excel or WPS")
        }
        return data
    }

    /// The text of a cell value as the reader hands it on: shared/inline strings as they are, numbers in their shortest
    /// form (integral values without exponent, so a 学校标识码 stored as a number stays `3302060001`), booleans as
    /// `true`/`false`, date-formatted numbers as `yyyy-mm-dd`, error values (`#DIV/0!`) as they are.
    func text(type: String?, style: Int?, raw: String) -> String? {
        switch type {
        case "s":
            guard let i = Int(raw), sharedStrings.indices.contains(i) else { return nil }
            return sharedStrings[i]
        case "inlineStr", "str", "e": return raw
        case "b": return raw == "1" ? "true" : raw == "0" ? "false" : raw
        default:
            // Hot path: a number cell's text has no surrounding blanks, so Foundation's trimming is skipped then.
            let plainText =
                raw.utf8.first.map { $0 != 0x20 && $0 != 0x09 && $0 < 0x80 } == true
                && raw.utf8.last.map { $0 != 0x20 && $0 != 0x09 && $0 < 0x80 } == true
            guard let v = plainText ? Double(raw) : Double(raw.trimmingCharacters(in: .whitespaces)) else { return raw }
            if let style, dateStyles.indices.contains(style), dateStyles[style], let d = Self.isoDate(serial: v, date1904: date1904) { return d }
            if let style, percentStyles.indices.contains(style), percentStyles[style] {
                // As displayed, so the cell reads like the CSV export's `92.5%`; 12 significant digits drop binary noise.
                return Self.plain(Double(String(format: "%.12g", v * 100)) ?? v * 100) + "%"
            }
            return Self.plain(v)
            return "\(v)"
        }
    }

    /// Integral values without exponent or fraction, others in Swift's shortest round-trip form.
    static func plain(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    /// `yyyy-mm-dd` for a date serial (1900 system: day 1 = 1900-01-01 with Excel's phantom 1900-02-29; 1904 system:
    /// day 0 = 1904-01-01).
    static func isoDate(serial: Double, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        // Days since 1970-01-01.
        if date1904 {
            days += -24107
        } else {
            if days < 60 { days += 1 }  // before the phantom 29 February 1900
            days += -25569
        }
        let c = CivilCalendar.date(days: Int64(days))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }

    /// Whether a custom number format code shows a date: y, d or e (or 年/日) outside quotes, brackets and the word
    /// `General`.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased().replacingOccurrences(of: "general", with: "") {
            if escaped { escaped = false; continue }
            if ch == "\"" { inQuote.toggle(); continue }
            if inQuote { continue }
            switch ch {
            case "\\": escaped = true
            case "[": inBracket = true
            case "]": inBracket = false
            case "y", "d", "e", "年", "日": if !inBracket { return true }
            default: break
            }
        }
        return false
    }

    static func relationships(_ data: Data) -> [String: String] {
        let p = SimpleElements(names: ["Relationship"])
        p.parse(data)
        var out: [String: String] = [:]
        for (_, a) in p.found { if let id = a["Id"], let t = a["Target"] { out[id] = t } }
        return out
    }

    /// Whether a file's first bytes read as text: no NUL and no other control byte but tab and line breaks (UTF-8, GBK
    /// and other ASCII-compatible encodings alike), with a line break or a delimiter in them.
    static func looksLikeText(_ head: Data) -> Bool {
        guard !head.isEmpty else { return false }
        let controls = head.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return !controls && head.contains { $0 == 0x0A || $0 == 0x2C || $0 == 0x09 }
    }
}
