import YouxiangConfig
import YouxiangCore

/// Computes the `assessment` module's series; see `Assessment`.
///
/// The criteria file is read on every run (and watched like a data file), so a corrected threshold takes effect at
/// the next collection; `check config` and every reload validate it strictly. A criteria file that became invalid
/// fails the run (the last good series are kept as for any failing collector).
struct AssessmentCollector: FileCollector {
    let criteriaPath: String
    let sources: AssessmentSources
    /// The criteria file's content when the configuration was loaded: part of the collector's fingerprint, so a
    /// reload after a corrected threshold re-runs the collector at once.
    var criteriaText = ""

    var configFingerprint: String { criteriaText }

    var inputFiles: [String] { [criteriaPath] + sources.all.flatMap(\.paths) }
    var families: [MetricFamily] { AssessmentFamilies.all }

    func read() -> CollectionResult {
        var result = CollectionResult()
        let file: CriteriaFile
        switch CriteriaLoader.load(path: criteriaPath) {
        case .success(let f): file = f
        case .failure(let e):
            result.errors += e.diagnostics.map(\.description)
            return result
        }
        let inputs = AssessmentInputs.read(sources, into: &result)
        let verdicts = Evaluator(file: file, inputs: inputs).verdicts()
        result.samples += Self.samples(verdicts, file: file)
        return result
    }

    /// Value, met, threshold and completeness per verdict; the criteria's info; and `lost` year over year.
    static func samples(_ verdicts: [Verdict], file: CriteriaFile) -> [Sample] {
        var out: [Sample] = []
        let byID = Dictionary(file.criteria.map { ("\($0.assessment)/\($0.id)", $0) }, uniquingKeysWith: { a, _ in a })
        for (n, c) in file.criteria.enumerated() {
            let a = file.assessments.first { $0.id == c.assessment }
            out.append(
                Sample(
                    AssessmentFamilies.info.name,
                    [
                        "assessment": c.assessment, "criterion": c.id, "name": c.name,
                        "assessment_name": a?.name ?? c.assessment, "measure": c.measure.rawValue,
                        "op": c.op.rawValue, "confidence": c.confidence,
                        "n": String(n + 1), "unit": unit(c),
                    ], 1))
        }
        var named = Set<Labels>()
        for v in verdicts where !v.isDistrict && !v.institution.isEmpty {
            let l: Labels = ["school_id": v.labels["school_id"] ?? "", "name": v.institution, "year": v.labels["year"] ?? ""]
            if named.insert(l).inserted { out.append(Sample(AssessmentFamilies.institution.name, l, 1)) }
        }
        for v in verdicts {
            let op = v.shareThreshold ? "ge" : (byID["\(v.labels["assessment"] ?? "")/\(v.labels["criterion"] ?? "")"]?.op.rawValue ?? "ge")
            if v.isDistrict {
                out.append(Sample(AssessmentFamilies.complete.name, v.labels, v.reasons.isEmpty ? 1 : 0))
                out.append(Sample(AssessmentFamilies.threshold.name, v.labels.setting("op", op), v.threshold))
            }
            if let value = v.value { out.append(Sample(AssessmentFamilies.value.name, v.labels, value)) }
            if let met = v.met { out.append(Sample(AssessmentFamilies.met.name, v.labels, met ? 1 : 0)) }
            if !v.isDistrict { out.append(Sample(AssessmentFamilies.threshold.name, v.labels.setting("op", op), v.threshold)) }
        }
        out += lost(verdicts, byID: byID)
        return out
    }

    /// The unit of a criterion's per-institution value (the district value of a per-institution criterion is a share):
    /// teachers 人, areas 平方米, equipment 元, rooms 间, standards met 项, pupils 人; `ratio` (0–1), `coefficient`,
    /// `children_per_teacher`.
    static func unit(_ c: AssessmentCriterion) -> String {
        switch c.measure {
        case .schoolResource:
            switch c.inputs.resource ?? "" {
            case "teaching_area", "sports_area": return "平方米"
            case "equipment_value": return "元"
            case "multimedia_rooms": return "间"
            default: return "人"
            }
        case .schoolResourceRule: return "项"
        case .schoolSize, .classSize: return "人"
        case .resourceVariation: return "coefficient"
        case .childTeacherRatio: return "children_per_teacher"
        case .migrantPublicOrPurchased, .juniorRetention, .preschoolGrossEnrolment, .inclusiveCoverage, .publicShare,
            .kindergartenClassSize:
            return "ratio"
        }
    }

    static let levelNames = ["primary": "小学", "junior": "初中", "compulsory": "义务教育学校", "kindergarten": "幼儿园"]

    /// Per-institution verdicts that are the assessment's own per-school criteria (the 6-of-7 rule, school size); a
    /// school's single resource, class or ratio is shown beside them but not alerted on by itself.
    static let alertedPerInstitution: Set<AssessmentCriterion.Measure> = [.schoolResourceRule, .schoolSize]

    /// `lost` for each series whose previous year has a `met`: 1 when it was met then and is not met now.
    /// Carries `name` (the criterion's Chinese name) and `subject` (全区小学…, or the institution's name and id) for the alert text.
    static func lost(_ verdicts: [Verdict], byID: [String: AssessmentCriterion]) -> [Sample] {
        var met: [Labels: Bool] = [:]
        for v in verdicts { if let m = v.met { met[v.labels] = m } }
        var out: [Sample] = []
        for v in verdicts {
            let c = byID["\(v.labels["assessment"] ?? "")/\(v.labels["criterion"] ?? "")"]
            guard v.isDistrict || c.map({ alertedPerInstitution.contains($0.measure) }) == true else { continue }
            guard let now = v.met, let y = Int(v.labels["year"] ?? ""),
                let before = met[v.labels.setting("year", String(y - 1))]
            else { continue }
            var name = c?.name ?? ""
            if let r = v.labels["resource"], let rc = byID["\(v.labels["assessment"] ?? "")/\(r)"] {
                name += "：" + rc.name + (v.labels["weighting"] == "unweighted" ? "（不加权）" : "（按在校生数加权）")
            }
            let level = levelNames[v.labels["level"] ?? ""] ?? ""
            let subject = v.isDistrict ? "全区" + level : v.institution + "（学校标识码" + (v.labels["school_id"] ?? "") + "）"
            let l = v.labels.setting("name", name).setting("subject", subject)
            out.append(Sample(AssessmentFamilies.lost.name, l, before && !now ? 1 : 0))
        }
        return out
    }
}
