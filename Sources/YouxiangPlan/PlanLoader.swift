import YouxiangConfig
import YouxiangCore

/// Loads `targets.yml` strictly (unknown keys, wrong types and unknown sections are errors with file:line:column).
public enum PlanLoader {
    static let topKeys = ["plan", "sections", "indicators", "informational"]
    static let planKeys = ["id", "title_zh", "issuer_zh", "issued", "district", "lead_unit_zh", "baseline_year", "baseline_kind", "years"]
    static let indicatorKeys = [
        "id", "name_zh", "row", "section", "units_inferred", "unit", "metric", "match", "baseline",
        "targets", "default_source", "conflicts", "note",
        "units_zh", "units_note_zh", "measure_zh", "subject_zh",
    ]
    static let targetKeys = ["year", "raw", "op", "value", "min", "max", "source", "section", "op_source", "note"]

    /// Reads and validates the targets file.
    public static func load(path: String) -> Result<PlanTargets, DiagnosticsError> {
        let doc = ConfigDocument.load(path: path)
        guard let root = doc.root, let top = root.mapping(allowed: topKeys) else { return .failure(DiagnosticsError(doc.diagnostics)) }
        var planID = "", title = "", baselineYear = 2022, years: [Int] = []
        if let p = top.required("plan")?.mapping(allowed: planKeys) {
            planID = p.required("id")?.string() ?? ""
            title = p.required("title_zh")?.string() ?? ""
            baselineYear = p.optional("baseline_year")?.year() ?? baselineYear
            years = p.required("years")?.list()?.compactMap { $0.year() } ?? []
        }
        var sections: [String: PlanSection] = [:]
        if let sm = top.required("sections")?.freeMapping() {
            for (id, node) in sm.entries {
                guard let s = node.mapping(allowed: ["title_zh", "units_zh"]) else { continue }
                sections[id] = PlanSection(
                    id: id, titleZh: s.required("title_zh")?.string() ?? "",
                    unitsZh: s.required("units_zh")?.stringList() ?? [])
            }
        }
        var indicators: [PlanIndicator] = []
        var ids = Set<String>()
        for item in top.required("indicators")?.list() ?? [] {
            guard let ind = indicator(item, sections: sections) else { continue }
            if !ids.insert(ind.id).inserted { item.error("duplicate indicator id \"\(ind.id)\""); continue }
            indicators.append(ind)
        }
        _ = top.optional("informational")?.list()
        guard doc.diagnostics.isEmpty else { return .failure(DiagnosticsError(doc.diagnostics)) }
        return .success(
            PlanTargets(
                planID: planID, titleZh: title, baselineYear: baselineYear, years: years,
                sections: sections, indicators: indicators))
    }

    static func indicator(_ item: ConfigNode, sections: [String: PlanSection]) -> PlanIndicator? {
        guard let m = item.mapping(allowed: indicatorKeys) else { return nil }
        let id = m.required("id")?.nonEmptyString()
        let name = m.required("name_zh")?.nonEmptyString()
        let sectionNode = m.required("section")
        let section = sectionNode?.string()
        if let section, sections[section] == nil { sectionNode?.error("unknown section \"\(section)\"") }
        let unitNode = m.required("unit")
        var unit: PlanUnit?
        if let u = unitNode?.string() {
            unit = PlanUnit(rawValue: u)
            if unit == nil { unitNode?.error("unknown unit \"\(u)\" (expected \(PlanUnit.allCases.map(\.rawValue).joined(separator: ", ")))") }
        }
        let metricNode = m.required("metric")
        let metric = metricNode?.string()
        if let metric, !MetricNames.isValidMetricName(metric) { metricNode?.error("invalid metric name") }
        var match = Labels()
        if let mm = m.optional("match")?.freeMapping() { match = Labels(mm.stringValues()) }
        var baselineRaw: String?, baselineValue: Double?
        if let b = m.optional("baseline")?.mapping(allowed: ["year", "raw", "value"]) {
            baselineRaw = b.optional("raw")?.string()
            baselineValue = b.optional("value")?.double()
            _ = b.optional("year")?.year()
        }
        let targets = (m.optional("targets")?.list() ?? []).compactMap { target($0) }
        let defaultSource = m.optional("default_source")?.string() ?? "table"
        let conflicts = m.optional("conflicts")?.stringList() ?? []
        _ = m.optional("note")?.string()
        let unitsZh = m.optional("units_zh")?.stringList()
        let unitsNote = m.optional("units_note_zh")?.nonEmptyString()
        let measure = m.optional("measure_zh")?.nonEmptyString()
        let subject = m.optional("subject_zh")?.nonEmptyString()
        guard let id, let name, let section, let unit, let metric else { return nil }
        return PlanIndicator(
            id: id, nameZh: name, row: m.optional("row")?.int(), section: section,
            unitsInferred: m.optional("units_inferred")?.bool() ?? false, unit: unit, metric: metric,
            match: match, baselineRaw: baselineRaw, baselineValue: baselineValue, targets: targets,
            defaultSource: defaultSource, conflicts: conflicts, unitsZh: unitsZh, unitsNoteZh: unitsNote,
            measureZh: measure, subjectZh: subject)
    }

    static func target(_ node: ConfigNode) -> PlanTarget? {
        guard let t = node.mapping(allowed: targetKeys) else { return nil }
        let year = t.required("year")?.year()
        let raw = t.required("raw")?.string()
        let opNode = t.required("op")
        var op: Comparator?
        if let o = opNode?.string() {
            op = Comparator(rawValue: o)
            if op == nil { opNode?.error("unknown op \"\(o)\" (expected gt, ge, le, eq or range)") }
        }
        var value: Double?, lo: Double?, hi: Double?
        if op == .range {
            lo = t.required("min")?.double()
            hi = t.required("max")?.double()
        } else if op != nil {
            value = t.required("value")?.double()
        }
        let source = t.optional("source")?.string() ?? "table"
        if source != "table", source != "text" { t.optional("source")?.error("expected table or text") }
        _ = t.optional("section")?.string()
        _ = t.optional("note")?.string()
        guard let year, let raw, let op else { return nil }
        return PlanTarget(
            year: year, raw: raw, op: op, value: value, min: lo, max: hi, source: source,
            opSource: t.optional("op_source")?.string() ?? "inferred")
    }
}
