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
}
