import YouxiangCore

/// Turns the plan's targets into series and checks the collected indicators against them.
///
/// Produces, for every indicator:
/// - its target family (`eduplan_x_target_ratio{year, op, target_source, <match labels>}`), one series per target, in the
///   series' unit (percent ÷100, 万人次 ×10000); a range target gives two series, `op="range_min"` and `op="range_max"`;
/// - `eduplan_indicator_meets_target{indicator, year, …}` = 1 or 0 for each collected value of a year that has a
///   target, evaluated against the preferred source's target (see `PlanIndicator.evaluatedTarget`).
public struct PlanEvaluator: Sendable {
    public let plan: PlanTargets
    /// Indicator id → preferred source (`table`/`text`).
    public let prefer: [String: String]

    public init(plan: PlanTargets, prefer: [String: String] = [:]) {
        self.plan = plan
        self.prefer = prefer
    }

    public static let meetsTargetFamily = MetricFamily(
        name: "eduplan_indicator_meets_target", help: "学有优教: whether the indicator meets the plan's target for the year (1 = meets, 0 = misses).")

    /// Every family this evaluator may emit.
    public var families: [MetricFamily] {
        var seen = Set<String>()
        var out: [MetricFamily] = [Self.meetsTargetFamily]
        for ind in plan.indicators where seen.insert(ind.targetFamilyName).inserted {
            let unit = ind.targetFamilyName.hasSuffix("_ratio") ? "ratio" : (ind.targetFamilyName.hasSuffix("_years") ? "years" : "")
            out.append(MetricFamily(name: ind.targetFamilyName,
                                    help: "学有优教 target (目标值) of \(names(metric: ind.metric)); op gives the comparator, target_source the table or the text.",
                                    unit: unit))
        }
        return out
    }

    private func names(metric: String) -> String {
        plan.indicators.filter { $0.metric == metric }.map(\.nameZh).joined(separator: " / ")
    }

    /// The target series (constant for a given plan). The plan repeats some targets word for word in several sections
    /// (e.g. 95%以上 in 二 and in 任务二); a repeated (family, labels) pair is emitted once, the first wording winning.
    public func targetSamples() -> [Sample] {
        var out: [Sample] = []
        for ind in plan.indicators {
            for t in ind.targets {
                let base = ind.match.setting("year", String(t.year)).setting("target_source", t.source)
                if t.op == .range {
                    if let lo = t.min { out.append(Sample(ind.targetFamilyName, base.setting("op", "range_min"), ind.unit.toSeries(lo))) }
                    if let hi = t.max { out.append(Sample(ind.targetFamilyName, base.setting("op", "range_max"), ind.unit.toSeries(hi))) }
                } else if let v = t.value {
                    out.append(Sample(ind.targetFamilyName, base.setting("op", t.op.rawValue), ind.unit.toSeries(v)))
                }
            }
        }
        return Self.unique(out)
    }

    private static func unique(_ samples: [Sample]) -> [Sample] {
        var seen = Set<String>()
        return samples.filter { seen.insert($0.family + $0.labels.description).inserted }
    }

    /// `eduplan_indicator_meets_target` for every collected value that has a target for its year, except where the
    /// indicator-year is incomplete (its value may be a stale last complete one, and a verdict on it would be news).
    /// - Parameters:
    ///   - values: the collected samples (only those of indicator families are looked at).
    ///   - incomplete: indicator-years whose inputs were not read completely (see `Completeness`).
    public func evaluate(_ values: [Sample], incomplete: IncompleteSet = IncompleteSet([])) -> [Sample] {
        var byFamily: [String: [Sample]] = [:]
        for s in values { byFamily[s.family, default: []].append(s) }
        var out: [Sample] = []
        for ind in plan.indicators {
            for s in byFamily[ind.metric] ?? [] where s.labels.contains(ind.match) {
                guard let yearText = s.labels["year"], let year = Int(yearText),
                      let target = ind.evaluatedTarget(year: year, prefer: prefer[ind.id]),
                      !incomplete.contains(indicator: ind.id, year: year, labels: s.labels) else { continue }
                var labels = s.labels
                for p in ind.match.pairs { labels = labels.removing(p.name) }
                labels = labels.setting("indicator", ind.id)
                out.append(Sample(Self.meetsTargetFamily.name, labels, target.isMet(by: s.value, unit: ind.unit) ? 1 : 0))
            }
        }
        return out
    }
}
