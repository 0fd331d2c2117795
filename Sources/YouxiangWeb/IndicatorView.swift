import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// One indicator's row as the templates print it: every field already in the plan's words and units (plain strings;
/// the templates escape them), the chart as SVG markup built by `Chart` from numbers and escaped text.
struct IndicatorView {
    /// 序号 in the report's table (1-based), 0 elsewhere.
    var index = 0
    var id: String
    var name: String
    /// “表第2行” for the 12 table rows, “任务（一）” style otherwise.
    var place: String
    var year: Int
    /// The report year's value, or “—”.
    var value: String
    /// When the report year has no value but an earlier year has: “2024年：92.4%”.
    var latestNote: String?
    var target: String
    /// The plan's wording of that target when it differs from `target` (“>92”, “达95%以上”).
    var targetRaw: String?
    var status: String
    var statusClass: String
    var statusMark: String
    var gap: String
    var finalYear: Int
    var finalTarget: String
    var projection: String
    var projectionNote: String?
    var projectionClass: String
    /// False for pass/fail (评估类) indicators, which get no projection, so no word on how one is made.
    var projected = true
    var lead: String
    var support: String
    var unitsNote: String?
    var asOf: String
    var source: String
    /// The input files' base names (shown on the indicator page).
    var files: String
    var chart: String
    var conflicts: [String]
    var hasConflicts: Bool
    var evaluated: String?
    var missed: Bool
    /// For an assessment indicator whose plan name and evaluated tier differ (rows 3 and 4: named “…省级评估”,
    /// evaluated at the national tier): which tier is evaluated and how the other tier stands, from
    /// `eduplan_county_assessment_passed{tier="provincial"}` in `snapshot`. Nil otherwise.
    var tierNote: String?

    init(_ a: IndicatorAnalysis, year: Int, plan: PlanTargets, minYears: Int = 3, snapshot: SeriesSnapshot? = nil) {
        let ind = a.indicator
        id = ind.id
        name = WebFormat.fullWidth(ind.nameZh)
        tierNote = Self.tierNote(ind, snapshot: snapshot)
        if ind.unit == .status, ind.match["tier"] == "national", ind.nameZh.contains("省级") {
            name += "（按国家级评估考核）"
        }
        place = ind.row.map { "指标表第\($0)行" } ?? Self.taskLabel(plan.sections[ind.section]?.titleZh ?? ind.section)
        self.year = year
        let st = a.standing(year)
        value = st?.value.map { WebFormat.value($0, ind) } ?? "—"
        if st?.value == nil, let last = a.latestWithValue, let v = last.value {
            latestNote = "最近数据：\(last.year)年 \(WebFormat.value(v, ind))"
        } else if st?.status == .incomplete, st?.value != nil {
            latestNote = "上次完整读取的数据，不作评判"
        } else {
            latestNote = nil
        }
        if let t = st?.target {
            target = WebFormat.target(t, ind)
            let raw = WebFormat.fullWidth(WebFormat.rawWithUnit(t.raw, ind))
            targetRaw = raw == target ? nil : "规划原文：“\(raw)”"
        } else {
            target = "当年无年度目标"
            targetRaw = nil
        }
        let status = st?.status ?? .noData
        self.status = status.word
        statusClass = status.cssClass
        statusMark = status.mark
        missed = status == .missed
        if let v = st?.value, let t = st?.target, status == .met || status == .missed {
            gap = WebFormat.gap(v, t, ind)
        } else {
            gap = "—"
        }
        finalYear = a.finalYear
        finalTarget = a.finalTarget.map { WebFormat.target($0, ind) } ?? "—"
        if let p = a.projection {
            projection = Self.projectionText(p, ind)
            switch a.projectionMeetsFinal {
            case true?: projectionNote = "预计达标"; projectionClass = "st-met"
            case false?: projectionNote = "预计未达标"; projectionClass = "st-missed"
            case nil: projectionNote = nil; projectionClass = ""
            }
        } else {
            projection = "—"
            projectionClass = "st-nodata"
            if ind.unit == .status {
                projectionNote = "评估类指标，不作趋势预测"
                projected = false
            } else if a.latestWithValue == nil {
                projectionNote = "无数据，不作预测"
            } else {
                projectionNote = "数据不足\(minYears)年，不作预测"
            }
        }
        lead = a.leadUnit ?? "—"
        support = a.supportUnits.isEmpty ? "—" : a.supportUnits.joined(separator: "、")
        // The same wording as the alerts (row 12: its own note from targets.yml).
        unitsNote = plan.unitsNote(of: ind).map(WebFormat.fullWidth)
        let latestYear = a.latestWithValue?.year
        let dates = a.sources.compactMap(\.lastSuccess)
        var asOf = latestYear.map { "\($0)年数据" } ?? "无数据"
        if let d = dates.min() { asOf += "（\(WebFormat.date(d))读取）" }
        self.asOf = asOf
        if a.sources.isEmpty {
            source = "尚未接入数据"
            files = "—"
        } else {
            let n = a.sources.reduce(0) { $0 + $1.files.count }
            let notes = (n == 0 ? [] : ["\(n)个文件"]) + (a.sources.allSatisfy(\.success) ? [] : ["最近一次读取失败"])
            source = "各单位报送数据" + (notes.isEmpty ? "" : "（" + notes.joined(separator: "，") + "）")
            files = a.sources.flatMap(\.files).map { String($0.split(separator: "/").last ?? Substring($0)) }.joined(separator: "、")
        }
        chart = Chart.svg(a)
        conflicts = ind.conflicts.map(WebFormat.fullWidth)
        hasConflicts = !ind.conflicts.isEmpty
        evaluated = Self.evaluatedNote(ind, year: year, target: st?.target, final: a.finalTarget, finalYear: a.finalYear)
    }

    /// Where the plan gives a target in both the table and the text: which of them judges the year shown, named with
    /// that year (“指标表与正文均有目标，2025年按指标表目标评估。”); for a year without a target, the final year's
    /// (“…，2027年按正文目标评估。”). Nil when the plan gives one source only.
    static func evaluatedNote(_ ind: PlanIndicator, year: Int, target: PlanTarget?, final: PlanTarget?, finalYear: Int) -> String? {
        guard Set(ind.targets.map(\.source)).count > 1 else { return nil }
        let (judged, source) = target.map { (year, $0.source) } ?? (finalYear, final?.source ?? ind.defaultSource)
        return "指标表与正文均有目标，\(judged)年按" + (source == "table" ? "指标表" : "正文") + "目标评估。"
    }

    /// A projection as shown: a share cannot leave 0–100% (“100%（趋势外推超过100%）”); counts are whole (“约20个”).
    static func projectionText(_ p: Double, _ ind: PlanIndicator) -> String {
        switch ind.unit {
        case .percent:
            if p > 1 { return "100%（趋势外推超过100%）" }
            if p < 0 { return "0%" }
            return WebFormat.value(p, ind)
        case .count, .places, .pairs, .personTimes, .tenThousandPersonTimes:
            let n = Swift.max(0, p.rounded())
            return (n == 0 ? "" : "约") + WebFormat.value(n, ind)
        default:
            return WebFormat.value(p, ind)
        }
    }

    /// See `tierNote`: “本项按国家级评估考核；省级评估已于2022年通过。” (the first year the provincial tier's series is ≥ 1),
    /// “…；省级评估尚无通过记录。” when that series has no passing sample.
    static func tierNote(_ ind: PlanIndicator, snapshot: SeriesSnapshot?) -> String? {
        guard ind.unit == .status, ind.match["tier"] == "national", ind.nameZh.contains("省级") else { return nil }
        var note = "规划指标表名称写“省级评估”，本项按国家级评估考核"
        if let snapshot {
            let passed = snapshot.series(ind.metric, matching: ind.match.setting("tier", "provincial"))
                .filter { $0.value >= 1 }.compactMap { $0.labels["year"].flatMap(Int.init) }.min()
            note += passed.map { "；省级评估已于\($0)年通过。" } ?? "；省级评估暂无通过记录。"
        } else {
            note += "。"
        }
        return note
    }

    /// “（一）推进学位增量扩容” → “任务（一）”.
    static func taskLabel(_ title: String) -> String {
        var head = ""
        for c in title {
            head.append(c)
            if c == ")" || c == "）" { break }
        }
        return "任务" + head.replacing("(", with: "（").replacing(")", with: "）")
    }
}
