import YouxiangCore
import YouxiangPlan

/// One alerting rule. Built-in kinds come from the plan (target, trajectory, missing data) and from the daemon
/// (collector failing); threshold rules come from YAML.
public struct AlertRule: Sendable {
    public enum Kind: Sendable {
        /// The latest value for each year against that year's target (one rule per indicator).
        case target(PlanIndicator, tolerance: Double)
        /// A least-squares trend over the observed years, projected to `targetYear`, against that year's target.
        case trajectory(PlanIndicator, targetYear: Int, minYears: Int)
        /// A due year's target without any value when nothing was sent for it: no collector, or a source that
        /// delivered nothing (`IndicatorCompleteness.unread`); a year whose data arrived incomplete is `dataIncomplete`'s.
        case missingData(PlanIndicator, dueMonthDay: (month: Int, day: Int))
        /// An indicator-year whose inputs were not read completely (`eduplan_indicator_data_complete` = 0), for
        /// operators; indicators without any collector are left to `missingData`.
        case dataIncomplete(PlanIndicator)
        /// A collector failing `intervals` runs in a row.
        case collectorFailing(intervals: Int)
        /// Any series against a threshold.
        case threshold(ThresholdRule)
    }

    /// Stable identity (group/name/definition); a reload keeps the state of rules whose id is unchanged.
    public var id: String
    public var group: String
    public var name: String
    public var kind: Kind
    public var options: AlertStateMachine.Options
    /// Extra labels on every alert of the rule (e.g. `severity`).
    public var labels: Labels
    /// What the rule checks, for `/api/v1/rules` (PromQL where one exists).
    public var query: String

    public init(id: String, group: String, name: String, kind: Kind, options: AlertStateMachine.Options, labels: Labels, query: String) {
        self.id = id
        self.group = group
        self.name = name
        self.kind = kind
        self.options = options
        self.labels = labels
        self.query = query
    }
}
