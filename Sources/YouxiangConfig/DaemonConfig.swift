import YouxiangCore

/// The daemon's whole configuration, loaded from one YAML file.
///
/// ```yaml
/// global:
///   interval: 1h                          # default collection interval
///   timeout: 30s                          # default collection timeout
///   external_labels: {district: "330206"} # added to every series that lacks them
///   keep_last_good: 3                     # failed runs in a row that still serve the last good series
/// plan:
///   targets_file: ../plugins/plan/targets.yml
///   prefer: {expected_schooling_years: text}   # evaluate the text's target instead of the table's
///   district_zh: 北仑区                   # optional: the district the pages and the report name
///   office_zh: 北仑区公共服务七优享工程专班办公室   # optional: the report's issuer (default from district_zh)
/// collectors:
///   - name: enrolment                     # unique; the `collector` label of self-metrics
///     module: enrolment
///     interval: 1h                        # optional; default global.interval
///     timeout: 30s                        # optional
///     labels: {}                          # optional constant labels on this collector's series
///     keep_last_good: 3                   # optional
///     …                                   # the module's own settings
/// ```
public struct DaemonConfig: Sendable {
    public var file: String
    public var interval: Duration
    public var timeout: Duration
    public var externalLabels: Labels
    /// Default for `CollectorEntry.keepLastGood`.
    public var keepLastGood: Int
    public var plan: PlanSettings?
    public var collectors: [CollectorEntry]
    /// `global.max_file_bytes` and `global.allow_non_regular_files`: how source files may be read.
    public var readLimits = ReadLimits()
    /// Data files named but missing (see ``ConfigDocument/dataFileProblems``); `check config` exits 1 on them.
    public var dataFileProblems: [Diagnostic] = []
}

/// Where the plan's targets are and which wording to evaluate.
public struct PlanSettings: Sendable {
    /// Resolved path of the targets file.
    public var targetsFile: String
    /// Indicator id → target source (`table` or `text`) to evaluate where the plan gives both for one year.
    public var prefer: [String: String]
    /// `plan.district_zh` and `plan.office_zh`: the district and issuing office the pages and the report name;
    /// Beilun's wording when not configured.
    public var office: OfficeIdentity = .beilun
}
