import YouxiangCore

/// Whether one plan indicator's inputs for one year were read completely, and if not, why.
public struct IndicatorCompleteness: Sendable, Equatable {
    /// The plan's indicator id (the `indicator` label).
    public var indicator: String
    public var year: Int
    /// Extra labels of the collectors that feed it (a collector's `labels:`, e.g. one district of a city); empty for
    /// a single-district configuration.
    public var labels: Labels
    public var complete: Bool
    /// Whether some collector is configured for the indicator's family (false: incomplete for that reason alone).
    public var configured: Bool = true
    /// Why not, in Chinese (status page, alerts) and in English (logs); empty when complete.
    public var reasonsZh: [String]
    public var reasons: [String]

    public init(
        indicator: String, year: Int, labels: Labels, complete: Bool, configured: Bool = true,
        reasonsZh: [String], reasons: [String]
    ) {
        self.indicator = indicator
        self.year = year
        self.labels = labels
        self.complete = complete
        self.configured = configured
        self.reasonsZh = reasonsZh
        self.reasons = reasons
    }
}

/// What one configured collector contributes to completeness.
public struct CollectorCoverage: Sendable {
    /// The collector's constant labels.
    public var labels: Labels
    /// The families it declares.
    public var families: Set<String>
    /// Its latest run's problems (see `DataProblem`); a collector that has not run yet counts as complete.
    public var problems: [DataProblem]

    public init(labels: Labels, families: Set<String>, problems: [DataProblem]) {
        self.labels = labels
        self.families = families
        self.problems = problems
    }
}

/// Turns the collectors' problems into `eduplan_indicator_data_complete{indicator, year}` (1 = every input read
/// completely, 0 = not) for every plan indicator and every year from the plan's baseline year to the last year that
/// has data or a closed target.
///
/// An indicator-year is incomplete when a collector declaring the indicator's family reported a problem for that
/// family and year (a file that failed, rejected rows above the source's `max_rejected_share`, an institution
/// missing from the year's list, a failed run), or when no collector is configured for the family at all.
public enum Completeness {
    public static let family = MetricFamily(
        name: "eduplan_indicator_data_complete",
        help:
            "学有优教: whether the indicator's inputs for the year were read completely (1) or not (0: a file failed, rows were rejected, an institution is missing, or no collector is configured); an incomplete year publishes no value and no meets_target."
    )

    /// The years reported: the baseline year up to the latest of `dataYears` and `closedYears` (and any year a
    /// problem names).
    public static func years(plan: PlanTargets, dataYears: Set<Int>, closedYears: Set<Int>, problems: [DataProblem]) -> [Int] {
        let last = (dataYears.union(closedYears).union(problems.compactMap(\.year))).max() ?? plan.baselineYear
        return last < plan.baselineYear ? [] : Array(plan.baselineYear...last)
    }

    /// Completeness of every plan indicator for `years`.
    public static func evaluate(plan: PlanTargets, collectors: [CollectorCoverage], years: [Int]) -> [IndicatorCompleteness] {
        var out: [IndicatorCompleteness] = []
        for ind in plan.indicators {
            let feeding = collectors.filter { $0.families.contains(ind.metric) }
            var byLabels: [Labels: [CollectorCoverage]] = [:]
            for c in feeding { byLabels[c.labels, default: []].append(c) }
            for year in years {
                if byLabels.isEmpty {
                    out.append(
                        IndicatorCompleteness(
                            indicator: ind.id, year: year, labels: Labels(), complete: false, configured: false,
                            reasonsZh: ["未配置采集该指标（序列\(ind.metric)）的采集器"],
                            reasons: ["no collector is configured for \(ind.metric)"]))
                    continue
                }
                for (labels, cs) in byLabels.sorted(by: { $0.key < $1.key }) {
                    let hits = cs.flatMap(\.problems).filter { $0.affects(family: ind.metric, year: year, match: ind.match) }
                    var zh: [String] = [], en: [String] = []
                    for p in hits where !zh.contains(p.reasonZh) { zh.append(p.reasonZh); en.append(p.reason) }
                    out.append(
                        IndicatorCompleteness(
                            indicator: ind.id, year: year, labels: labels, complete: hits.isEmpty,
                            reasonsZh: zh, reasons: en))
                }
            }
        }
        return out
    }

    /// The series: one sample per indicator-year (and collector label set).
    public static func samples(_ entries: [IndicatorCompleteness]) -> [Sample] {
        entries.map { e in
            Sample(family.name, e.labels.setting("indicator", e.indicator).setting("year", String(e.year)), e.complete ? 1 : 0)
        }
    }
}

/// Lookup of incomplete indicator-years, for gating `meets_target` and the target rules.
public struct IncompleteSet: Sendable {
    private var entries: [String: [Labels]] = [:]

    public init(_ all: [IndicatorCompleteness]) {
        for e in all where !e.complete { entries["\(e.indicator)/\(e.year)", default: []].append(e.labels) }
    }

    /// Whether `indicator` in `year` is incomplete for a series carrying `labels` (an incomplete entry whose labels
    /// the series' labels contain).
    public func contains(indicator: String, year: Int, labels: Labels = Labels()) -> Bool {
        entries["\(indicator)/\(year)"]?.contains { labels.contains($0) } ?? false
    }

    /// Whether any year of `indicator` is incomplete (for trajectories, which use every year).
    public func containsAnyYear(indicator: String) -> Bool {
        entries.keys.contains { $0.hasPrefix(indicator + "/") }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
