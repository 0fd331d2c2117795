import YouxiangCore
import YouxiangIngest

/// The cells marked missing (`—`, blank, `N/A`) that an indicator needed, gathered while reading, and turned into
/// one `DataProblem` per file, year, column and affected families: “文件“kg_2025.csv”第5、9行（共2行）“在园幼儿数”
/// 缺失” (the file by its base name, as `ReadFailureText` names it). Used by `SourceConfig.forEachRow` for `MissingValue`, and by a row handler for a value only some of its
/// indicators need (it notes the cell, keeps the row for the others, and adds `problems()` to the result).
public struct MissingCells: Sendable {
    private struct Key: Hashable {
        var file: String
        var year: Int?
        var header: String
        var column: Int?
        var families: Set<String>?
        var labels: Labels
    }
    private var lines: [Key: [Int]] = [:]
    private var order: [Key] = []

    /// No cell noted yet.
    public init() {}

    /// Whether no cell was noted.
    public var isEmpty: Bool { order.isEmpty }

    /// Notes that `row`'s `field` is missing for `families` (nil: every family the source feeds) in `year` (nil:
    /// every year).
    public mutating func note(_ row: TableRow, field: String, year: Int?, families: Set<String>?, labels: Labels = Labels()) {
        let where_ = row.column(of: field)
        let key = Key(file: row.file, year: year, header: where_?.header ?? field, column: where_?.column, families: families, labels: labels)
        if lines[key] == nil { order.append(key) }
        lines[key, default: []].append(row.line)
    }

    /// One problem per file, year, column and families; `feeds` replaces a nil `families`.
    public func problems(feeds: Set<String>? = nil) -> [DataProblem] {
        order.map { k in
            let rows = lines[k] ?? []
            let shown = rows.prefix(5).map(String.init)
            let more = rows.count > 5 ? "等" : ""
            let column = k.column.map { "（第\($0)列）" } ?? ""
            let yearZh = k.year.map { "，\($0)年相关指标不予计算" } ?? "，相关指标不予计算"
            let zh = "\(ReadFailureText.fileName(k.file))第\(shown.joined(separator: "、"))行\(more)（共\(rows.count)行）“\(k.header)”\(column)缺失\(yearZh)"
            let en =
                "\(k.file): \(k.header)\(k.column.map { " (column \($0))" } ?? "") missing on \(rows.count) row(s) (line \(shown.joined(separator: ", "))\(rows.count > 5 ? ", …" : "")); the indicators that need it are not computed"
            return DataProblem(families: k.families ?? feeds, year: k.year, reasonZh: zh, reason: en, labels: k.labels)
        }
    }
}
