import Foundation

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
        // Data row: blank when every cell is whitespace; skipped when its first non-blank cell holds a marker.
        guard let first = cells.lazy.map({ RecordText.trimmed($0.text) }).first(where: { !$0.isEmpty }) else {
            result.rowsSkipped += 1
            return
        }
        if markers.contains(where: { RecordText.contains(first, $0) }) {
            result.rowsSkipped += 1
            return
        }
        result.rowsRead += 1
        // Cells come in column order, usually few: a scan per mapped column, no dictionary per row.
        let values: [String?] = columnIndex.map { c -> String? in
            guard let cell = cells.last(where: { $0.column == c + 1 }) else { return nil }
            if let kind = kinds[cell.column], let v = cell.number { return Self.declared(kind, v, date1904: date1904) ?? cell.text }
            return cell.text
        }
        result.rows.append(TableRow(line: row, layout: layout, values: values))
    }

    /// The skip markers that are not empty, as UTF-8.
    private lazy var markers: [[UInt8]] = spec.skipMarkers.filter { !$0.isEmpty }.map { Array($0.utf8) }

    private mutating func makeLayout() throws(IngestDiagnostic) {
        // Header rows absent from the sheet are empty rows.
        let names = HeaderNames.build((spec.skipRows + 1...spec.skipRows + spec.headerRows).map { headerCells[$0] ?? [] })
        let fields = spec.columns.keys.sorted()
        var slots: [String: Int] = [:]
        var headers: [String] = []
        for field in fields {
            let column = spec.columns[field]!
            let match: Int
            do { match = try HeaderNames.column(of: column.header, field: field, in: names) { XLSXColumn.letters($0 + 1) } } catch {
                throw fail(spec.skipRows + 1, error.message)
            }
            slots[field] = columnIndex.count
            columnIndex.append(match)
            if let kind = column.kind { kinds[match + 1] = kind }
            headers.append(names[match])
        }
        layout = TableLayout(
            file: file, slots: slots, columns: columnIndex.map { $0 + 1 }, headers: headers,
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
                throw fail(
                    0,
                    "sheet has \(lastRow) rows; expected at least \(spec.skipRows + spec.headerRows) (skip_rows \(spec.skipRows) + header_rows \(spec.headerRows))"
                )
            }
            try makeLayout()
        }
        return result
    }
}

/// One non-empty cell of a sheet row: its 1-based column, its text as the reader hands it on, and, for a number cell,
/// the number stored (a date cell's serial), for columns declared ``ColumnKind/date`` or ``ColumnKind/year``.
struct GridCell {
    var column: Int
    var text: String
    var number: Double?
}
