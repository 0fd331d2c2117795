import Yams
import YouxiangConfig
import YouxiangCore

/// Reads and strictly validates the criteria file; every problem is a diagnostic with file:line:column, key path
/// and the fix.
///
/// ```yaml
/// assessments:
///   compulsory_quality_balanced: {name: 义务教育优质均衡发展县, method: 县域义务教育优质均衡发展督导评估办法}
/// criteria:
///   - {id: qualified_teachers, assessment: compulsory_quality_balanced, name: 每百名学生拥有高于规定学历教师数,
///      measure: school_resource, inputs: {resource: qualified_teachers, per_pupils: 100},
///      threshold: {primary: 4.2, junior: 5.3}, op: ge, source: …, confidence: two_sources}
/// ```
public enum CriteriaLoader {
    static let topKeys = ["assessments", "criteria"]
    static let assessmentKeys = ["name", "method"]
    static let criterionKeys = [
        "id", "assessment", "name", "measure", "inputs", "threshold", "op", "required_share",
        "source", "confidence",
    ]
    static let inputKeys = ["resource", "per_pupils", "floor_share", "ages", "through_school_types", "weighting"]
    static let confidences = ["two_sources", "one_source"]
    /// The resources a `school_resource` criterion may name (the enrolment export's fields).
    public static let resourceFields = [
        "qualified_teachers", "backbone_teachers", "pe_art_teachers", "teaching_area",
        "sports_area", "equipment_value", "multimedia_rooms",
    ]

    /// Threshold keys each measure needs (`all` alone means one number).
    static func thresholdKeys(_ m: AssessmentCriterion.Measure) -> [String] {
        switch m {
        case .schoolResource, .resourceVariation, .classSize: return ["primary", "junior"]
        case .schoolSize: return ["single_stage", "through_school"]
        case .kindergartenClassSize: return ["小班", "中班", "大班", "混龄班"]
        default: return ["all"]
        }
    }

    /// Loads `path`. Returns the file, or nil with every diagnostic.
    public static func load(path: String) -> Result<CriteriaFile, DiagnosticsError> {
        let doc = ConfigDocument.load(path: path)
        let parsed = doc.root.flatMap { decode($0) }
        if let parsed, doc.diagnostics.isEmpty { return .success(parsed) }
        return .failure(DiagnosticsError(doc.diagnostics))
    }

    static func decode(_ root: ConfigNode) -> CriteriaFile? {
        guard let top = root.mapping(allowed: topKeys) else { return nil }
        var assessments: [AssessmentInfo] = []
        if let am = top.required("assessments")?.freeMapping() {
            for (id, node) in am.entries {
                if !isSnakeCase(id) { node.error("assessment id \"\(id)\" must be snake_case ([a-z][a-z0-9_]*)") }
                guard let m = node.mapping(allowed: assessmentKeys) else { continue }
                let name = m.required("name")?.nonEmptyString()
                let method = m.optional("method")?.nonEmptyString() ?? ""
                if let name { assessments.append(AssessmentInfo(id: id, name: name, method: method)) }
            }
        }
        var criteria: [AssessmentCriterion] = []
        var seen: [String: Int] = [:]
        for item in top.required("criteria")?.list() ?? [] {
            guard let c = criterion(item, assessments: assessments) else { continue }
            let key = c.assessment + "/" + c.id
            if let first = seen[key] {
                item.error("criterion \"\(c.id)\" of \(c.assessment) is defined twice (first on line \(first)); give it another id")
                continue
            }
            seen[key] = item.line
            criteria.append(c)
        }
        let file = CriteriaFile(assessments: assessments, criteria: criteria)
        for c in criteria where c.measure == .schoolResourceRule || c.measure == .resourceVariation {
            if file.resources(of: c.assessment).isEmpty {
                top.optional("criteria")?.error(
                    "criterion \"\(c.id)\" (\(c.measure.rawValue)) needs the \(c.assessment) assessment's school_resource criteria; add them")
            }
        }
        return file
    }

    static func criterion(_ item: ConfigNode, assessments: [AssessmentInfo]) -> AssessmentCriterion? {
        guard let m = item.mapping(allowed: criterionKeys) else { return nil }
        let before = item.document.diagnostics.count
        let id = m.required("id")?.nonEmptyString()
        if let id, !isSnakeCase(id) { m.optional("id")?.error("criterion id \"\(id)\" must be snake_case ([a-z][a-z0-9_]*)") }
        let assessment = m.required("assessment")?.nonEmptyString()
        if let assessment, !assessments.contains(where: { $0.id == assessment }) {
            m.optional("assessment")?.error(
                "unknown assessment \"\(assessment)\"; declare it under `assessments:` (known: \(assessments.map(\.id).joined(separator: ", ")))")
        }
        let name = m.required("name")?.nonEmptyString()
        let measureNode = m.required("measure")
        var measure: AssessmentCriterion.Measure?
        if let text = measureNode?.string() {
            measure = AssessmentCriterion.Measure(rawValue: text)
            if measure == nil {
                let all = AssessmentCriterion.Measure.allCases.map(\.rawValue)
                measureNode?.error("unknown measure \"\(text)\"; use one of \(all.joined(separator: ", "))")
            }
        }
        let opNode = m.required("op")
        var op: AssessmentCriterion.Comparator?
        if let text = opNode?.string() {
            op = AssessmentCriterion.Comparator(rawValue: text)
            if op == nil { opNode?.error("unknown op \"\(text)\"; use ge (at least) or le (at most)") }
        }
        var thresholds: [String: Double] = [:]
        if let t = m.required("threshold") {
            if case .mapping = t.node, let tm = t.freeMapping() {
                for (k, v) in tm.entries { if let x = finite(v) { thresholds[k] = x } }
            } else if let v = finite(t) {
                thresholds["all"] = v
            }
            if let measure {
                let want = thresholdKeys(measure)
                let missing = want.filter { thresholds[$0] == nil && thresholds["all"] == nil }
                if !missing.isEmpty, item.document.diagnostics.count == before {
                    t.error(
                        "measure \(measure.rawValue) needs a threshold for \(missing.joined(separator: ", ")); write threshold: {\(want.map { "\($0): …" }.joined(separator: ", "))}"
                    )
                }
                for k in thresholds.keys where k != "all" && !want.contains(k) {
                    t.error("threshold key \"\(k)\" is not used by measure \(measure.rawValue); use \(want.joined(separator: ", "))")
                }
            }
        }
        var share = 1.0
        if let s = m.optional("required_share") {
            if let v = finite(s) {
                if v > 0, v <= 1 { share = v } else { s.error("required_share must be in (0, 1], e.g. 0.85 for 85%") }
            }
        }
        var inputs = AssessmentCriterion.Inputs()
        if let im = m.optional("inputs")?.mapping(allowed: inputKeys) {
            if let r = im.optional("resource"), let text = r.string() {
                if resourceFields.contains(text) {
                    inputs.resource = text
                } else {
                    r.error("unknown resource \"\(text)\"; use one of \(resourceFields.joined(separator: ", "))")
                }
            }
            if let p = im.optional("per_pupils"), let v = finite(p) {
                if v > 0 { inputs.perPupils = v } else { p.error("per_pupils must be positive (1 or 100)") }
            }
            if let f = im.optional("floor_share"), let v = finite(f) {
                if v > 0, v <= 1 { inputs.floorShare = v } else { f.error("floor_share must be in (0, 1], e.g. 0.85") }
            }
            if let a = im.optional("ages"), let list = a.list() {
                let ages = list.compactMap { $0.int() }
                if ages.count == list.count, ages.count == 2, ages[0] >= 0, ages[0] <= ages[1], ages[1] < 30 {
                    inputs.ages = Array(ages[0]...ages[1])
                } else if ages.count == list.count {
                    a.error("ages must be [first, last], e.g. [3, 5]")
                }
            }
            if let t = im.optional("through_school_types") { inputs.throughSchoolTypes = t.stringList() ?? [] }
            if let w = im.optional("weighting"), let list = w.stringList() {
                for x in list where x != "weighted" && x != "unweighted" { w.error("weighting \"\(x)\" must be weighted or unweighted") }
                inputs.weightings = list
            }
        }
        if let measure {
            func need(_ ok: Bool, _ key: String, _ fix: String) {
                if !ok { (m.optional("inputs") ?? item).error("measure \(measure.rawValue) needs inputs.\(key) (\(fix))") }
            }
            switch measure {
            case .schoolResource: need(inputs.resource != nil, "resource", "one of \(resourceFields.joined(separator: ", "))")
            case .schoolResourceRule: need(inputs.floorShare != nil, "floor_share", "e.g. floor_share: 0.85")
            case .preschoolGrossEnrolment: need(!inputs.ages.isEmpty, "ages", "e.g. ages: [3, 5]")
            case .resourceVariation: if inputs.weightings.isEmpty { inputs.weightings = ["weighted", "unweighted"] }
            default: break
            }
        }
        let source = m.required("source")?.nonEmptyString()
        let confNode = m.required("confidence")
        let confidence = confNode?.string()
        if let confidence, !confidences.contains(confidence) {
            confNode?.error("confidence \"\(confidence)\" must be two_sources (at least two independent sources agree) or one_source")
        }
        guard item.document.diagnostics.count == before, let id, let assessment, let name, let measure, let op,
            let source, let confidence
        else { return nil }
        return AssessmentCriterion(
            id: id, assessment: assessment, name: name, measure: measure, thresholds: thresholds,
            op: op, requiredShare: share, inputs: inputs, source: source, confidence: confidence)
    }

    static func finite(_ node: ConfigNode) -> Double? {
        if case .scalar(let s) = node.node, s.string.hasSuffix("%"), let p = Double(s.string.dropLast()) {
            node.error("write ratios as a number from 0 to 1: \((p / 100).cleaned) for \(s.string)")
            return nil
        }
        guard let v = node.double() else { return nil }
        guard v.isFinite else { node.error("expected a finite number"); return nil }
        return v
    }

    static func isSnakeCase(_ s: String) -> Bool {
        guard let f = s.utf8.first, f >= 97, f <= 122 else { return false }
        return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
