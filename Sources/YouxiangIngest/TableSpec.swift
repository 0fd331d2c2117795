/// Where one logical field comes from in an exported table, and how to scale it.
public struct ColumnSpec: Sendable, Equatable {
    /// The column's header. For CSV: the full header name, with header rows joined by `/`
    /// (e.g. `在校学生数/其中:随迁子女`), compared after ``CellParser/normalizedHeader(_:)`` on both sides.
    /// For JSON: the object key, matched exactly.
    public var header: String
    /// Factor applied by ``TableRow/number(_:)``, e.g. `10000` for a column in 万元 when the series is in 元. Default 1.
    public var scale: Double = 1
    /// Smallest value ``TableRow/number(_:)`` accepts (after `scale`); a smaller one rejects the row. nil: no bound.
    public var min: Double?
    /// Largest value ``TableRow/number(_:)`` accepts (after `scale`); a larger one rejects the row. nil: no bound.
    public var max: Double?
    /// What the column holds when it is declared (`type: date` / `type: year`); nil: as the cells say. Workbooks only
    /// (a CSV or JSON cell is text already): see ``ColumnKind``.
    public var kind: ColumnKind?

    /// Creates a column mapping.
    public init(header: String, scale: Double = 1, min: Double? = nil, max: Double? = nil, kind: ColumnKind? = nil) {
        self.header = header
        self.scale = scale
        self.min = min
        self.max = max
        self.kind = kind
    }
}

/// A column declared a date or a year (`type:` in the column mapping), for workbooks, where a cell is a number whose
/// meaning depends on its format.
public enum ColumnKind: String, Sendable, Equatable {
    /// A number cell is a date serial (the workbook's 1900 or 1904 system) and reads as `yyyy-mm-dd`, whatever its
    /// number format (a date typed into a `General` cell).
    case date
    /// A whole number 1000–9999 reads as that year, also when the cell is formatted as a date (2024 typed into a date
    /// cell would otherwise read as 1905-07-16); any other number is a date serial and reads as its year.
    case year
}

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
