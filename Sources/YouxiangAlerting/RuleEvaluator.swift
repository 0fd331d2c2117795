import YouxiangCore
import YouxiangPlan

/// Turns a snapshot into observations for one rule.
public enum RuleEvaluator {
    /// The observations of `rule` in `ctx`: alert labels → active (with rendered annotations) or inactive.
    public static func observe(_ rule: AlertRule, _ ctx: EvaluationContext) -> [Labels: Observation] {
        switch rule.kind {
        case let .target(ind, tolerance): return target(rule, ind, tolerance, ctx)
        case let .trajectory(ind, year, minYears): return trajectory(rule, ind, year, minYears, ctx)
        case let .missingData(ind, due): return missingData(rule, ind, due, ctx)
        case let .dataIncomplete(ind): return dataIncomplete(rule, ind, ctx)
        case let .collectorFailing(n): return collectorFailing(rule, n, ctx)
        case let .threshold(t): return threshold(rule, t, ctx)
        }
    }

    /// Labels common to every plan alert of an indicator.
    static func planLabels(_ rule: AlertRule, _ ind: PlanIndicator, _ ctx: EvaluationContext, series: Labels) -> Labels {
        var list: [(String, String)] = [
            ("alertname", rule.name), ("indicator", ind.id), ("section", ind.section),
            ("responsible_units", (ctx.plan?.responsibleUnits(of: ind) ?? []).joined(separator: ",")),
        ]
        // The first of a repeated name wins: the fixed labels above, then the rule's, then the series'.
        for p in rule.labels.pairs { list.append((p.name, p.value)) }
        for p in series.pairs where ind.match[p.name] == nil && p.name != "year" { list.append((p.name, p.value)) }
        return Labels(list)
    }

    /// The series labels an indicator's alerts would carry when no series is present: the indicator's matchers, the
    /// external labels and a collector's `labels` (from its completeness entry).
    static func impliedSeriesLabels(_ ind: PlanIndicator, _ ctx: EvaluationContext, extra: Labels = Labels()) -> Labels {
        ind.match.merging(missing: ctx.externalLabels).merging(missing: extra)
    }

    static func target(_ rule: AlertRule, _ ind: PlanIndicator, _ tolerance: Double, _ ctx: EvaluationContext) -> [Labels: Observation] {
        var out: [Labels: Observation] = [:]
        // Incomplete years are held (neither fire nor resolve), whether or not a stale last complete value is served.
        for e in ctx.completeness where e.indicator == ind.id && !e.complete && ind.evaluatedTarget(year: e.year, prefer: ctx.prefer[ind.id]) != nil {
            var labels = planLabels(rule, ind, ctx, series: impliedSeriesLabels(ind, ctx, extra: e.labels))
            labels["year"] = String(e.year)
            out[labels] = .held
        }
        for s in ctx.snapshot.series(ind.metric, matching: ind.match) {
            guard let y = s.labels["year"], let year = Int(y),
                let t = ind.evaluatedTarget(year: year, prefer: ctx.prefer[ind.id])
            else { continue }
            var labels = planLabels(rule, ind, ctx, series: s.labels)
            labels["year"] = y
            if ctx.incomplete.contains(indicator: ind.id, year: year, labels: s.labels) {
                out[labels] = .held
                continue
            }
            if t.isMet(by: s.value, unit: ind.unit, tolerance: tolerance) {
                out[labels] = .inactive(value: s.value)
                continue
            }
            let a = AlertText.targetMissed(
                ind, plan: ctx.plan, year: year, value: s.value, target: t, tolerance: tolerance,
                at: ctx.moment(family: ind.metric))
            out[labels] = .active(value: s.value, annotations: a)
        }
        return out
    }

    static func trajectory(_ rule: AlertRule, _ ind: PlanIndicator, _ targetYear: Int, _ minYears: Int, _ ctx: EvaluationContext) -> [Labels: Observation] {
        guard ind.unit != .status, let t = ind.evaluatedTarget(year: targetYear, prefer: ctx.prefer[ind.id]) else { return [:] }
        var groups: [Labels: [(Double, Double)]] = [:]
        for s in ctx.snapshot.series(ind.metric, matching: ind.match) {
            guard let y = s.labels["year"].flatMap(Int.init) else { continue }
            groups[s.labels.removing("year"), default: []].append((Double(y), s.value))
        }
        var out: [Labels: Observation] = [:]
        // A trend drawn through an incomplete year is not a measurement: every element of the rule is held.
        if ctx.incomplete.containsAnyYear(indicator: ind.id) {
            var keys = Set(groups.keys)
            for e in ctx.completeness where e.indicator == ind.id { keys.insert(impliedSeriesLabels(ind, ctx, extra: e.labels)) }
            for key in keys {
                var labels = planLabels(rule, ind, ctx, series: key)
                labels["target_year"] = String(targetYear)
                out[labels] = .held
            }
            return out
        }
        for (key, points) in groups where points.count >= minYears {
            let years = points.map(\.0)
            guard let last = years.max(), Int(last) < targetYear, let fit = LeastSquares.fit(points) else { continue }
            let projected = ind.unit.bounded(fit.value(at: Double(targetYear))).cleaned
            var labels = planLabels(rule, ind, ctx, series: key)
            labels["target_year"] = String(targetYear)
            if t.isMet(by: projected, unit: ind.unit) {
                out[labels] = .inactive(value: projected)
                continue
            }
            let a = AlertText.offTrack(
                ind, plan: ctx.plan, targetYear: targetYear, projected: projected, slopePerYear: fit.slope,
                firstYear: Int(years.min()!), lastYear: Int(last), points: points.count, target: t,
                at: ctx.moment(family: ind.metric))
            out[labels] = .active(value: projected, annotations: a)
        }
        return out
    }

    static func missingData(_ rule: AlertRule, _ ind: PlanIndicator, _ due: (month: Int, day: Int), _ ctx: EvaluationContext) -> [Labels: Observation] {
        // Also for indicators no collector is configured for: a target due without a value is news either way.
        let series = ctx.snapshot.series(ind.metric, matching: ind.match)
        var groups = Set(series.map { $0.labels.removing("year") })
        if groups.isEmpty { groups.insert(ind.match.merging(missing: ctx.externalLabels)) }
        var out: [Labels: Observation] = [:]
        let years = Set(ind.targets.map(\.year)).sorted()
        for year in years where ctx.now >= PlanCalendar.unixTime(year: year, month: due.month, day: due.day) {
            for g in groups {
                var labels = planLabels(rule, ind, ctx, series: g)
                labels["year"] = String(year)
                if let s = series.first(where: { $0.labels.removing("year") == g && $0.labels["year"] == String(year) }) {
                    out[labels] = .inactive(value: s.value)
                } else if ctx.completeness.contains(where: { e in
                    e.indicator == ind.id && e.year == year && e.configured && !e.complete && !e.unread && g.contains(e.labels)
                }) {
                    // The data was sent but is incomplete (rows rejected, an institution or a cell missing): that is
                    // 数据不完整 (`EduplanIndicatorDataIncomplete`), not 无数据; nothing to ask the office to send.
                    out[labels] = .inactive(value: 0)
                } else {
                    out[labels] = .active(
                        value: 0,
                        annotations: AlertText.dataMissing(
                            ind, plan: ctx.plan, year: year, target: ind.evaluatedTarget(year: year, prefer: ctx.prefer[ind.id]),
                            metric: ind.metric, at: ctx.moment(family: ind.metric)))
                }
            }
        }
        return out
    }

    static func dataIncomplete(_ rule: AlertRule, _ ind: PlanIndicator, _ ctx: EvaluationContext) -> [Labels: Observation] {
        var out: [Labels: Observation] = [:]
        for e in ctx.completeness where e.indicator == ind.id && e.configured {
            var labels = planLabels(rule, ind, ctx, series: impliedSeriesLabels(ind, ctx, extra: e.labels))
            labels["year"] = String(e.year)
            out[labels] =
                e.complete
                ? .inactive(value: 1)
                : .active(
                    value: 0,
                    annotations: AlertText.dataIncomplete(
                        ind, plan: ctx.plan, year: e.year, reasons: e.reasonsZh,
                        at: ctx.moment(family: ind.metric)))
        }
        return out
    }

    static func collectorFailing(_ rule: AlertRule, _ n: Int, _ ctx: EvaluationContext) -> [Labels: Observation] {
        var out: [Labels: Observation] = [:]
        for c in ctx.collectors {
            let labels = Labels(
                [("alertname", rule.name), ("collector", c.name), ("module", c.module)]
                    + rule.labels.pairs.map { ($0.name, $0.value) } + ctx.externalLabels.pairs.map { ($0.name, $0.value) })
            let v = Double(c.consecutiveFailures)
            if c.consecutiveFailures >= n {
                out[labels] = .active(
                    value: v,
                    annotations: AlertText.collectorFailing(
                        collector: c.name, module: c.module, failures: c.consecutiveFailures, lastError: c.lastError,
                        keepLastGood: c.keepLastGood, at: ctx.moment(family: nil)))
            } else {
                out[labels] = .inactive(value: v)
            }
        }
        return out
    }

    static func threshold(_ rule: AlertRule, _ t: ThresholdRule, _ ctx: EvaluationContext) -> [Labels: Observation] {
        var out: [Labels: Observation] = [:]
        let candidates: [(labels: Labels, value: Double)]
        if let eq = t.matchers.first(where: { $0.kind == .equal }) {
            candidates = ctx.index.series(t.metric, eq.name, eq.value)
        } else {
            candidates = Array(ctx.index.series(t.metric))
        }
        for s in candidates where t.matchers.allSatisfy({ $0.matches(s.labels) }) {
            let base = s.labels
            // The first of a repeated name wins: alertname, the rendered label templates, the rule's labels, the series'.
            var list: [(String, String)] = [("alertname", rule.name)]
            for (k, tpl) in t.labelTemplates {
                list.append((k, tpl.render(value: s.value, labels: base, externalLabels: ctx.externalLabels, externalURL: ctx.externalURL)))
            }
            for p in rule.labels.pairs { list.append((p.name, p.value)) }
            for p in base.pairs { list.append((p.name, p.value)) }
            let labels = Labels(list)
            if t.op.holds(s.value, t.threshold) {
                var a: [String: String] = [:]
                for (k, tpl) in t.annotationTemplates {
                    a[k] = tpl.render(value: s.value, labels: base, externalLabels: ctx.externalLabels, externalURL: ctx.externalURL)
                }
                out[labels] = .active(value: s.value, annotations: a)
            } else {
                out[labels] = .inactive(value: s.value)
            }
        }
        return out
    }
}
