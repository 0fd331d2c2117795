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

    init(
        file: String, slots: [String: Int], columns: [Int?], headers: [String], scales: [Double],
        bounds: [(min: Double?, max: Double?)] = [], sheet: String? = nil
    ) {
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
