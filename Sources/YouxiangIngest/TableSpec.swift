/// How to read one exported table (one sheet saved as CSV).
///
/// Layout of a typical export: `skipRows` records of title / `填报单位…` text, then `headerRows` header records
/// (merged cells appear as a value followed by empty cells), then data rows interleaved with subtotal rows
/// (`合计`, `其中:公办`) and followed by footer rows (`填表人…`).
public struct TableSpec: Sendable, Equatable {
    /// The default ``skipMarkers``.
    public static let defaultSkipMarkers = ["合计", "小计", "总计", "其中", "填表人", "审核人", "填报日期", "注:", "注："]

    /// Encoding of the file's bytes. Default UTF-8 (a BOM is skipped).
    public var encoding: TextEncoding = .utf8
    /// Physical CSV records before the header (title rows, `填报单位…` rows). Default 0.
    public var skipRows: Int = 0
    /// Number of header records, 1…3. Merged cells are forward-filled left→right in every header row except the last
    /// (only under the same parent and only where a lower header row names the column); a column's name is its
    /// non-empty normalized parts joined with `/`, e.g. `在校学生数/其中:随迁子女`, or `学校名称` for a cell merged
    /// vertically. Default 1.
    public var headerRows: Int = 1
    /// Logical field name → column. Every mapped header must be present in the file exactly once.
    public var columns: [String: ColumnSpec]
    /// A data row is skipped (counted in ``TableReadResult/rowsSkipped``) when its first non-empty cell contains any of
    /// these strings. Default ``defaultSkipMarkers``.
    public var skipMarkers: [String] = TableSpec.defaultSkipMarkers
    /// Field separator byte. Default `,`.
    public var delimiter: UInt8 = UInt8(ascii: ",")

    /// Creates a spec; every parameter except `columns` has the default documented on its property.
    public init(
        columns: [String: ColumnSpec],
        encoding: TextEncoding = .utf8,
        skipRows: Int = 0,
        headerRows: Int = 1,
        skipMarkers: [String] = TableSpec.defaultSkipMarkers,
        delimiter: UInt8 = UInt8(ascii: ",")
    ) {
        self.columns = columns
        self.encoding = encoding
        self.skipRows = skipRows
        self.headerRows = headerRows
        self.skipMarkers = skipMarkers
        self.delimiter = delimiter
    }
}
