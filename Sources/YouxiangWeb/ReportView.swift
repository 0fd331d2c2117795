import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// What the periodic report shows for its year: every indicator, a section per responsible unit, the indicators
/// off target, data-quality notes, the plan's contradictions, and the national county assessments.
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
        generatedDateTime = head.generated
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

/// One responsible unit's section of the report: the indicators it leads and supports, and a sentence counting them.
struct UnitSectionView {
    var ordinal: String
    var unit: String
    var leads: [IndicatorView]
    var hasLeads: Bool
    var supports: [IndicatorView]
    var hasSupports: Bool
    var sentence: String
}

/// One data-quality sentence of the report (an incomplete or missing indicator-year, a failed read).
struct QualityNote { var text: String }

/// An indicator whose targets the plan states in contradicting ways, and the one the daemon evaluates.
struct ConflictView { var name: String; var place: String; var texts: [String]; var evaluated: String? }
