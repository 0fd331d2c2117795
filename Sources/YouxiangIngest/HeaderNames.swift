/// Builds column names from header rows.
enum HeaderNames {
    /// Forward-fills merged cells in every row but the last (an empty cell takes its left neighbour's value when both
    /// columns share the same parents and some lower row names the column), then joins each column's non-empty parts
    /// with `/`.
    static func build(_ rows: [[String]]) -> [String] {
        let width = rows.map(\.count).max() ?? 0
        var grid = rows.map { $0 + Array(repeating: "", count: width - $0.count) }
        for r in 0..<max(0, grid.count - 1) {
            for c in 1..<max(1, width) where grid[r][c].isEmpty && !grid[r][c - 1].isEmpty {
                let namedBelow = (r + 1..<grid.count).contains { !grid[$0][c].isEmpty }
                let sameParents = (0..<r).allSatisfy { grid[$0][c] == grid[$0][c - 1] }
                if namedBelow && sameParents { grid[r][c] = grid[r][c - 1] }
            }
        }
        return (0..<width).map { c in
            grid.map { $0[c] }.filter { !$0.isEmpty }.joined(separator: "/")
        }
    }

    /// The column a configured header names: its 0-based index in `names` (the file's column names, from
    /// ``build(_:)``), compared after ``CellParser/normalizedHeader(_:)``.
    /// - Parameters:
    ///   - header: the configured header; `field`: the logical field it is mapped to (for the message);
    ///   - columnName: how the file names a 0-based column in messages (`3` for CSV, `C` for a workbook).
    /// - Throws: ``HeaderMismatch`` when no column or more than one has that name, e.g. `header "学段" (field stage)
    ///   not found; headers present: 1:学校标识码, 2:学校名称` or `… is ambiguous: columns 3, 7; headers present: …`.
    static func column(
        of header: String, field: String, in names: [String], columnName: (Int) -> String
    ) throws(HeaderMismatch) -> Int {
        let wanted = CellParser.normalizedHeader(header)
        let matches = names.indices.filter { names[$0] == wanted }
        if matches.count == 1 { return matches[0] }
        let present = names.enumerated().filter { !$0.element.isEmpty }
            .map { "\(columnName($0.offset)):\($0.element)" }.joined(separator: ", ")
        let problem =
            matches.isEmpty
            ? "header \"\(wanted)\" (field \(field)) not found"
            : "header \"\(wanted)\" (field \(field)) is ambiguous: columns \(matches.map(columnName).joined(separator: ", "))"
        throw HeaderMismatch(message: "\(problem); headers present: \(present)")
    }
}

/// A configured header that names no column of the file, or more than one (see ``HeaderNames/column(of:field:in:columnName:)``).
struct HeaderMismatch: Error {
    /// What is wrong and which headers the file has.
    let message: String
}
