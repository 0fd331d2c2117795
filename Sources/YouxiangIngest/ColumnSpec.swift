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
