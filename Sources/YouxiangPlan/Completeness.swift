import YouxiangCore

/// Turns the collectors' problems into `eduplan_indicator_data_complete{indicator, year}` (1 = every input read
/// completely, 0 = not) for every plan indicator and every year from the plan's baseline year to the last year that
/// has data or a closed target.
///
/// An indicator-year is incomplete when a collector declaring the indicator's family reported a problem for that
/// family and year (a file that failed, rejected rows above the source's `max_rejected_share`, an institution
/// missing from the year's list, a cell marked missing that the family needs, a failed run), or when no collector is
/// configured for the family at all.
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
                    out[out.count - 1].unread = hits.contains(where: \.unread)
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
