import YouxiangCore
import YouxiangIngest

/// A named input of a collector module (e.g. `kindergartens`): a list of files sharing a layout.
public struct SourceConfig: Sendable {
    /// The files listed one by one.
    public var files: [SourceFile]
    /// The entries with `{year}` in their path, expanded each time they are read (see ``resolvedFiles``).
    public var patterns: [YearPattern] = []
    /// A `sql:` source instead of files (its rows use the source's `columns:`).
    public var sql: SQLSource?
    /// An `http:` source instead of files: a JSON API, read like a `.json` file (its rows use the source's `columns:`).
    public var http: HTTPSource?
    /// The source's column mapping (for `sql` and `http`).
    public var spec = TableSpec(columns: [:])
    /// `max_rejected_share`: the share of a file's rows that may be rejected before the families it feeds count as
    /// incomplete for its year (default 0: one rejected row makes them incomplete).
    public var maxRejectedShare: Double = 0
    /// `expect_institutions: previous_year`: every 学校标识码 (`school_id`) listed in a year's file must appear again in
    /// the next year's file, else that year is incomplete for the families the source feeds.
    public var expectInstitutions = false
    public init(files: [SourceFile], patterns: [YearPattern] = [], maxRejectedShare: Double = 0, expectInstitutions: Bool = false) {
        self.files = files
        self.patterns = patterns
        self.maxRejectedShare = maxRejectedShare
        self.expectInstitutions = expectInstitutions
    }

    /// The files to read now: the listed ones, then every file matching a pattern, by year.
    public var resolvedFiles: [SourceFile] { files + patterns.flatMap { $0.files() } }

    /// The logical fields mapped to a column, whatever the source's kind: every listed file's and `{year}` pattern's
    /// `columns:`, and for a `sql:` or `http:` source the source's own `columns:`.
    public var mappedFields: Set<String> {
        var out = Set((files + patterns.map(\.template)).flatMap { $0.spec.columns.keys })
        if sql != nil || http != nil { out.formUnion(spec.columns.keys) }
        return out
    }
}
