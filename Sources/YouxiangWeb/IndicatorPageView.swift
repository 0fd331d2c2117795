import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// What `/indicator/<id>` shows: the indicator's row, one row per year from the baseline, and its detail tables.
struct IndicatorPageView {
    var head: PageHead
    var ind: IndicatorView
    var years: [YearRowView]
    var detail: DetailView
    var hasDetail: Bool

    init(_ m: OfficeModel, _ a: IndicatorAnalysis) {
        head = PageHead(m)
        ind = IndicatorView(a, year: m.year, plan: m.input.plan, minYears: m.input.projectionMinYears, snapshot: m.input.snapshot)
        let i = a.indicator
        years = a.years.map { s in
            let target = s.target.map { WebFormat.target($0, i) } ?? "—"
            var notes: [String] = []
            if s.year == m.input.plan.baselineYear, let raw = i.baselineRaw { notes.append("规划基线（\(s.year)年预测值）：\(WebFormat.rawWithUnit(raw, i))") }
            if s.complete == false { notes.append("当年数据读取不完整，不作评判") }
            // A year after the reported one without a value has not come due: no verdict, not 无数据.
            let future = s.year > m.year && s.value == nil && s.complete == nil
            return YearRowView(
                year: s.year, value: s.value.map { WebFormat.value($0, i) } ?? "—", target: target,
                targetRaw: s.target.flatMap { t in
                    let raw = WebFormat.fullWidth(WebFormat.rawWithUnit(t.raw, i))
                    return raw == target ? nil : "规划原文：“\(raw)”"
                },
                status: future ? "未到期" : s.status.word, statusClass: future ? "st-notarget" : s.status.cssClass,
                statusMark: future ? "…" : s.status.mark,
                gap: s.value.flatMap { v in s.target.map { WebFormat.gap(v, $0, i) } } ?? "—",
                yearNote: notes.isEmpty ? nil : notes.joined(separator: "；"))
        }
        detail = DetailView(m, a)
        hasDetail = detail.hasAny
    }
}

/// One year of an indicator page: value, target (and the plan's own wording where it differs), verdict and gap.
struct YearRowView {
    var year: Int
    var value: String
    var target: String
    var targetRaw: String?
    var status: String
    var statusClass: String
    var statusMark: String
    var gap: String
    var yearNote: String?
}
