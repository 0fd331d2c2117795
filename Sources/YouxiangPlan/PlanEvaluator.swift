import YouxiangCore

/// Turns the plan's targets into series and checks the collected indicators against them.
///
/// Produces, for every indicator:
/// - its target family (`eduplan_x_target_ratio{year, op, target_source, <match labels>}`), one series per target, in the
///   series' unit (percent ÷100, 万人次 ×10000); a range target gives two series, `op="range_min"` and `op="range_max"`;
/// - `eduplan_indicator_meets_target{indicator, year, …}` = 1 or 0 for each collected value of a year that has a
///   target, evaluated against the preferred source's target (see `PlanIndicator.evaluatedTarget`), with the
///   indicator's tolerance (`alerting.targets.tolerance`, the same one the `EduplanTargetMissed` rule uses, so the
///   series and the alert never disagree);
/// - `eduplan_indicator_meets_target_by_source{indicator, year, target_source, …}` = 1 or 0 against each source's
///   target (`table`, `text`) that the year has, so both readings of a contradiction can be compared;
/// - the 2022 forecast (预测值) column of the plan's table as `eduplan_<name>_baseline_<unit>{year="2022"}`;
/// - the plan's contradictions as `eduplan_plan_target_conflict_info` (a year whose table and text targets differ)
///   and `eduplan_plan_conflict_note_info` (each recorded `conflicts` entry), value 1.
public struct PlanEvaluator: Sendable {
    public let plan: PlanTargets
    /// Indicator id → preferred source (`table`/`text`).
    public let prefer: [String: String]
    /// Indicator id → tolerance in the plan's unit (percentage points for percent), as `alerting.targets.tolerance`.
    public let tolerance: [String: Double]

    public init(plan: PlanTargets, prefer: [String: String] = [:], tolerance: [String: Double] = [:]) {
        self.plan = plan
        self.prefer = prefer
        self.tolerance = tolerance
    }

    public static let meetsTargetFamily = MetricFamily(
        name: "eduplan_indicator_meets_target",
        help: "学有优教: whether the indicator meets the plan's target for the year (1 = meets, 0 = misses), with the configured tolerance.")
    public static let meetsTargetBySourceFamily = MetricFamily(
        name: "eduplan_indicator_meets_target_by_source",
        help: "学有优教: whether the indicator meets the target of one source (target_source = table or text) for the year (1 = meets, 0 = misses).")
    public static let targetConflictFamily = MetricFamily(
        name: "eduplan_plan_target_conflict_info",
        help: "学有优教: a year whose table and text targets differ; table and text give both readings as printed, evaluated the one checked. Value 1.")
    public static let conflictNoteFamily = MetricFamily(
        name: "eduplan_plan_conflict_note_info",
        help: "学有优教: a contradiction or gap of the plan recorded for the indicator (note), and the source evaluated. Value 1.")

    /// The tolerance of an indicator in its series' unit (0.01 percentage points → 0.0001).
    public func seriesTolerance(_ ind: PlanIndicator) -> Double { tolerance[ind.id].map(ind.unit.toSeries) ?? 0 }

    /// Every family this evaluator may emit.
    public var families: [MetricFamily] {
        var seen = Set<String>()
        var out: [MetricFamily] = [Self.meetsTargetFamily, Self.meetsTargetBySourceFamily, Self.targetConflictFamily, Self.conflictNoteFamily]
        for ind in plan.indicators where ind.baselineValue != nil && seen.insert(ind.baselineFamilyName).inserted {
            out.append(
                MetricFamily(
                    name: ind.baselineFamilyName,
                    help: "学有优教 2022 forecast (2022年预测值) of \(names(metric: ind.metric)), the plan table's baseline column.",
                    unit: Self.unitSuffix(ind.baselineFamilyName)))
        }
        for ind in plan.indicators where seen.insert(ind.targetFamilyName).inserted {
            out.append(
                MetricFamily(
                    name: ind.targetFamilyName,
                    help: "学有优教 target (目标值) of \(names(metric: ind.metric)); op gives the comparator, target_source the table or the text.",
                    unit: Self.unitSuffix(ind.targetFamilyName)))
        }
        return out
    }

    static func unitSuffix(_ name: String) -> String {
        name.hasSuffix("_ratio") ? "ratio" : (name.hasSuffix("_years") ? "years" : "")
    }

    /// The series that depend only on the plan: targets, baselines, conflicts.
    public func constantSamples() -> [Sample] {
        targetSamples() + baselineSamples() + conflictSamples()
    }

    /// The table's 2022 column (预测值, a forecast) in the series' unit, one sample per indicator that has a number.
    public func baselineSamples() -> [Sample] {
        var out: [Sample] = []
        for ind in plan.indicators {
            guard let v = ind.baselineValue else { continue }
            out.append(Sample(ind.baselineFamilyName, ind.match.setting("year", String(plan.baselineYear)), ind.unit.toSeries(v)))
        }
        return Self.unique(out)
    }

    /// The plan's contradictions as info series: every year whose table and text targets differ in comparator or
    /// value (`table`, `text`: the printed readings; `evaluated`: the source checked, after `prefer`), and every
    /// recorded `conflicts` entry (`n` its position from 1, `note` its text, `evaluated` the indicator's source).
    public func conflictSamples() -> [Sample] {
        var out: [Sample] = []
        for ind in plan.indicators {
            let chosen = prefer[ind.id] ?? ind.defaultSource
            for year in Set(ind.targets.map(\.year)).sorted() {
                let ts = ind.targets.filter { $0.year == year }
                guard let table = ts.first(where: { $0.source == "table" }), let text = ts.first(where: { $0.source == "text" }),
                    table.op != text.op || table.value != text.value || table.min != text.min || table.max != text.max
                else { continue }
                let evaluated = ind.evaluatedTarget(year: year, prefer: prefer[ind.id])?.source ?? chosen
                out.append(
                    Sample(
                        Self.targetConflictFamily.name,
                        Labels(["indicator": ind.id, "year": String(year), "table": table.raw, "text": text.raw, "evaluated": evaluated]), 1))
            }
            for (i, note) in ind.conflicts.enumerated() {
                out.append(
                    Sample(
                        Self.conflictNoteFamily.name,
                        Labels(["indicator": ind.id, "n": String(i + 1), "note": note, "evaluated": chosen]), 1))
            }
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
                    !incomplete.contains(indicator: ind.id, year: year, labels: s.labels)
                else { continue }
                var labels = s.labels
                for p in ind.match.pairs { labels = labels.removing(p.name) }
                labels = labels.setting("indicator", ind.id)
                let tol = seriesTolerance(ind)
                out.append(Sample(Self.meetsTargetFamily.name, labels, target.isMet(by: s.value, unit: ind.unit, tolerance: tol) ? 1 : 0))
                for source in ["table", "text"] {
                    guard let t = ind.targets.first(where: { $0.year == year && $0.source == source }) else { continue }
                    out.append(
                        Sample(
                            Self.meetsTargetBySourceFamily.name, labels.setting("target_source", source),
                            t.isMet(by: s.value, unit: ind.unit, tolerance: tol) ? 1 : 0))
                }
            }
        }
        return out
    }
}
