import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// One year of one indicator: its value (base unit), that year's evaluated target and the verdict.
public struct YearStanding: Sendable {
    public var year: Int
    public var value: Double?
    public var target: PlanTarget?
    /// `eduplan_indicator_data_complete` for the year: true/false, nil when the series is absent (then the year counts
    /// as complete unless there is no value).
    public var complete: Bool?
    public var status: IndicatorStatus
}

/// An indicator read off one snapshot: every year's standing from the baseline year to 2027, the least-squares 2027
/// projection, its units and its data source.
public struct IndicatorAnalysis: Sendable {
    public var indicator: PlanIndicator
    /// Baseline year … last plan year, in order.
    public var years: [YearStanding]
    /// The 2027 (last plan year) projection in the series' unit, nil with fewer than `projectionMinYears` values or for
    /// pass/fail milestones. Fitted by `LeastSquares` over every observed year, as the `EduplanOffTrack` rule does.
    public var projection: Double?
    public var finalYear: Int
    public var finalTarget: PlanTarget?
    /// 牵头单位: the first unit of the section's list.
    public var leadUnit: String?
    /// 配合单位: the others.
    public var supportUnits: [String]
    public var sources: [DataSource]

    /// The standing of `year` (a year outside the plan's range gives nil).
    public func standing(_ year: Int) -> YearStanding? { years.first { $0.year == year } }

    /// The latest year with a value, if any.
    public var latestWithValue: YearStanding? { years.last { $0.value != nil } }

    /// Whether the projection meets the final target; nil without either.
    public var projectionMeetsFinal: Bool? {
        guard let p = projection, let t = finalTarget else { return nil }
        return t.isMet(by: p, unit: indicator.unit)
    }

    /// Reads `ind` off `input`.
    public static func analyse(_ ind: PlanIndicator, _ input: OfficeInput) -> IndicatorAnalysis {
        let plan = input.plan
        let finalYear = plan.years.max() ?? 2027
        let firstYear = min(plan.baselineYear, plan.years.min() ?? plan.baselineYear)
        let values = input.snapshot.series(ind.metric, matching: ind.match)
        var byYear: [Int: Double] = [:]
        for s in values {
            guard let y = s.labels["year"].flatMap(Int.init), byYear[y] == nil else { continue }
            byYear[y] = s.value
        }
        var completeness: [Int: Bool] = [:]
        for s in input.snapshot.series(OfficeInput.completenessFamily, matching: ["indicator": ind.id]) {
            if let y = s.labels["year"].flatMap(Int.init) { completeness[y] = s.value != 0 }
        }
        var meets: [Int: Bool] = [:]
        for s in input.snapshot.series(OfficeInput.meetsTargetFamily, matching: ["indicator": ind.id]) {
            if let y = s.labels["year"].flatMap(Int.init), meets[y] == nil { meets[y] = s.value == 1 }
        }
        let lastDataYear = max(byYear.keys.max() ?? firstYear, completeness.keys.max() ?? firstYear)
        var years: [YearStanding] = []
        for year in firstYear...max(finalYear, lastDataYear) {
            let target = ind.evaluatedTarget(year: year, prefer: input.prefer[ind.id])
            let value = byYear[year]
            let complete = completeness[year]
            let status: IndicatorStatus
            if complete == false {
                status = .incomplete
            } else if let value {
                if let target {
                    status = (meets[year] ?? target.isMet(by: value, unit: ind.unit)) ? .met : .missed
                } else {
                    status = .noTarget
                }
            } else {
                status = .noData
            }
            // A value kept from the last complete read of an incomplete year is shown, but judged as incomplete.
            years.append(YearStanding(year: year, value: value, target: target, complete: complete, status: status))
        }
        var projection: Double?
        if ind.unit != .status {
            let points = byYear.filter { completeness[$0.key] != false }.map { (Double($0.key), $0.value) }
            if points.count >= input.projectionMinYears, (points.map(\.0).max() ?? 0) < Double(finalYear),
                let fit = LeastSquares.fit(points)
            {
                projection = ind.unit.bounded(fit.value(at: Double(finalYear))).cleaned
            }
        }
        let units = plan.responsibleUnits(of: ind)
        let sources = input.sources.filter { $0.families.contains(ind.metric) }
        return IndicatorAnalysis(
            indicator: ind, years: years, projection: projection, finalYear: finalYear,
            finalTarget: ind.evaluatedTarget(year: finalYear, prefer: input.prefer[ind.id]),
            leadUnit: units.first, supportUnits: Array(units.dropFirst()), sources: sources)
    }
}
