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
    /// The 责任单位 that lead or support no indicator, named once after the units' sections (“区残联、…未牵头或配合
    /// 量化指标，不单列。”) instead of a section of zero counts each; nil when every unit has one.
    var unitsWithout: String?
    var quality: [QualityNote]
    var hasQuality: Bool
    var conflicts: [ConflictView]
    var missed: [IndicatorView]
    var hasMissed: Bool
    /// 国家县域评估 (rows 3, 4) for the report's year; empty without the `assessment` module's series.
    var assessments: [AssessmentSectionView]
    /// Whether the section is shown: it has criteria, or `assessmentNote` says why it has none.
    var hasAssessments: Bool
    var hasAssessmentRows: Bool
    /// Why some or all of the section's criteria are missing (a failed read), or nil (`AssessmentGapNote`).
    var assessmentNote: String?

    init(_ m: OfficeModel) {
        head = PageHead(m)
        assessments = AssessmentReading.sections(m.input.snapshot, year: m.year, exact: true)
        hasAssessmentRows = !assessments.isEmpty
        assessmentNote = AssessmentGapNote.text(sources: m.input.sources, hasRows: hasAssessmentRows, year: m.year)
        hasAssessments = hasAssessmentRows || assessmentNote != nil
        title = "\(m.input.office.districtZh)“学有优教”专项实施方案\(m.year)年度实施情况"
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
        units = m.units.compactMap { unit -> UnitSectionView? in
            let leads = m.analyses.filter { $0.leadUnit == unit }.compactMap { views[$0.indicator.id] }
            let supports = m.analyses.filter { $0.supportUnits.contains(unit) }.compactMap { views[$0.indicator.id] }
            guard !leads.isEmpty || !supports.isEmpty else { return nil }
            return UnitSectionView(
                ordinal: "", unit: unit, leads: leads, hasLeads: !leads.isEmpty, supports: supports,
                hasSupports: !supports.isEmpty, sentence: Self.unitSentence(leads: leads, supports: supports, year: m.year))
        }.enumerated().map { n, u in
            var u = u; u.ordinal = WebFormat.chineseNumeral(n + 1); return u
        }
        let listed = Set(units.map(\.unit))
        let without = m.units.filter { !listed.contains($0) }
        unitsWithout = without.isEmpty ? nil : without.joined(separator: "、") + "未牵头或配合《方案》量化指标，不单列。"
        var notes: [QualityNote] = []
        for v in ordered where v.status == IndicatorStatus.incomplete.word || v.status == IndicatorStatus.noData.word {
            notes.append(QualityNote(text: "\(v.name)（\(v.place)）：\(m.year)年\(v.status)。数据来源：\(v.source)。" + (v.latestNote.map { $0 + "。" } ?? "")))
        }
        if let failed = Self.failedReadNote(m.input.sources, snapshot: m.input.snapshot) { notes.append(QualityNote(text: failed)) }
        quality = notes
        hasQuality = !notes.isEmpty
        conflicts = ordered.compactMap { v in
            guard v.hasConflicts else { return nil }
            return ConflictView(name: v.name, place: v.place, texts: v.conflicts, evaluated: v.evaluated)
        }
    }
}

extension ReportView {
    /// A unit's sentence, the zero counts left out: “牵头2项指标，其中2025年达标1项、未达标1项；配合3项指标。”,
    /// “配合3项指标。”. The report lists only units that lead or support at least one indicator.
    static func unitSentence(leads: [IndicatorView], supports: [IndicatorView], year: Int) -> String {
        var parts: [String] = []
        if !leads.isEmpty {
            let tally = WebFormat.tally([
                ("达标", leads.filter { $0.status == IndicatorStatus.met.word }.count), ("未达标", leads.filter(\.missed).count),
            ])
            parts.append("牵头\(leads.count)项指标" + (tally.isEmpty ? "" : "，其中\(year)年" + tally))
        }
        if !supports.isEmpty { parts.append("配合\(supports.count)项指标") }
        return parts.joined(separator: "；") + "。"
    }

    /// One sentence for every data source whose latest read failed, with their number and the truth about each: the
    /// last complete read's data is shown (its series are still served), there was no earlier complete read, or the
    /// earlier data is no longer kept (`keep_last_good` used up); in the last two cases the values read “—”. Nil when
    /// every latest read succeeded.
    static func failedReadNote(_ sources: [DataSource], snapshot: SeriesSnapshot) -> String? {
        let failed = sources.filter { !$0.success }
        guard !failed.isEmpty else { return nil }
        let never = failed.filter { $0.lastSuccess == nil }.count
        let kept = failed.filter { s in s.lastSuccess != nil && s.families.contains { !snapshot.series($0).isEmpty } }.count
        let dropped = failed.count - never - kept
        let cases = [
            (kept, "相关指标按上次完整读取的数据列示"),
            (never, "此前未曾完整读取，相关指标暂无数值（列为“—”）"),
            (dropped, "上次完整读取的数据已不再沿用，相关指标暂无数值（列为“—”）"),
        ].filter { $0.0 > 0 }
        var s = "有\(failed.count)个数据来源最近一次读取失败（详细原因由运维人员在运维状态页查看）"
        if cases.count == 1 {
            s += "，" + cases[0].1
        } else {
            s += "：其中" + cases.map { "\($0.0)个\($0.1)" }.joined(separator: "；")
        }
        return s + "。"
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
