/// Column metadata shared by all rows of one table read.
final class TableLayout: Sendable {
    /// The slot of `field`, or nil.
    @inline(__always)
    func slot(of field: String) -> Int? {
        if fieldList.count > 16 { return slots[field] }
        for (name, slot) in fieldList where name == field { return slot }
        return nil
    }

    let file: String
    /// Workbooks: the sheet the rows come from (diagnostics then read `file.xlsx:Sheet!D17`).
    let sheet: String?
    /// Logical field → slot.
    let slots: [String: Int]
    /// Per slot: 1-based column in the file (`nil` for JSON), header as found, scale.
    let columns: [Int?]
    let headers: [String]
    let scales: [Double]
    /// Per slot: the accepted range (``ColumnSpec/min``, ``ColumnSpec/max``).
    let bounds: [(min: Double?, max: Double?)]

    /// The field names and their slots, for a linear lookup: with a handful of fields, comparing short strings beats
    /// hashing them (this is on the per-cell path of every row).
    let fieldList: [(String, Int)]

    init(file: String, slots: [String: Int], columns: [Int?], headers: [String], scales: [Double],
         bounds: [(min: Double?, max: Double?)] = [], sheet: String? = nil) {
        self.sheet = sheet
        self.bounds = bounds.isEmpty ? scales.map { _ in (nil, nil) } : bounds
        self.file = file
        self.slots = slots
        self.fieldList = slots.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        self.columns = columns
        self.headers = headers
        self.scales = scales
    }
}

/// One accepted data row, addressed by logical field name (the keys of ``TableSpec/columns``).
///
/// Only the mapped columns are kept, as decoded text. Typed accessors parse on demand and throw an
/// ``IngestDiagnostic`` naming file, line, the 1-based column in the file and its header, e.g.
/// `data/kg.csv:14:9: 在园幼儿数/合计: "12x" is not a number`. Asking for a field that is not mapped throws too
/// (``text(_:)`` returns `nil`), so a typo in plugin code is not silently read as "missing".
public struct TableRow: Sendable {
    /// The file the row came from, as given to the reader.
    public let file: String
    /// CSV: the 1-based physical line the record starts on. JSON: the 1-based index of the record in the array.
    public let line: Int
    let layout: TableLayout
    let values: [String?]
    /// JSON only: which slots had their key present in the object (empty = all present).
    let present: [Bool]

    init(line: Int, layout: TableLayout, values: [String?], present: [Bool] = []) {
        file = layout.file
        self.line = line
        self.layout = layout
        self.values = values
        self.present = present
    }

    /// The cell's text, trimmed; `nil` when the field is not mapped, the row is short, or the cell is empty or a
    /// missing marker (`—`, `-`, `/`, `N/A`, `无`, …; see ``CellParser``). IDs exported as numbers stay as text
    /// (e.g. `2.13301E+09`); this accessor does not reinterpret them.
    public func text(_ field: String) -> String? {
        guard let slot = layout.slot(of: field), let raw = values[slot] else { return nil }
        return CellText.presentText(raw)
    }

    /// The cell as a number (``CellParser/number(_:)``) multiplied by the column's ``ColumnSpec/scale``;
    /// `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a number (or is out of the double range), the
    ///   scaled value is outside the column's `min`/`max`, or the field is not mapped.
    public func number(_ field: String) throws(IngestDiagnostic) -> Double? {
        let slot = try slot(field)
        guard let raw = values[slot] else { return nil }
        let value: Double
        do {
            guard let v = try CellParser.number(raw) else { return nil }
            let scale = layout.scales[slot]
            value = scale == 1 ? v : v * scale
        } catch {
            throw cellError(slot, error)
        }
        guard value.isFinite else {
            throw cellError(slot, CellParseError(text: raw, message: "\"\(raw)\" × \(layout.scales[slot]) is out of the double range"))
        }
        let (lo, hi) = layout.bounds[slot]
        if let lo, value < lo {
            throw cellError(slot, CellParseError(text: raw, message: "\(shortestText(value)) is below the column's min \(shortestText(lo))"))
        }
        if let hi, value > hi {
            throw cellError(slot, CellParseError(text: raw, message: "\(shortestText(value)) is above the column's max \(shortestText(hi))"))
        }
        return value
    }

    /// The cell as a yes/no flag (``CellParser/flag(_:)``); `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a flag or the field is not mapped.
    public func flag(_ field: String) throws(IngestDiagnostic) -> Bool? {
        let slot = try slot(field)
        guard let raw = values[slot] else { return nil }
        do { return try CellParser.flag(raw) } catch { throw cellError(slot, error) }
    }

    /// The year of a year or date cell (``CellParser/year(_:)``); `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a year or date or the field is not mapped.
    public func year(_ field: String) throws(IngestDiagnostic) -> Int? {
        let slot = try slot(field)
        guard let raw = values[slot] else { return nil }
        do { return try CellParser.year(raw) } catch { throw cellError(slot, error) }
    }

    /// Whether `field` is mapped and its column exists: always true for a mapped CSV field (a missing header fails
    /// the whole read); for JSON, whether this record has the key (even with a `null` value).
    public func has(_ field: String) -> Bool {
        guard let slot = layout.slot(of: field) else { return false }
        return present.isEmpty || present[slot]
    }

    private func slot(_ field: String) throws(IngestDiagnostic) -> Int {
        guard let slot = layout.slot(of: field) else {
            let known = layout.slots.keys.sorted().joined(separator: ", ")
            throw IngestDiagnostic(
                file: file, line: line,
                message: "field \"\(field)\" is not mapped for this table (mapped: \(known))")
        }
        return slot
    }

    private func cellError(_ slot: Int, _ error: any Error) -> IngestDiagnostic {
        let reason = (error as? CellParseError)?.message ?? "\(error)"
        return IngestDiagnostic(file: file, line: line, column: layout.columns[slot],
                                message: "\(layout.headers[slot]): \(reason)", sheet: layout.sheet)
    }
}

/// The outcome of reading one table.
public struct TableReadResult: Sendable {
    /// Accepted data rows, in file order.
    public var rows: [TableRow]
    /// Data records after the header, excluding blank lines and skipped marker rows (= accepted + rejected).
    public var rowsRead: Int
    /// Subtotal / footer rows matched by ``TableSpec/skipMarkers``, plus blank lines (all cells empty).
    public var rowsSkipped: Int
    /// Rows dropped at this layer, each with file, line and (where known) column: bytes that do not decode in the
    /// table's encoding, CSV syntax errors, non-object JSON records.
    public var rejected: [IngestDiagnostic]

    /// Creates a result; see the properties.
    public init(rows: [TableRow], rowsRead: Int, rowsSkipped: Int, rejected: [IngestDiagnostic]) {
        self.rows = rows
        self.rowsRead = rowsRead
        self.rowsSkipped = rowsSkipped
        self.rejected = rejected
    }
}

/// `v` in the shortest form that reads back as the same double (integral values without a decimal point).
func shortestText(_ v: Double) -> String {
    v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : v.description
}
