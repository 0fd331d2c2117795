import YouxiangCore

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
            out.append(
                Criterion(
                    id: id, name: l["name"] ?? id, assessment: a, assessmentName: l["assessment_name"] ?? a,
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
            return AssessmentSectionView(
                id: a, title: title, year: nil, summary: "尚无该评估的量化指标数据。",
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
                    let v = s.value(value, m).map { districtValue($0, c, threshold: districtThreshold(s, m)) } ?? "—"
                    guard let w = m["weighting"] else { return v }
                    return v + (w == "weighted" ? "（按在校生数加权）" : "（不加权）")
                }
                rows.append(
                    CriterionRowView(
                        criterion: c.id, name: name, level: levelNames[g["level"] ?? ""] ?? "—",
                        value: values.joined(separator: "；") + (st == .incomplete ? "" : schoolCount(s, c, g)),
                        standard: standard(s, c, members[0]), status: st.word, statusClass: st.cssClass,
                        statusMark: st.mark))
            }
            perCriterion.append(worst(statuses))
        }
        var count: [IndicatorStatus: Int] = [:]
        for st in perCriterion { count[st, default: 0] += 1 }
        var summary = "\(year)年，\(cs.count)项量化指标中，"
        summary += WebFormat.tally([
            ("达标", count[.met] ?? 0), ("未达标", count[.missed] ?? 0), ("数据不完整", count[.incomplete] ?? 0), ("无数据", count[.noData] ?? 0),
        ])
        summary += "（一项指标分学段或分项考核的，任一学段或分项未达标即计为未达标）。"
        if !hasData { summary = "\(year)年尚无该评估的量化指标数据。" }
        let below = institutionsBelow(s, cs, year: y)
        let kinds = Set(below.map(\.level))
        let noun = kinds == ["幼儿园"] ? "幼儿园" : (kinds.contains("幼儿园") ? "学校（幼儿园）" : "学校")
        // “均达到” only when every criterion was judged: with inputs incomplete, no school is known to be at standard.
        let allJudged = (count[.incomplete] ?? 0) == 0 && (count[.noData] ?? 0) == 0
        let belowSummary =
            below.isEmpty
            ? (hasData && allJudged
                ? "\(year)年各\(cs.contains { $0.measure.hasPrefix("kindergarten") || $0.measure == "child_teacher_ratio" } ? "园" : "校")均达到按校（园）考核的各项标准。" : "")
            : "\(year)年有\(below.count)所\(noun)未达到按校（园）考核的标准，按与标准的最大差距从大到小排列："
        return AssessmentSectionView(
            id: a, title: title, year: year, summary: summary, rows: rows, below: below,
            hasBelow: !below.isEmpty, belowSummary: belowSummary)
    }

    static func noData(_ c: Criterion) -> CriterionRowView {
        CriterionRowView(
            criterion: c.id, name: c.name, level: "—", value: "—", standard: "—", status: IndicatorStatus.noData.word,
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
}
