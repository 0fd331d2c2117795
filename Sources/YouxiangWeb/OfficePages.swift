import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// The office's pages, rendered from the templates in `Templates/`: `/` (the whole plan), `/indicator/<id>` and the
/// periodic report. Input is one `OfficeInput`; output is a complete HTML document with no script and no external
/// reference (styles inline, charts inline SVG), so it works on an intranet and can be saved or printed as is.
public enum OfficePages {
    /// `/`: alerts, summary, then 主要目标 and the ten tasks with every indicator.
    public static func home(_ input: OfficeInput) -> String {
        let m = OfficeModel(input)
        return Templates.render(HomeView(m), "home")
    }

    /// `/indicator/<id>`; nil for an unknown id.
    public static func indicator(_ input: OfficeInput, id: String) -> String? {
        let m = OfficeModel(input)
        guard let a = m.analysis(id) else { return nil }
        return Templates.render(IndicatorPageView(m, a), "indicator")
    }

    /// The periodic report for `year` (公文 form, A4 print stylesheet).
    public static func report(_ input: OfficeInput, year: Int) -> String {
        let m = OfficeModel(input, year: year)
        return Templates.render(ReportView(m), "report")
    }
}

/// What the three pages share at their head.
struct PageHead {
    var planTitle: String
    var generated: String
    var year: Int
    var finalYear: Int
    /// False when the reported year is the plan's last: its target column is the final-year column already.
    var showFinal: Bool

    init(_ m: OfficeModel) {
        planTitle = WebFormat.fullWidth(m.input.plan.titleZh)
        generated = WebFormat.time(m.input.now)
        year = m.year
        finalYear = m.input.plan.years.max() ?? 2027
        showFinal = year != finalYear
    }
}

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
        alerts = office.map { AlertView($0, plan: m.input.plan) }
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

struct UnitSectionView {
    var ordinal: String
    var unit: String
    var leads: [IndicatorView]
    var hasLeads: Bool
    var supports: [IndicatorView]
    var hasSupports: Bool
    var sentence: String
}

struct QualityNote { var text: String }

struct ConflictView { var name: String; var place: String; var texts: [String]; var evaluated: String? }

struct ReportView {
    var head: PageHead
    var title: String
    var generatedDate: String
    /// “2026年12月1日 21:27” (Beijing time), the subtitle's generation time.
    var generatedDateTime: String
    var summary: String
    var rows: [IndicatorView]
    var units: [UnitSectionView]
    var quality: [QualityNote]
    var hasQuality: Bool
    var conflicts: [ConflictView]
    var missed: [IndicatorView]
    var hasMissed: Bool
    /// 国家县域评估 (rows 3, 4) for the report's year; empty without the `assessment` module's series.
    var assessments: [AssessmentSectionView]
    var hasAssessments: Bool

    init(_ m: OfficeModel) {
        head = PageHead(m)
        assessments = AssessmentReading.sections(m.input.snapshot, year: m.year, exact: true)
        hasAssessments = !assessments.isEmpty
        title = "北仑区“学有优教”专项实施方案\(m.year)年度实施情况"
        generatedDate = WebFormat.date(m.input.now)
        generatedDateTime = WebFormat.dateTime(m.input.now)
        summary = m.summary
        let plan = m.input.plan
        var views: [String: IndicatorView] = [:]
        var ordered: [IndicatorView] = []
        for id in m.sectionOrder {
            for a in m.indicators(in: id) {
                let v = IndicatorView(a, year: m.year, plan: plan, minYears: m.input.projectionMinYears, snapshot: m.input.snapshot)
                views[a.indicator.id] = v
                ordered.append(v)
            }
        }
        rows = ordered.enumerated().map { n, v in
            var r = v; r.index = n + 1; return r
        }
        missed = ordered.filter(\.missed)
        hasMissed = !missed.isEmpty
        units = m.units.enumerated().map { n, unit in
            let leads = m.analyses.filter { $0.leadUnit == unit }.compactMap { views[$0.indicator.id] }
            let supports = m.analyses.filter { $0.supportUnits.contains(unit) }.compactMap { views[$0.indicator.id] }
            let missedCount = leads.filter(\.missed).count
            var sentence = "牵头\(leads.count)项指标"
            if !leads.isEmpty {
                sentence += "，其中\(m.year)年" + WebFormat.tally([("达标", leads.filter { $0.status == IndicatorStatus.met.word }.count), ("未达标", missedCount)])
            }
            sentence += "；配合\(supports.count)项指标。"
            return UnitSectionView(
                ordinal: WebFormat.chineseNumeral(n + 1), unit: unit, leads: leads, hasLeads: !leads.isEmpty, supports: supports,
                hasSupports: !supports.isEmpty, sentence: sentence)
        }
        var notes: [QualityNote] = []
        for v in ordered where v.status == IndicatorStatus.incomplete.word || v.status == IndicatorStatus.noData.word {
            notes.append(QualityNote(text: "\(v.name)（\(v.place)）：\(m.year)年\(v.status)。数据来源：\(v.source)。" + (v.latestNote.map { $0 + "。" } ?? "")))
        }
        for _ in m.input.sources.filter({ !$0.success }) {
            notes.append(QualityNote(text: "有一项报送数据最近一次读取失败（详细原因由运维人员在运维状态页查看），相关指标按上次完整读取的数据列示。"))
        }
        quality = notes
        hasQuality = !notes.isEmpty
        conflicts = ordered.compactMap { v in
            guard v.hasConflicts else { return nil }
            return ConflictView(name: v.name, place: v.place, texts: v.conflicts, evaluated: v.evaluated)
        }
    }
}
