import YouxiangCore
import YouxiangPlan

/// Everything one evaluation looks at.
public struct EvaluationContext: Sendable {
    public var snapshot: SeriesSnapshot
    public var plan: PlanTargets?
    /// Indicator id → preferred target source.
    public var prefer: [String: String]
    /// Families some collector is configured to produce (missing-data rules apply only to these).
    public var declaredFamilies: Set<String>
    public var collectors: [CollectorHealth]
    /// When the evaluation happens (the injected clock's time).
    public var now: UnixTime
    public var externalLabels: Labels
    /// Base URL of the daemon, for links in messages; empty: messages carry no link.
    public var externalURL: String
    /// Per indicator-year completeness (`Completeness`): incomplete years are held by the target and trajectory
    /// rules and raise the data-quality rule.
    public var completeness: [IndicatorCompleteness]
    /// The incomplete entries of `completeness`, for lookup.
    public let incomplete: IncompleteSet
    /// Family → the time its data is current to (数据截至): `alerting.data_as_of` when configured, else the newest
    /// modification time of the files its collector reads. Families not listed: unknown (left out of the text).
    public var dataAsOf: [String: UnixTime] = [:]
    /// True when `dataAsOf` is `alerting.data_as_of` (the statistics' reference date, told as 数据截至); false when it
    /// is the files' modification time (told as 数据文件更新于, since a copy or checkout sets it too).
    public var dataAsOfConfigured = true
    /// Lookup of series by one label's value, built on first use (thousands of rules with `name="value"` matchers
    /// each look at a few series, not at the whole family).
    public let index: SeriesIndex

    public init(
        snapshot: SeriesSnapshot, plan: PlanTargets?, prefer: [String: String], declaredFamilies: Set<String>,
        collectors: [CollectorHealth], now: UnixTime, externalLabels: Labels, externalURL: String,
        completeness: [IndicatorCompleteness] = []
    ) {
        self.completeness = completeness
        self.incomplete = IncompleteSet(completeness)
        self.snapshot = snapshot
        self.plan = plan
        self.prefer = prefer
        self.declaredFamilies = declaredFamilies
        self.collectors = collectors
        self.now = now
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.index = SeriesIndex(snapshot)
    }

    /// The moment of this evaluation for alert texts about `family`'s data.
    public func moment(family: String?) -> AlertText.Moment {
        AlertText.Moment(
            evaluatedAt: now, dataAsOf: family.flatMap { dataAsOf[$0] }, externalURL: externalURL, dataAsOfConfigured: dataAsOfConfigured)
    }
}
