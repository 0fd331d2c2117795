import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// Where an indicator's data comes from: one configured collector, the families it produces, the files it reads and
/// when it last read them completely.
public struct DataSource: Sendable {
    /// The collector's configured name (e.g. `enrolment`).
    public var collector: String
    /// Its module (e.g. `enrolment`, `table`).
    public var module: String
    /// The families it can produce.
    public var families: Set<String>
    /// Its input files (as configured, resolved paths); the pages show base names only.
    public var files: [String]
    /// When its last successful run ended, nil if it never succeeded.
    public var lastSuccess: UnixTime?
    /// Whether its latest run succeeded.
    public var success: Bool
    /// The latest run's errors (file-level).
    public var errors: [String]

    public init(
        collector: String, module: String, families: Set<String>, files: [String], lastSuccess: UnixTime?,
        success: Bool, errors: [String] = []
    ) {
        self.collector = collector
        self.module = module
        self.families = families
        self.files = files
        self.lastSuccess = lastSuccess
        self.success = success
        self.errors = errors
    }
}
