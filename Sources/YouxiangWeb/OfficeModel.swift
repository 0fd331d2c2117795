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
    /// The latest year any indicator has a value for; nil when no indicator has any.
    public var latestDataYear: Int?

    public init(_ input: OfficeInput, year: Int? = nil) {
        self.input = input
        analyses = input.plan.indicators.map { IndicatorAnalysis.analyse($0, input) }
        latestDataYear = analyses.compactMap { $0.latestWithValue?.year }.max()
        let latest = latestDataYear ?? (input.plan.years.first ?? input.plan.baselineYear)
        self.year = year ?? latest
    }

    /// Counts of the report year's standings, by status.
    public var counts: [IndicatorStatus: Int] {
        var c: [IndicatorStatus: Int] = [:]
        for a in analyses { c[a.standing(year)?.status ?? .noData, default: 0] += 1 }
        return c
    }

    /// The summary sentence: how many of the indicators with a target this year meet it, miss it, lack data; how many
    /// have no target this year (each indicator counted once); how many are projected to miss 2027.
    public var summary: String {
        var with: [IndicatorStatus: Int] = [:], without: [IndicatorStatus: Int] = [:]
        for a in analyses {
            let st = a.standing(year)
            if st?.target != nil { with[st?.status ?? .noData, default: 0] += 1 } else { without[st?.status ?? .noData, default: 0] += 1 }
        }
        let nWith = with.values.reduce(0, +), nWithout = without.values.reduce(0, +)
        let offTrack = analyses.filter { $0.projectionMeetsFinal == false }.count
        // A zero count is not a sentence (“0项设有当年目标”): without any target this year, only the rest is told.
        var s = "\(year)年，规划\(analyses.count)项量化指标" + (nWith > 0 ? "中，\(nWith)项设有当年目标" : "")
        let withTally = WebFormat.tally([
            ("达标", with[.met] ?? 0), ("未达标", with[.missed] ?? 0), ("数据不完整", with[.incomplete] ?? 0), ("无数据", with[.noData] ?? 0),
        ])
        if !withTally.isEmpty { s += "，其中" + withTally }
        if nWithout > 0 {
            s += nWith > 0 ? "；另\(nWithout)项当年无年度目标（" : "当年均无年度目标（"
            s += WebFormat.tally(
                [("有数据", without[.noTarget] ?? 0), ("无数据", without[.noData] ?? 0), ("数据不完整", without[.incomplete] ?? 0)], wordFirst: false)
            s += "）"
        }
        s += "。"
        // Only when some indicator has a projection (a report on the baseline year has none); never “0项”.
        let projected = analyses.filter { $0.projectionMeetsFinal != nil }.count
        let finalYear = input.plan.years.max() ?? 2027
        if offTrack > 0 {
            s += "按趋势预测，\(offTrack)项指标\(finalYear)年将达不到目标。"
        } else if projected > 0 {
            s += "按趋势预测，可预测的\(projected)项指标\(finalYear)年均可达到目标。"
        }
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
