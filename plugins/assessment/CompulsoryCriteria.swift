import Enrolment
import YouxiangCore

/// 义务教育优质均衡: the seven resources per school, the 6-of-7 rule, the 差异系数 per level, school and class size,
/// migrant children, junior retention.
extension Evaluator {
    /// Per-pupil value of one resource for one school stage: resource ÷ pupils × per_pupils; nil when unknown.
    static func perPupil(_ c: AssessmentCriterion, _ s: StageRecord) -> Double? {
        guard let r = c.inputs.resource, let total = s.resources[r], s.pupils > 0 else { return nil }
        return total / s.pupils * c.inputs.perPupils
    }

    func schoolResource(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var out: [Verdict] = []
        for level in Self.levels {
            guard let t = c.threshold(level) else { continue }
            var units: [Bool?] = []
            for s in data.stages where s.level == level {
                let v = Self.perPupil(c, s)
                let met = v.map { c.op.holds($0, t) }
                units.append(met)
                if let v {
                    out.append(
                        Verdict(
                            labels: labels(c, level, year, [("school_id", s.id)]), value: v.cleaned, met: met,
                            threshold: t, institution: s.name))
                }
            }
            out.append(share(c, labels(c, level, year), units: units, reasons: gaps(year, "compulsory")))
        }
        return out
    }

    /// The per-school rule: at least `threshold` (6) of the seven standards met and every one not met at least
    /// `floor_share` (85%) of its standard. A school with a value marked missing is decided only when the known
    /// values already decide it (two standards missed, or one below the floor); otherwise it is unknown.
    func schoolResourceRule(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        let resources = file.resources(of: c.assessment)
        let minMet = c.threshold("all") ?? 6
        let floor = c.inputs.floorShare ?? 0.85
        var out: [Verdict] = []
        for level in Self.levels {
            var units: [Bool?] = []
            for s in data.stages where s.level == level {
                var met = 0, missed = 0, unknown = 0, belowFloor = false
                for r in resources {
                    guard let t = r.threshold(level), let v = Self.perPupil(r, s) else { unknown += 1; continue }
                    if r.op.holds(v, t) {
                        met += 1
                    } else {
                        missed += 1
                        if !r.op.holds(v, r.op == .ge ? t * floor : t / floor) { belowFloor = true }
                    }
                }
                let verdict: Bool?
                if belowFloor || Double(met + unknown) < minMet {
                    verdict = false
                } else if unknown == 0 {
                    verdict = Double(met) >= minMet
                } else {
                    verdict = nil
                }
                units.append(verdict)
                if verdict != nil || unknown == 0 {
                    out.append(
                        Verdict(
                            labels: labels(c, level, year, [("school_id", s.id)]),
                            value: unknown == 0 ? Double(met) : nil, met: verdict, threshold: minMet, institution: s.name))
                }
            }
            out.append(share(c, labels(c, level, year), units: units, reasons: gaps(year, "compulsory")))
        }
        return out
    }

    /// 差异系数 of each resource per level, enrolment-weighted (the enrolment module's `VariationCoefficient`) and
    /// unweighted (the same computation with every school weighted 1 on its per-pupil value).
    func resourceVariation(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var out: [Verdict] = []
        for level in Self.levels {
            guard let t = c.threshold(level) else { continue }
            let stages = data.stages.filter { $0.level == level }
            for r in file.resources(of: c.assessment) {
                guard let field = r.inputs.resource else { continue }
                let missing = stages.filter { $0.resources[field] == nil || $0.pupils <= 0 }
                var reasons = gaps(year, "compulsory")
                if !missing.isEmpty {
                    reasons.append("\(missing.count) school(s) without \(field): \(missing.map { "\($0.name)(\($0.id))" }.joined(separator: ", "))")
                }
                for w in c.inputs.weightings {
                    let l = labels(c, level, year, [("resource", r.id), ("weighting", w)])
                    var value: Double?
                    if reasons.isEmpty {
                        if w == "weighted" {
                            value = VariationCoefficient.compute(pupils: stages.map(\.pupils), totals: stages.map { $0.resources[field]! })?.coefficient
                        } else {
                            let perPupil = stages.map { $0.resources[field]! / $0.pupils }
                            value = VariationCoefficient.compute(pupils: stages.map { _ in 1 }, totals: perPupil)?.coefficient
                        }
                    }
                    out.append(district(c, l, value: value, threshold: t, reasons: reasons))
                }
            }
        }
        return out
    }

    /// School size: pupils of all a school's stages; through schools (九年一贯制, 十二年一贯制) have their own limit.
    func schoolSize(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var pupils: [String: Double] = [:], names: [String: String] = [:], through: [String: Bool] = [:]
        let types = c.inputs.throughSchoolTypes.isEmpty ? ["九年一贯制学校", "十二年一贯制学校"] : c.inputs.throughSchoolTypes
        for s in data.stages {
            pupils[s.id, default: 0] += s.pupils
            names[s.id] = s.name
            through[s.id] = (through[s.id] ?? false) || types.contains(s.type)
        }
        var out: [Verdict] = [], units: [Bool?] = []
        for id in pupils.keys.sorted() {
            guard let t = c.threshold(through[id]! ? "through_school" : "single_stage") else { continue }
            let met = c.op.holds(pupils[id]!, t)
            units.append(met)
            out.append(
                Verdict(
                    labels: labels(c, "compulsory", year, [("school_id", id)]), value: pupils[id]!, met: met,
                    threshold: t, institution: names[id] ?? ""))
        }
        out.append(share(c, labels(c, "compulsory", year), units: units, reasons: gaps(year, "compulsory")))
        return out
    }

    /// Class size: every class within its level's limit; per school stage the largest class.
    func classSize(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var out: [Verdict] = []
        for level in Self.levels {
            guard let t = c.threshold(level) else { continue }
            let classes = data.classes.filter { $0.level == level }
            let byStage = Dictionary(grouping: classes, by: \.id)
            var reasons = gaps(year, "compulsory", "classes")
            let without = data.stages.filter { $0.level == level && byStage[$0.id] == nil }
            if !without.isEmpty { reasons.append("\(without.count) school(s) without class rows: \(without.map(\.id).joined(separator: ", "))") }
            for s in data.stages where s.level == level {
                guard let largest = byStage[s.id]?.map(\.pupils).max() else { continue }
                out.append(
                    Verdict(
                        labels: labels(c, level, year, [("school_id", s.id)]), value: largest,
                        met: c.op.holds(largest, t), threshold: t, institution: s.name))
            }
            out.append(share(c, labels(c, level, year), units: classes.map { c.op.holds($0.pupils, t) }, reasons: reasons))
        }
        return out
    }

    /// Eligible migrant pupils in public schools or in places the government buys at private schools ÷ all eligible.
    func migrant(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        var reasons = gaps(year, "compulsory", "migrant_purchased")
        var all = 0.0, placed = 0.0
        var purchasedPerSchool: [String: Double] = [:]
        for s in data.stages {
            guard let e = s.migrantEligible else { reasons.append("符合条件随迁子女数 missing for \(s.name)(\(s.id))"); continue }
            all += e
            if s.isPublic { placed += e } else { purchasedPerSchool[s.id, default: 0] += e }
        }
        for (id, eligible) in purchasedPerSchool.sorted(by: { $0.key < $1.key }) {
            guard let p = data.purchased[id] else {
                if eligible > 0 { reasons.append("no purchased-places row for private school \(id)") }
                continue
            }
            if p > eligible { reasons.append("school \(id): purchased places (\(Int(p))) exceed eligible migrant pupils (\(Int(eligible)))") }
            placed += min(p, eligible)
        }
        if all == 0 { reasons.append("no eligible migrant pupils reported") }
        return [district(c, labels(c, "compulsory", year), value: all > 0 ? placed / all : nil, threshold: c.threshold("all") ?? 0, reasons: reasons)]
    }

    /// Junior three-year retention: grade-9 pupils ÷ the cohort's grade-7 entrants, district and per school.
    func juniorRetention(_ c: AssessmentCriterion, _ year: Int, _ data: YearInputs) -> [Verdict] {
        guard let t = c.threshold("all") else { return [] }
        var reasons = gaps(year, "compulsory", "junior_cohorts")
        let byID = Dictionary(data.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Verdict] = [], entrants = 0.0, final = 0.0
        for s in data.stages where s.level == "junior" {
            guard let k = byID[s.id] else { reasons.append("no cohort row for junior school \(s.name)(\(s.id))"); continue }
            entrants += k.entrants
            final += k.finalYear
            let v = k.finalYear / k.entrants
            out.append(
                Verdict(
                    labels: labels(c, "junior", year, [("school_id", s.id)]), value: v.cleaned, met: c.op.holds(v, t),
                    threshold: t, institution: s.name))
        }
        out.append(district(c, labels(c, "junior", year), value: entrants > 0 ? final / entrants : nil, threshold: t, reasons: reasons))
        return out
    }
}
