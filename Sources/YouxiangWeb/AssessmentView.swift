import YouxiangCore

/// The national county assessments (table rows 3 and 4) criterion by criterion, as the office's pages show them: per
/// assessment, each criterion's value, standard and status for one year, and the institutions below standard, worst
/// first. Read only from the `assessment` module's series in the snapshot (`eduplan_assessment_criterion_*`,
/// `eduplan_assessment_institution_info`), whose thresholds come from the criteria file.
struct AssessmentSectionView {
    var id: String
    /// “国家义务教育优质均衡发展县”.
    var title: String
    /// The year shown; nil when the assessment has no data at all.
    var year: Int?
    /// “（2025年数据）”, or nil.
    var yearText: String? = nil
    /// “（一）”, “（二）” in the page's order.
    var ordinal: String = ""
    /// “2025年：18项量化指标中，达标12项、未达标3项……”.
    var summary: String
    var rows: [CriterionRowView]
    var below: [InstitutionRowView]
    var hasBelow: Bool
    /// “2025年低于标准的学校（幼儿园）共N所……” or “2025年各校（园）均达到各项标准。”.
    var belowSummary: String
}

/// One district verdict row (a criterion at one level; a 差异系数 row carries both weightings).
struct CriterionRowView {
    var criterion: String
    var name: String
    var level: String
    var value: String
    var standard: String
    var status: String
    var statusClass: String
    var statusMark: String
}

/// One institution below standard in the year shown.
struct InstitutionRowView {
    var rank: Int
    var schoolID: String
    var name: String
    var level: String
    /// What falls short and by how much, one sentence per criterion.
    var shortfalls: [String]
    /// The largest relative gap, “低于标准20%”, for ordering and the summary column.
    var worst: String
}

/// Reads the assessment series off a snapshot.
enum AssessmentReading {
    static let info = "eduplan_assessment_criterion_info"
    static let value = "eduplan_assessment_criterion_value"
    static let met = "eduplan_assessment_criterion_met"
    static let threshold = "eduplan_assessment_criterion_threshold"
    static let complete = "eduplan_assessment_criterion_data_complete"
    static let institution = "eduplan_assessment_institution_info"

    static let levelNames = ["kindergarten": "幼儿园", "primary": "小学", "junior": "初中", "compulsory": "义务教育"]
    static let levelOrder = ["kindergarten": 0, "compulsory": 1, "primary": 2, "junior": 3]

    struct Criterion {
        var id: String, name: String, assessment: String, assessmentName: String, measure: String, op: String, unit: String, n: Int
        var opWords: String { op == "le" ? "不高于" : "不低于" }
        /// Per-institution criteria whose district value is the share of institutions meeting the standard.
        var schoolShare: Bool { ["school_resource", "school_resource_rule", "school_size"].contains(measure) }
    }

    /// The criteria named in the snapshot, in the criteria file's order.
    static func criteria(_ s: SeriesSnapshot) -> [Criterion] {
        var seen = Set<String>(), out: [Criterion] = []
        for (l, _) in s.series(info) {
            guard let id = l["criterion"], let a = l["assessment"], seen.insert(a + "/" + id).inserted else { continue }
            out.append(Criterion(id: id, name: l["name"] ?? id, assessment: a, assessmentName: l["assessment_name"] ?? a,
                                 measure: l["measure"] ?? "", op: l["op"] ?? "ge", unit: l["unit"] ?? "", n: Int(l["n"] ?? "") ?? 999))
        }
        return out.sorted { $0.n < $1.n }
    }

    /// The sections, one per assessment. `year`: the page's year; with `exact` false, an assessment without data in
    /// that year shows its latest earlier year with data.
    static func sections(_ s: SeriesSnapshot, year: Int, exact: Bool) -> [AssessmentSectionView] {
        let all = criteria(s)
        var order: [String] = []
        for c in all where !order.contains(c.assessment) { order.append(c.assessment) }
        return order.enumerated().map { n, a in
            let cs = all.filter { $0.assessment == a }
            let years = Set(s.series(complete, matching: ["assessment": a]).compactMap { $0.labels["year"].flatMap { Int($0) } })
            let shown = exact ? year : (years.filter { $0 <= year }.max() ?? years.min())
            var v = section(s, a, cs, year: shown, hasData: shown.map { years.contains($0) } ?? false)
            v.ordinal = "（" + WebFormat.chineseNumeral(n + 1) + "）"
            v.yearText = v.year.map { "（\($0)年数据）" }
            return v
        }
    }

    static func section(_ s: SeriesSnapshot, _ a: String, _ cs: [Criterion], year: Int?, hasData: Bool) -> AssessmentSectionView {
        let name = cs.first?.assessmentName ?? a
        let title = name.hasPrefix("国家") ? name : "国家" + name
        guard let year else {
            return AssessmentSectionView(id: a, title: title, year: nil, summary: "尚无该评估的量化指标数据。",
                                         rows: cs.map { noData($0) }, below: [], hasBelow: false, belowSummary: "")
        }
        let y = String(year)
        var rows: [CriterionRowView] = []
        var perCriterion: [IndicatorStatus] = []
        for c in cs {
            let keys = s.series(complete, matching: ["assessment": a, "criterion": c.id, "year": y]).map(\.labels)
            guard !keys.isEmpty else { rows.append(noData(c)); perCriterion.append(.noData); continue }
            // one row per level (and resource, for the 差异系数); the weightings of a 差异系数 side by side
            var groups: [Labels: [Labels]] = [:]
            for k in keys { groups[k.removing("weighting"), default: []].append(k) }
            let sorted = groups.keys.sorted { x, z in
                let lx = levelOrder[x["level"] ?? ""] ?? 9, lz = levelOrder[z["level"] ?? ""] ?? 9
                if lx != lz { return lx < lz }
                return resourceOrder(x["resource"], cs) < resourceOrder(z["resource"], cs)
            }
            var statuses: [IndicatorStatus] = []
            for g in sorted {
                let members = groups[g]!.sorted { ($0["weighting"] ?? "") > ($1["weighting"] ?? "") }  // weighted first
                let st = worst(members.map { status(s, $0) })
                statuses.append(st)
                var name = c.name
                if let r = g["resource"] { name = "差异系数：" + (cs.first { $0.id == r }?.name ?? r) }
                let values = members.map { m -> String in
                    let v = s.value(value, m).map { districtValue($0, c) } ?? "—"
                    guard let w = m["weighting"] else { return v }
                    return v + (w == "weighted" ? "（按在校生数加权）" : "（不加权）")
                }
                rows.append(CriterionRowView(criterion: c.id, name: name, level: levelNames[g["level"] ?? ""] ?? "—",
                                             value: values.joined(separator: "；") + (st == .incomplete ? "" : schoolCount(s, c, g)),
                                             standard: standard(s, c, members[0]), status: st.word, statusClass: st.cssClass,
                                             statusMark: st.mark))
            }
            perCriterion.append(worst(statuses))
        }
        var count: [IndicatorStatus: Int] = [:]
        for st in perCriterion { count[st, default: 0] += 1 }
        var summary = "\(year)年，\(cs.count)项量化指标中，达标\(count[.met] ?? 0)项、未达标\(count[.missed] ?? 0)项"
        if let n = count[.incomplete], n > 0 { summary += "、数据不完整\(n)项" }
        if let n = count[.noData], n > 0 { summary += "、无数据\(n)项" }
        summary += "（一项指标分学段或分项考核的，任一学段或分项未达标即计为未达标）。"
        if !hasData { summary = "\(year)年尚无该评估的量化指标数据。" }
        let below = institutionsBelow(s, cs, year: y)
        let kinds = Set(below.map(\.level))
        let noun = kinds == ["幼儿园"] ? "幼儿园" : (kinds.contains("幼儿园") ? "学校（幼儿园）" : "学校")
        let belowSummary = below.isEmpty
            ? (hasData ? "\(year)年各\(cs.contains { $0.measure.hasPrefix("kindergarten") || $0.measure == "child_teacher_ratio" } ? "园" : "校")均达到按校（园）考核的各项标准。" : "")
            : "\(year)年有\(below.count)所\(noun)未达到按校（园）考核的标准，按与标准的最大差距从大到小排列："
        return AssessmentSectionView(id: a, title: title, year: year, summary: summary, rows: rows, below: below,
                                     hasBelow: !below.isEmpty, belowSummary: belowSummary)
    }

    static func noData(_ c: Criterion) -> CriterionRowView {
        CriterionRowView(criterion: c.id, name: c.name, level: "—", value: "—", standard: "—", status: IndicatorStatus.noData.word,
                         statusClass: IndicatorStatus.noData.cssClass, statusMark: IndicatorStatus.noData.mark)
    }

    static func resourceOrder(_ r: String?, _ cs: [Criterion]) -> Int {
        guard let r else { return -1 }
        return cs.first { $0.id == r }?.n ?? 999
    }

    /// 达标 / 未达标 / 数据不完整 / 无数据 for one district series.
    static func status(_ s: SeriesSnapshot, _ l: Labels) -> IndicatorStatus {
        guard let c = s.value(complete, l) else { return .noData }
        if c == 0 { return .incomplete }
        guard let m = s.value(met, l) else { return .noData }
        return m == 1 ? .met : .missed
    }

    /// The worst of several: 未达标, then 数据不完整, then 无数据, then 达标.
    static func worst(_ all: [IndicatorStatus]) -> IndicatorStatus {
        for st in [IndicatorStatus.missed, .incomplete, .noData] where all.contains(st) { return st }
        return all.isEmpty ? .noData : .met
    }

    /// A value in the criterion's unit.
    static func formatted(_ v: Double, unit: String) -> String {
        switch unit {
        case "ratio": return WebFormat.number(v * 100, digits: 1) + "%"
        case "coefficient":
            // at least two decimals, as the method writes its thresholds (0.50, 0.45)
            var t = WebFormat.number(v, digits: 3)
            if !t.contains(".") { t += "." }
            while t.split(separator: ".", omittingEmptySubsequences: false).last!.count < 2 { t += "0" }
            return t
        case "children_per_teacher": return WebFormat.number(v, digits: 1) + "∶1"
        case "元", "人", "项": return WebFormat.number(v, digits: v >= 100 ? 0 : 2) + unit
        default: return WebFormat.number(v, digits: 2) + unit
        }
    }

    /// The district value: a share of institutions or classes as a percentage, else in the criterion's unit.
    static func districtValue(_ v: Double, _ c: Criterion) -> String {
        if c.schoolShare { return "达标占比" + formatted(v, unit: "ratio") }
        if c.measure == "class_size" { return "班额达标班级占比" + formatted(v, unit: "ratio") }
        if c.measure == "kindergarten_class_size" { return formatted(v, unit: "ratio") }
        return formatted(v, unit: c.unit)
    }

    /// “（40所中38所）” for criteria judged school by school.
    static func schoolCount(_ s: SeriesSnapshot, _ c: Criterion, _ district: Labels) -> String {
        guard c.schoolShare, let year = district["year"] else { return "" }
        var m: Labels = ["assessment": c.assessment, "criterion": c.id, "year": year]
        if let l = district["level"] { m = m.setting("level", l) }
        let per = s.series(met, matching: m).filter { $0.labels["school_id"] != nil }
        guard !per.isEmpty else { return "" }
        return "（\(per.count)所中\(per.filter { $0.value == 1 }.count)所达标）"
    }

    /// The standard in words: “每所学校不低于4.2人”, “不高于0.5”, “不低于85%”, “不高于15∶1”.
    static func standard(_ s: SeriesSnapshot, _ c: Criterion, _ district: Labels) -> String {
        let t = s.series(threshold, matching: district).first { $0.labels.removing("op") == district }?.value
        var per: [Double] = []
        if let year = district["year"] {
            var m: Labels = ["assessment": c.assessment, "criterion": c.id, "year": year]
            if let l = district["level"] { m = m.setting("level", l) }
            for (l, v) in s.series(threshold, matching: m) where l["school_id"] != nil && !per.contains(v) { per.append(v) }
        }
        per.sort()
        let perText = per.map { formatted($0, unit: c.unit) }.joined(separator: "或")
        switch c.measure {
        case "school_resource", "school_size":
            let base = "每所学校\(c.opWords)\(perText.isEmpty ? "标准" : perText)" + (per.count > 1 ? "（按办学类型）" : "")
            return base + shareRequirement(t, "学校")
        case "school_resource_rule":
            return "每所学校不少于\(perText.isEmpty ? "6项" : perText)达标，余项不低于标准的85%" + shareRequirement(t, "学校")
        case "class_size":
            return "每班\(c.opWords)\(perText)" + shareRequirement(t, "班级")
        case "kindergarten_class_size":
            return "班额符合规定的班级占比不低于\(t.map { formatted($0, unit: "ratio") } ?? "—")"
        default:
            return c.opWords + (t.map { formatted($0, unit: c.unit) } ?? "—")
        }
    }

    static func shareRequirement(_ t: Double?, _ noun: String) -> String {
        guard let t else { return "" }
        return t >= 1 ? "（全部\(noun)达到）" : "（达标\(noun)不少于\(formatted(t, unit: "ratio"))）"
    }

    /// Institutions with at least one per-institution verdict not met in `year`, worst first (largest gap relative
    /// to the standard), each with what falls short and by how much.
    static func institutionsBelow(_ s: SeriesSnapshot, _ cs: [Criterion], year: String) -> [InstitutionRowView] {
        guard let a = cs.first?.assessment else { return [] }
        struct Item { var c: Criterion; var v: Double?; var t: Double?; var level: String; var gap: Double }
        var byID: [String: (levels: [String], items: [Item])] = [:]
        for c in cs {
            for (l, m) in s.series(met, matching: ["assessment": a, "criterion": c.id, "year": year]) where m == 0 {
                guard let id = l["school_id"], let level = l["level"] else { continue }
                let v = s.value(value, l)
                let t = s.series(threshold, matching: l.removing("op")).first { $0.labels.removing("op") == l }?.value
                var u = byID[id] ?? ([], [])
                if !u.levels.contains(level) { u.levels.append(level) }
                u.items.append(Item(c: c, v: v, t: t, level: level, gap: shortfall(c, v, t, level: nil).1))
                byID[id] = u
            }
        }
        let names = Dictionary(s.series(institution, matching: ["year": year]).compactMap { l, _ in
            l["school_id"].map { ($0, l["name"] ?? $0) } }, uniquingKeysWith: { a, _ in a })
        let rows = byID.map { ($0.key, $0.value.levels, $0.value.items) }.sorted { x, z in
            let gx = x.2.map(\.gap).max() ?? 0, gz = z.2.map(\.gap).max() ?? 0
            if gx != gz { return gx > gz }
            if x.2.count != z.2.count { return x.2.count > z.2.count }
            return x.0 < z.0
        }
        return rows.enumerated().map { n, r in
            let g = r.2.map(\.gap).max() ?? 0
            let levels = r.1.sorted { (levelOrder[$0] ?? 9) < (levelOrder[$1] ?? 9) }.map { $0 == "compulsory" ? "全校" : (levelNames[$0] ?? $0) }
            return InstitutionRowView(rank: n + 1, schoolID: r.0, name: names[r.0] ?? "学校标识码\(r.0)",
                                      level: levels.joined(separator: "、"),
                                      shortfalls: r.2.map { shortfall($0.c, $0.v, $0.t, level: r.1.count > 1 ? $0.level : nil).0 },
                                      worst: g > 0 ? "差距为标准的" + formatted(g, unit: "ratio") : "—")
        }
    }

    /// “生均教学仪器设备值（元）：1,600元，标准不低于2,000元，差400元（为标准的20%）” and the gap relative to the
    /// standard. `level`: the school stage, named when the school has more than one.
    static func shortfall(_ c: Criterion, _ v: Double?, _ t: Double?, level: String?) -> (String, Double) {
        let stage = level.map { "（" + ($0 == "compulsory" ? "全校" : (levelNames[$0] ?? $0)) + "）" } ?? ""
        guard let v, let t else { return ("\(c.name)\(stage)：未达标", 0) }
        let d = abs(v - t)
        let rel = t != 0 ? d / abs(t) : 0
        switch c.measure {
        case "school_resource_rule":
            return ("资源配置指标\(stage)达标\(formatted(v, unit: "项"))" + (v >= t ? "，但未达标的一项低于标准的85%" : "，少于要求的\(formatted(t, unit: "项"))"), rel)
        case "kindergarten_class_size":
            // per kindergarten: the share of its classes within their limits, against the required share
            return ("班额符合规定的班级占\(formatted(v, unit: "ratio"))，要求不低于\(formatted(t, unit: "ratio"))，差\(WebFormat.number(d * 100, digits: 1))个百分点", rel)
        default:
            let word = c.op == "le" ? "超出" : "差"
            let amount = c.unit == "ratio" ? WebFormat.number(d * 100, digits: 1) + "个百分点" : formatted(d, unit: c.unit)
            return ("\(c.name)\(stage)：\(formatted(v, unit: c.unit))，标准\(c.opWords)\(formatted(t, unit: c.unit))，\(word)\(amount)（为标准的\(formatted(rel, unit: "ratio"))）", rel)
        }
    }
}
