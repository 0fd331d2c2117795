import YouxiangIngest

/// Rejects a second row for the same key (e.g. the same 学校标识码 in the same year), naming where the first was.
/// A school counted twice would silently bias every share it is part of.
public struct DuplicateGuard {
    private var firstSeen: [String: (file: String, line: Int)] = [:]
    public init() {}

    /// Records `key` for `row`; throws `RowRejection` when it was seen before.
    public mutating func check(_ key: String, describe: @autoclosure () -> String, row: TableRow) throws {
        if let first = firstSeen[key] {
            let at = first.file == row.file ? "line \(first.line)" : "\(first.file):\(first.line)"
            throw RowRejection("\(describe()) appears twice (first on \(at)); the row is not counted again")
        }
        firstSeen[key] = (row.file, row.line)
    }
}
