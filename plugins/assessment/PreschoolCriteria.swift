import YouxiangCore

/// 学前教育普及普惠: 学前三年毛入园率, 普惠性幼儿园覆盖率, 公办园在园幼儿占比, class sizes, children per teacher.
extension Evaluator {
    /// 学前三年毛入园率: all kindergarten children ÷ resident population of the configured ages (3–5).
    func grossEnrolment(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var reasons = gaps(year, "kindergartens", "population_by_age")
        let missingAges = c.inputs.ages.filter { data.population[$0] == nil }
        if !missingAges.isEmpty { reasons.append("population_by_age has no row for age(s) \(missingAges.map(String.init).joined(separator: ", "))") }
        let pop = c.inputs.ages.reduce(0) { $0 + (data.population[$1] ?? 0) }
        let children = data.kindergartens.reduce(0) { $0 + $1.children }
        return [
            district(
                c, labels(c, "kindergarten", year), value: pop > 0 ? children / pop : nil,
                threshold: c.threshold("all") ?? 0, reasons: reasons)
        ]
    }

    /// A share of kindergarten children (普惠 coverage, 公办 share), as table rows 1 and 2 compute it.
    func kindergartenShare(
        _ c: AssessmentCriterion, _ year: Int, _ data: YearInputs,
        _ counts: (KindergartenRecord) -> Bool
    ) -> [Verdict] {
        let all = data.kindergartens.reduce(0) { $0 + $1.children }
        let part = data.kindergartens.filter(counts).reduce(0) { $0 + $1.children }
        return [
            district(
                c, labels(c, "kindergarten", year), value: all > 0 ? part / all : nil,
                threshold: c.threshold("all") ?? 0, reasons: gaps(year, "kindergartens"))
        ]
    }

    /// Classes within the limit of their type; per kindergarten the share of its classes within.
    func kindergartenClassSize(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var reasons = gaps(year, "kindergartens", "kindergarten_classes")
        let byKG = Dictionary(grouping: data.kindergartenClasses, by: \.id)
        let without = data.kindergartens.filter { byKG[$0.id] == nil && $0.children > 0 }
        if !without.isEmpty { reasons.append("\(without.count) kindergarten(s) without class rows: \(without.map(\.id).joined(separator: ", "))") }
        var out: [Verdict] = [], units: [Bool?] = []
        func within(_ k: KindergartenClassRecord) -> Bool? { c.threshold(k.kind).map { c.op.holds(k.children, $0) } }
        for k in data.kindergartenClasses { units.append(within(k)) }
        for kg in data.kindergartens {
            guard let classes = byKG[kg.id] else { continue }
            let ok = classes.compactMap(within)
            guard ok.count == classes.count else { continue }
            let v = Double(ok.filter { $0 }.count) / Double(ok.count)
            out.append(
                Verdict(
                    labels: labels(c, "kindergarten", year, [("school_id", kg.id)]), value: v.cleaned,
                    met: v >= c.requiredShare, threshold: c.requiredShare, institution: kg.name, shareThreshold: true))
        }
        out.append(share(c, labels(c, "kindergarten", year), units: units, reasons: reasons))
        return out
    }

    /// Children per full-time teacher, district (the criterion) and per kindergarten (beside it).
    func childTeacherRatio(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        guard let t = c.threshold("all") else { return [] }
        var reasons = gaps(year, "kindergartens", "kindergarten_staff")
        var children = 0.0, teachers = 0.0, out: [Verdict] = []
        for kg in data.kindergartens {
            guard let n = data.staff[kg.id] else { reasons.append("no staff row for \(kg.name)(\(kg.id))"); continue }
            children += kg.children
            teachers += n
            if n > 0 {
                let v = kg.children / n
                out.append(
                    Verdict(
                        labels: labels(c, "kindergarten", year, [("school_id", kg.id)]), value: v.cleaned,
                        met: c.op.holds(v, t), threshold: t, institution: kg.name))
            }
        }
        out.append(district(c, labels(c, "kindergarten", year), value: teachers > 0 ? children / teachers : nil, threshold: t, reasons: reasons))
        return out
    }
}
