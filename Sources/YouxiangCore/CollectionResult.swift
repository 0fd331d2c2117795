/// What one collection run produced.
///
/// A collector reads its sources and returns samples for the families it declared. File-level problems (a file
/// missing, a header not found) go to `errors` and the collector still returns what the other files gave; row-level
/// problems go to `rejectedRows` (each `file:line[:column]: message`) and the row is skipped.
public struct CollectionResult: Sendable {
    public var samples: [Sample]
    /// Data rows read from all sources (after headers; excluding subtotal and footer rows).
    public var rowsRead: Int
    /// Rows dropped, one diagnostic each (`file:line: message`).
    public var rejectedRows: [String]
    /// Rows left out of a computation because a value it needs is marked missing (`—`, blank, `N/A`): not errors, but
    /// each makes the indicators needing the value incomplete for its year (a `DataProblem` in `problems`).
    public var rowsIncomplete = 0
    /// File-level failures; non-empty means the collection did not fully succeed.
    public var errors: [String]
    /// What makes some families' years incomplete (a failed file, rejected rows, a missing institution), per source.
    /// The runtime withholds the affected samples and serves `eduplan_indicator_data_complete` from these; see
    /// `DataProblem`. Reported by `SourceConfig.forEachRow(into:feeds:)`.
    public var problems: [DataProblem] = []

    public init(samples: [Sample] = [], rowsRead: Int = 0, rejectedRows: [String] = [], errors: [String] = []) {
        self.samples = samples
        self.rowsRead = rowsRead
        self.rejectedRows = rejectedRows
        self.errors = errors
    }

    /// Appends another partial result (samples, counts and problems).
    public mutating func absorb(_ other: CollectionResult) {
        samples += other.samples
        rowsRead += other.rowsRead
        rejectedRows += other.rejectedRows
        rowsIncomplete += other.rowsIncomplete
        errors += other.errors
        problems += other.problems
    }
}
