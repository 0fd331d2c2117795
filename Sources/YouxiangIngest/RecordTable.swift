import Foundation

/// Builds ``TableRow``s from records that arrive already split into named columns (a database result set), with the
/// same column mapping as the file readers: a field's ``ColumnSpec/header`` names the column (compared after
/// ``CellParser/normalizedHeader(_:)``), `scale`, `min`/`max` and the missing-value words apply to the cell text, and a
/// record whose first non-empty cell holds a skip marker (`合计`, …) is skipped.
public enum RecordTable {
    /// Maps `records` (each a list of cell texts in `columnNames` order; nil = SQL NULL) by `columns`.
    ///
    /// Rows carry `line` = the 1-based record number. Diagnostics carry `source` as their file.
    /// - Throws: ``IngestDiagnostic`` (line 0) when a mapped column is missing or ambiguous, listing the columns present.
    public static func build(
        source: String, columnNames: [String], records: [[String?]], columns: [String: ColumnSpec],
        skipMarkers: [String] = TableSpec.defaultSkipMarkers
    ) throws(IngestDiagnostic) -> TableReadResult {
        let names = columnNames.map(CellParser.normalizedHeader)
        let fields = columns.keys.sorted()
        var slots: [String: Int] = [:]
        var index: [Int] = []
        for field in fields {
            let wanted = CellParser.normalizedHeader(columns[field]!.header)
            let matches = names.indices.filter { names[$0] == wanted }
            guard matches.count == 1 else {
                let problem = matches.isEmpty ? "column \"\(wanted)\" (field \(field)) not found" : "column \"\(wanted)\" (field \(field)) is ambiguous"
                throw IngestDiagnostic(file: source, line: 0, message: "\(problem); columns present: \(columnNames.joined(separator: ", "))")
            }
            slots[field] = index.count
            index.append(matches[0])
        }
        let layout = TableLayout(
            file: source, slots: slots, columns: index.map { $0 + 1 }, headers: index.map { columnNames[$0] },
            scales: fields.map { columns[$0]!.scale }, bounds: fields.map { (columns[$0]!.min, columns[$0]!.max) })
        var result = TableReadResult(rows: [], rowsRead: 0, rowsSkipped: 0, rejected: [])
        let markers = skipMarkers.filter { !$0.isEmpty }.map { Array($0.utf8) }
        for (i, record) in records.enumerated() {
            let first = record.lazy.compactMap { $0.map(RecordText.trimmed) }.first { !$0.isEmpty }
            guard let first else {
                result.rowsSkipped += 1
                continue
            }
            if markers.contains(where: { RecordText.contains(first, $0) }) {
                result.rowsSkipped += 1
                continue
            }
            result.rowsRead += 1
            result.rows.append(TableRow(line: i + 1, layout: layout, values: index.map { $0 < record.count ? record[$0] : nil }))
        }
        return result
    }
}
