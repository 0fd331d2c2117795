import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one sheet of an `.xlsx`/`.xlsm` workbook into ``TableRow``s, with the same ``TableSpec`` and the same rules
/// as ``TableReader`` reads a CSV export of that sheet.
///
/// - Rows are sheet rows: `skipRows` skips sheet rows 1…skipRows (title rows, merged or not), the next `headerRows`
///   rows are the header (a merged header cell has its text in its first cell only, and is joined like the CSV
///   two-row header: `在园幼儿数/合计`), every later row is data. A row absent from the sheet is blank.
/// - Cell values: shared and inline strings, numbers (integral ones without exponent: a 学校标识码 stays a 10-digit
///   string whether stored as text or as a number), booleans (`true`/`false`), the cached value of a formula, dates
///   as `yyyy-mm-dd` where the cell's number format is a date (1900 and 1904 date systems). Error values (`#DIV/0!`)
///   reach the row as text and are rejected where a number is needed.
/// - Diagnostics name the cell: `data/kg.xlsx:基础基311!D17: 在园幼儿数/合计: "#DIV/0!" is not a number`.
/// - ``XLSXLimits`` bound the inflated size of each part and the cell count.
public enum XLSXTableReader {
    /// Reads the sheet `sheet` (a name, or a 1-based index when no sheet has that name; nil: the first visible sheet).
    ///
    /// - Throws: ``IngestDiagnostic`` for file-level problems: not a workbook, no such sheet, a limit exceeded, XML that
    ///   does not parse, a mapped header missing or ambiguous (the message lists the headers present).
    public static func read(path: String, sheet: String?, spec: TableSpec, limits: XLSXLimits = XLSXLimits()) throws(IngestDiagnostic) -> TableReadResult {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        let chosen = try workbook.sheet(sheet)
        guard let xml = try workbook.part(chosen.part, required: true) else { throw IngestDiagnostic(file: path, line: 0, message: "sheet part missing") }
        var builder = GridTableBuilder(file: path, sheet: chosen.name, spec: spec, date1904: workbook.date1904)
        let parser = SheetParser(workbook: workbook, maxCells: limits.maxCells) { row, cells throws(IngestDiagnostic) in
            try builder.add(row: row, cells: cells)
        }
        try parser.run(xml, file: path, sheet: chosen.name)
        return try builder.finish()
    }
}

/// One non-empty cell of a sheet row: its 1-based column, its text as the reader hands it on, and, for a number cell,
/// the number stored (a date cell's serial), for columns declared ``ColumnKind/date`` or ``ColumnKind/year``.
struct GridCell {
    var column: Int
    var text: String
    var number: Double?
}

/// Turns sheet rows (row number, cells by 1-based column) into a ``TableReadResult`` by a ``TableSpec``.
struct GridTableBuilder {
    let file: String
    let sheet: String
    let spec: TableSpec
    /// The workbook's date system, for declared date and year columns.
    let date1904: Bool
    /// Per sheet column (1-based) mapped to a field declared `type: date` or `type: year`.
    private var kinds: [Int: ColumnKind] = [:]
    private var headerCells: [Int: [String]] = [:]
    private var layout: TableLayout?
    private var columnIndex: [Int] = []
    private var result = TableReadResult(rows: [], rowsRead: 0, rowsSkipped: 0, rejected: [])
    private var lastRow = 0

    init(file: String, sheet: String, spec: TableSpec, date1904: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.spec = spec
        self.date1904 = date1904
    }

    private func fail(_ row: Int, _ message: String) -> IngestDiagnostic {
        IngestDiagnostic(file: file, line: row, message: message, sheet: sheet)
    }

    mutating func add(row: Int, cells: [GridCell]) throws(IngestDiagnostic) {
        let firstHeader = spec.skipRows + 1
        let firstData = spec.skipRows + spec.headerRows + 1
        guard row > lastRow else { throw fail(row, "rows out of order") }
        lastRow = row
        if row < firstHeader { return }
        if row < firstData {
            var line = [String]()
            for cell in cells {
                while line.count < cell.column - 1 { line.append("") }
                line.append(CellParser.normalizedHeader(cell.text))
            }
            headerCells[row] = line
            return
        }
        if layout == nil { try makeLayout() }
        guard let layout else { return }
        // Data row.
        let present = cells.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if present.isEmpty {
            result.rowsSkipped += 1
            return
        }
        if let first = present.first?.text.trimmingCharacters(in: .whitespacesAndNewlines),
           spec.skipMarkers.contains(where: { !$0.isEmpty && first.contains($0) }) {
            result.rowsSkipped += 1
            return
        }
        result.rowsRead += 1
        var byColumn: [Int: String] = [:]
        for cell in cells {
            if let kind = kinds[cell.column], let v = cell.number {
                byColumn[cell.column] = Self.declared(kind, v, date1904: date1904) ?? cell.text
            } else {
                byColumn[cell.column] = cell.text
            }
        }
        let values: [String?] = columnIndex.map { byColumn[$0 + 1] }
        result.rows.append(TableRow(line: row, layout: layout, values: values))
    }

    private mutating func makeLayout() throws(IngestDiagnostic) {
        // Header rows absent from the sheet are empty rows.
        let names = HeaderNames.build((spec.skipRows + 1...spec.skipRows + spec.headerRows).map { headerCells[$0] ?? [] })
        let fields = spec.columns.keys.sorted()
        var slots: [String: Int] = [:]
        var headers: [String] = []
        for field in fields {
            let column = spec.columns[field]!
            let wanted = CellParser.normalizedHeader(column.header)
            let matches = names.indices.filter { names[$0] == wanted }
            guard matches.count == 1 else {
                let present = names.enumerated().filter { !$0.element.isEmpty }
                    .map { "\(XLSXColumn.letters($0.offset + 1)):\($0.element)" }.joined(separator: ", ")
                let problem = matches.isEmpty
                    ? "header \"\(wanted)\" (field \(field)) not found"
                    : "header \"\(wanted)\" (field \(field)) is ambiguous: columns \(matches.map { XLSXColumn.letters($0 + 1) }.joined(separator: ", "))"
                throw fail(spec.skipRows + 1, "\(problem); headers present: \(present)")
            }
            slots[field] = columnIndex.count
            columnIndex.append(matches[0])
            if let kind = column.kind { kinds[matches[0] + 1] = kind }
            headers.append(names[matches[0]])
        }
        layout = TableLayout(file: file, slots: slots, columns: columnIndex.map { $0 + 1 }, headers: headers,
                             scales: fields.map { spec.columns[$0]!.scale },
                             bounds: fields.map { (spec.columns[$0]!.min, spec.columns[$0]!.max) }, sheet: sheet)
    }

    /// A number cell of a declared column as text: a date serial as `yyyy-mm-dd`; for a year column, a whole number
    /// 1000–9999 as itself, another number as its date's year. nil: not a valid serial (the cell's own text stays).
    static func declared(_ kind: ColumnKind, _ v: Double, date1904: Bool) -> String? {
        switch kind {
        case .date:
            return XLSXWorkbook.isoDate(serial: v, date1904: date1904)
        case .year:
            if v == v.rounded(), (1000...9999).contains(v) { return String(Int(v)) }
            return XLSXWorkbook.isoDate(serial: v, date1904: date1904).map { String($0.prefix(4)) }
        }
    }

    mutating func finish() throws(IngestDiagnostic) -> TableReadResult {
        if layout == nil {
            if headerCells.isEmpty {
                throw fail(0, "sheet has \(lastRow) rows; expected at least \(spec.skipRows + spec.headerRows) (skip_rows \(spec.skipRows) + header_rows \(spec.headerRows))")
            }
            try makeLayout()
        }
        return result
    }
}

/// SAX parser of one sheet part: hands on each `<row>` with its cells' texts.
private final class SheetParser: NSObject, XMLParserDelegate {
    typealias Handler = (Int, [GridCell]) throws(IngestDiagnostic) -> Void
    let workbook: XLSXWorkbook
    let maxCells: Int
    let handler: Handler
    var error: IngestDiagnostic?
    private var file = "", sheet = ""
    private var cells = 0
    private var rowNumber = 0
    private var rowCells: [GridCell] = []
    private var cellColumn = 0
    private var cellType: String?
    private var cellStyle: Int?
    private var value = ""
    private var collecting = false
    private var inInline = false

    init(workbook: XLSXWorkbook, maxCells: Int, handler: @escaping Handler) {
        self.workbook = workbook
        self.maxCells = maxCells
        self.handler = handler
    }

    func run(_ data: Data, file: String, sheet: String) throws(IngestDiagnostic) {
        self.file = file
        self.sheet = sheet
        let parser = XMLParser(data: data)
        parser.delegate = self
        let ok = parser.parse()
        if let error { throw error }
        if !ok {
            throw IngestDiagnostic(file: file, line: 0, message: "sheet XML does not parse: \(parser.parserError.map { "\($0)" } ?? "unknown error")", sheet: sheet)
        }
    }

    private func stop(_ parser: XMLParser, _ e: IngestDiagnostic) {
        if error == nil { error = e }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch e {
        case "row":
            let next = rowNumber + 1
            rowNumber = a["r"].flatMap(Int.init) ?? next
            rowCells = []
            cellColumn = 0
        case "c":
            cells += 1
            if cells > maxCells {
                stop(parser, IngestDiagnostic(file: file, line: rowNumber, message: "sheet has more than \(maxCells) cells (limit maxCells)", sheet: sheet))
                return
            }
            if let r = a["r"], let ref = XLSXColumn.parse(r) { cellColumn = ref.column } else { cellColumn += 1 }
            cellType = a["t"]
            cellStyle = a["s"].flatMap(Int.init)
            value = ""
        case "v": collecting = true; value = ""
        case "is": inInline = true; value = ""
        case "t" where inInline: collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch e {
        case "v", "t": collecting = false
        case "is": inInline = false
        case "c":
            if !value.isEmpty || cellType == "inlineStr" || cellType == "str",
               let text = workbook.text(type: cellType, style: cellStyle, raw: value), !text.isEmpty {
                let number = cellType == nil || cellType == "n" ? Double(value.trimmingCharacters(in: .whitespaces)) : nil
                rowCells.append(GridCell(column: cellColumn, text: text, number: number))
            }
            value = ""
        case "row":
            do { try handler(rowNumber, rowCells) } catch { stop(parser, error) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { value += string } }
}
