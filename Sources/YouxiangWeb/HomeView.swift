import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// What `/` shows: the head, the counts by verdict, the office's active alerts, the indicators off target, then
/// 主要目标 and the ten tasks with every indicator, and the national county assessments.
struct HomeView {
    var head: PageHead
    var summary: String
    var met: Int, missed: Int, incomplete: Int, noData: Int, noTarget: Int
    var alerts: [AlertView]
    var hasAlerts: Bool
    /// “另有N条数据采集类告警…” when operators' alerts are active, else nil.
    var operatorAlerts: String?
    var missedRows: [IndicatorView]
    var hasMissed: Bool
    var sections: [SectionView]
    /// 国家县域评估 (rows 3, 4), criterion by criterion; empty without the `assessment` module's series.
    var assessments: [AssessmentSectionView]
    var hasAssessments: Bool

    init(_ m: OfficeModel) {
        head = PageHead(m)
        summary = m.summary
        let c = m.counts
        met = c[.met] ?? 0; missed = c[.missed] ?? 0; incomplete = c[.incomplete] ?? 0; noData = c[.noData] ?? 0; noTarget = c[.noTarget] ?? 0
        let ordered = m.orderedAlerts
        let office = ordered.filter { $0.labels["audience"] != "operators" }
        alerts = office.map { a in
            AlertView(a, plan: m.input.plan) { id, year in
                m.analyses.first { $0.indicator.id == id }?.standing(year)?.status == .incomplete
            }
        }
        hasAlerts = !alerts.isEmpty
        let ops = ordered.count - office.count
        operatorAlerts = ops > 0 ? "另有\(ops)条数据采集类告警由运维人员处理" : nil
        let plan = m.input.plan
        var sections: [SectionView] = []
        for id in m.sectionOrder {
            guard let s = plan.sections[id] else { continue }
            let inds = m.indicators(in: id).map {
                IndicatorView($0, year: m.year, plan: plan, minYears: m.input.projectionMinYears, snapshot: m.input.snapshot)
            }
            let rows = m.analyses.filter { $0.indicator.section == id && $0.indicator.row != nil }.compactMap(\.indicator.row)
            var note: String?
            if id != "goals", !rows.isEmpty {
                note = "本任务对应指标表第" + rows.map(String.init).joined(separator: "、") + "行，见“二、主要目标”。"
            } else if id != "goals", inds.isEmpty {
                note = "本任务在规划中没有量化指标。"
            }
            sections.append(
                SectionView(
                    id: id, title: id == "goals" ? "二、主要目标（指标表12项）" : "三、主要任务" + WebFormat.fullWidth(s.titleZh),
                    lead: s.unitsZh.first,
                    support: s.unitsZh.count > 1 ? s.unitsZh.dropFirst().joined(separator: "、") : nil,
                    indicators: inds, hasIndicators: !inds.isEmpty, note: note))
        }
        self.sections = sections
        missedRows = sections.flatMap(\.indicators).filter(\.missed)
        hasMissed = !missedRows.isEmpty
        assessments = AssessmentReading.sections(m.input.snapshot, year: m.year, exact: false)
        hasAssessments = !assessments.isEmpty
    }
}

/// One part of `/`: 主要目标 or one of the tasks, with its indicators (or a note where they are).
struct SectionView {
    var id: String
    var title: String
    var lead: String?
    var support: String?
    var indicators: [IndicatorView]
    var hasIndicators: Bool
    /// For a task whose targets are rows of the table: where to find them.
    var note: String?
}
