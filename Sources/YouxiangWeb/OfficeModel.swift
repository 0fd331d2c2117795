import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// The plan read off one snapshot: every indicator analysed, the year the pages report on, the alerts in the office's
/// order. Built once per request from an `OfficeInput`; the page models below only format it.
public struct OfficeModel: Sendable {
    public var input: OfficeInput
    public var analyses: [IndicatorAnalysis]
    /// The year reported: the given one, else the latest year any indicator has a value for.
    public var year: Int

    public init(_ input: OfficeInput, year: Int? = nil) {
        self.input = input
        analyses = input.plan.indicators.map { IndicatorAnalysis.analyse($0, input) }
        let latest = analyses.compactMap { $0.latestWithValue?.year }.max() ?? (input.plan.years.first ?? input.plan.baselineYear)
        self.year = year ?? latest
    }

    /// Counts of the report year's standings, by status.
    public var counts: [IndicatorStatus: Int] {
        var c: [IndicatorStatus: Int] = [:]
        for a in analyses { c[a.standing(year)?.status ?? .noData, default: 0] += 1 }
        return c
    }

    /// The summary sentence: “2025年，有年度目标的14项指标中：达标12项，未达标2项，……”.
    public var summary: String {
        let c = counts
        let withTarget = (c[.met] ?? 0) + (c[.missed] ?? 0) + (c[.incomplete] ?? 0) + analyses.filter { a in
            a.standing(year)?.status == .noData && a.standing(year)?.target != nil
        }.count
        let noDataWithTarget = withTarget - (c[.met] ?? 0) - (c[.missed] ?? 0) - (c[.incomplete] ?? 0)
        let noDataNoTarget = (c[.noData] ?? 0) - noDataWithTarget
        let offTrack = analyses.filter { $0.projectionMeetsFinal == false }.count
        var s = "\(year)年，规划\(analyses.count)项量化指标中，\(withTarget)项设有当年目标："
        s += "达标\(c[.met] ?? 0)项，未达标\(c[.missed] ?? 0)项，数据不完整\(c[.incomplete] ?? 0)项，无数据\(noDataWithTarget)项"
        s += "；其余\(analyses.count - withTarget)项当年无年度目标（\(c[.noTarget] ?? 0)项已有数据，\(noDataNoTarget)项无数据）"
        s += "。按趋势预测，\(offTrack)项指标\(input.plan.years.max() ?? 2027)年将达不到目标。"
        return s
    }

    /// Section ids in the plan's order: 主要目标 (goals) first, then t1…t10.
    public var sectionOrder: [String] {
        ["goals"] + input.plan.sections.keys.filter { $0 != "goals" }.sorted { (Int($0.dropFirst()) ?? 0) < (Int($1.dropFirst()) ?? 0) }
    }

    /// The indicators shown under a section: the table's 12 rows under 主要目标, task-text indicators under their task.
    public func indicators(in section: String) -> [IndicatorAnalysis] {
        if section == "goals" { return analyses.filter { $0.indicator.row != nil }.sorted { ($0.indicator.row ?? 0) < ($1.indicator.row ?? 0) } }
        return analyses.filter { $0.indicator.row == nil && $0.indicator.section == section }
    }

    /// Every 责任单位 in the plan's order of first mention.
    public var units: [String] {
        var seen = Set<String>(), out: [String] = []
        for id in sectionOrder { for u in input.plan.sections[id]?.unitsZh ?? [] where seen.insert(u).inserted { out.append(u) } }
        return out
    }

    /// Pending and firing alerts, most severe first: firing before pending, then critical > warning > info, then the
    /// oldest first.
    public var orderedAlerts: [AlertInstance] {
        func rank(_ s: String?) -> Int { ["critical": 0, "error": 1, "warning": 2, "info": 3][s ?? ""] ?? 4 }
        return input.alerts.filter { $0.state != .inactive }.sorted { a, b in
            if a.state != b.state { return a.state == .firing }
            let ra = rank(a.labels["severity"]), rb = rank(b.labels["severity"])
            if ra != rb { return ra < rb }
            return (a.firedAt ?? a.activeAt) < (b.firedAt ?? b.activeAt)
        }
    }

    public func analysis(_ id: String) -> IndicatorAnalysis? { analyses.first { $0.indicator.id == id } }
}
