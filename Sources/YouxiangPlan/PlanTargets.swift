import YouxiangCore

/// The plan's targets, transcribed from the plan text (`plugins/plan/targets.yml`).
public struct PlanTargets: Sendable {
    public var planID: String
    public var titleZh: String
    public var baselineYear: Int
    public var years: [Int]
    /// Task sections by id (`goals`, `t1`…`t10`) with their 责任单位.
    public var sections: [String: PlanSection]
    public var indicators: [PlanIndicator]

    /// The responsible units (责任单位) of an indicator in the plan's order: its own `units_zh` where targets.yml gives
    /// them (row 12: 区教育局, the programme's lead unit per 四(一)), else its section's list.
    public func responsibleUnits(of indicator: PlanIndicator) -> [String] {
        indicator.unitsZh ?? sections[indicator.section]?.unitsZh ?? []
    }

    /// The lead unit (牵头单位) of an indicator: the first of its responsible units; nil when there are none.
    public func leadUnit(of indicator: PlanIndicator) -> String? { responsibleUnits(of: indicator).first }

    /// The supporting units (配合单位): the responsible units after the lead unit.
    public func supportingUnits(of indicator: PlanIndicator) -> [String] { Array(responsibleUnits(of: indicator).dropFirst()) }

    /// Why an indicator's responsible units are what they are where the plan's table does not list them, the one wording
    /// alerts, pages and the report print: its `units_note_zh` (row 12), else, for units taken from its task section,
    /// “指标表未列责任单位，按“（二）扩大学前教育普及普惠”推定”; nil when the table lists them.
    public func unitsNote(of indicator: PlanIndicator) -> String? {
        if let note = indicator.unitsNoteZh { return note }
        guard indicator.unitsInferred else { return nil }
        return "指标表未列责任单位，按“\(sections[indicator.section]?.titleZh ?? indicator.section)”推定"
    }
}

/// One task section of the plan and its responsible units.
public struct PlanSection: Sendable, Equatable {
    public var id: String
    public var titleZh: String
    public var unitsZh: [String]
}
