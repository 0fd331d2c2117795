import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// Everything the office's pages read: one snapshot, the plan, the alert states, the data sources. The pages never
/// look at anything else, so they show exactly what `/metrics` and the alerts show.
public struct OfficeInput: Sendable {
    public var snapshot: SeriesSnapshot
    public var plan: PlanTargets
    /// Indicator id → evaluated source (`table`/`text`), the config's `plan.prefer`.
    public var prefer: [String: String]
    /// Pending and firing alerts.
    public var alerts: [AlertInstance]
    public var sources: [DataSource]
    /// The moment of the rendering (shown as 生成时间).
    public var now: UnixTime
    /// Observed years needed before a 2027 projection is shown (the trajectory rule's `min_years`).
    public var projectionMinYears: Int

    public init(
        snapshot: SeriesSnapshot, plan: PlanTargets, prefer: [String: String] = [:], alerts: [AlertInstance] = [],
        sources: [DataSource] = [], now: UnixTime, projectionMinYears: Int = 3
    ) {
        self.snapshot = snapshot
        self.plan = plan
        self.prefer = prefer
        self.alerts = alerts
        self.sources = sources
        self.now = now
        self.projectionMinYears = projectionMinYears
    }

    /// The completeness series A's engine publishes for every indicator and year (1 complete, 0 incomplete).
    public static let completenessFamily = "eduplan_indicator_data_complete"
    /// 1/0 per indicator and year that has a value and a target.
    public static let meetsTargetFamily = "eduplan_indicator_meets_target"
}
