import YouxiangCore

/// A row without a value the computation needs, where the export marks the value missing (`—`, `-`, blank, `N/A`).
///
/// Not a rejected row (nothing is wrong with the row's text), but the indicators that need the value cannot be
/// measured for the row's year: thrown from a row handler, the row is skipped, counted in
/// `CollectionResult.rowsIncomplete`, and `SourceConfig.forEachRow` adds a `DataProblem` naming the file, the rows and
/// the column, so those family-years publish no value (never a ratio over the rows that happened to be filled).
public struct MissingValue: Error, Sendable {
    /// The logical field (a key of the source's `columns`).
    public var field: String
    /// The families that need the value; nil: every family the source feeds (the whole row is skipped).
    public var families: Set<String>?
    /// Narrows the problem to the series carrying these labels (see `DataProblem.labels`).
    public var labels: Labels
    /// The year affected when the row's year is not the file's (e.g. a date column); nil: the file's year, or the
    /// row's `year` field, or every year when neither is known.
    public var year: Int?

    public init(_ field: String, families: Set<String>? = nil, labels: Labels = Labels(), year: Int? = nil) {
        self.field = field
        self.families = families
        self.labels = labels
        self.year = year
    }
}
