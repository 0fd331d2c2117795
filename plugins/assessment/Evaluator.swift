import YouxiangCore

/// Evaluates every criterion of the criteria file for every year the inputs cover.
struct Evaluator {
    let file: CriteriaFile
    let inputs: AssessmentInputs

    func verdicts() -> [Verdict] {
        var out: [Verdict] = []
        for year in inputs.years.keys.sorted() {
            let data = inputs.years[year]!
            for c in file.criteria {
                out += evaluate(c, year: year, data: data)
            }
        }
        return out
    }

    func evaluate(_ c: AssessmentCriterion, year: Int, data: YearInputs) -> [Verdict] {
        switch c.measure {
        case .schoolResource: return schoolResource(c, year, data)
        case .schoolResourceRule: return schoolResourceRule(c, year, data)
        case .resourceVariation: return resourceVariation(c, year, data)
        case .schoolSize: return schoolSize(c, year, data)
        case .classSize: return classSize(c, year, data)
        case .migrantPublicOrPurchased: return migrant(c, year, data)
        case .juniorRetention: return juniorRetention(c, year, data)
        case .preschoolGrossEnrolment: return grossEnrolment(c, year, data)
        case .inclusiveCoverage: return kindergartenShare(c, year, data) { $0.inclusive }
        case .publicShare: return kindergartenShare(c, year, data) { $0.isPublic }
        case .kindergartenClassSize: return kindergartenClassSize(c, year, data)
        case .childTeacherRatio: return childTeacherRatio(c, year, data)
        }
    }

    // MARK: helpers

    func labels(_ c: AssessmentCriterion, _ level: String, _ year: Int, _ extra: [(String, String)] = []) -> Labels {
        var l: Labels = ["assessment": c.assessment, "criterion": c.id, "level": level, "year": String(year)]
        for (k, v) in extra { l = l.setting(k, v) }
        return l
    }

    /// A district verdict from a value, or an unknown one with reasons.
    func district(_ c: AssessmentCriterion, _ l: Labels, value: Double?, threshold: Double, reasons: [String]) -> Verdict {
        guard reasons.isEmpty, let value else {
            return Verdict(labels: l, value: nil, met: nil, threshold: threshold, reasons: reasons.isEmpty ? ["no value"] : reasons)
        }
        return Verdict(labels: l, value: value.cleaned, met: c.op.holds(value, threshold), threshold: threshold)
    }

    /// A district verdict over per-unit verdicts: the share of units meeting their threshold against `requiredShare`.
    func share(_ c: AssessmentCriterion, _ l: Labels, units: [Bool?], reasons: [String]) -> Verdict {
        var r = reasons
        let unknown = units.filter { $0 == nil }.count
        if unknown > 0 { r.append("\(unknown) unit(s) without a measured value") }
        if units.isEmpty { r.append("no units for this level and year") }
        let met = Double(units.filter { $0 == true }.count)
        return Verdict(
            labels: l, value: r.isEmpty ? (met / Double(units.count)).cleaned : nil,
            met: r.isEmpty ? (met / Double(units.count)) >= c.requiredShare : nil, threshold: c.requiredShare, reasons: r,
            shareThreshold: true)
    }

    func gaps(_ year: Int, _ sources: String...) -> [String] { sources.flatMap { inputs.reasons($0, year) } }

    static let levels = ["primary", "junior"]
}
