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
}

/// One task section of the plan and its responsible units.
public struct PlanSection: Sendable, Equatable {
    public var id: String
    public var titleZh: String
    public var unitsZh: [String]
}

/// The unit an indicator's targets are written in, and how it converts to the exposed series' base unit.
public enum PlanUnit: String, Sendable, CaseIterable {
    case percent, years, count, personTimes = "person_times", tenThousandPersonTimes = "ten_thousand_person_times"
    case places, pairs, coefficient, status

    /// Converts a value as printed in the plan to the series' unit: percent ÷100 (ratio 0–1), 万人次 ×10000
    /// (person-times), everything else unchanged (status: 1 = passed). The result is `cleaned` (12 significant digits).
    public func toSeries(_ v: Double) -> Double {
        switch self {
        case .percent: return (v / 100).cleaned
        case .tenThousandPersonTimes: return (v * 10000).cleaned
        default: return v.cleaned
        }
    }
}

/// How a target compares.
public enum Comparator: String, Sendable {
    /// Strictly greater (the table's `>`).
    case gt
    /// At least (以上, 达到, 不低于; bare table numbers).
    case ge
    /// At most (以内).
    case le
    /// Exactly (status milestones: 1 = passed).
    case eq
    /// Between `min` and `max`, inclusive.
    case range
}

/// One yearly target of an indicator.
public struct PlanTarget: Sendable, Equatable {
    public var year: Int
    /// The plan's own wording or table cell, verbatim.
    public var raw: String
    public var op: Comparator
    /// Values in the plan's unit (see `PlanUnit`); `value` for gt/ge/le/eq, `min`/`max` for range.
    public var value: Double?
    public var min: Double?
    public var max: Double?
    /// `table` or `text`.
    public var source: String
    /// Where the comparator came from: `table`, `wording` or `inferred`.
    public var opSource: String

    /// Whether `v` (in the series' unit) meets this target, given the indicator's unit.
    public func isMet(by v: Double, unit: PlanUnit, tolerance: Double = 0) -> Bool {
        let x = v.cleaned
        switch op {
        case .gt: return x + tolerance > unit.toSeries(value ?? 0)
        case .ge: return x + tolerance >= unit.toSeries(value ?? 0)
        case .le: return x - tolerance <= unit.toSeries(value ?? 0)
        case .eq: return Swift.abs(x - unit.toSeries(value ?? 0)) <= tolerance
        case .range: return x + tolerance >= unit.toSeries(min ?? -.infinity) && x - tolerance <= unit.toSeries(max ?? .infinity)
        }
    }
}

/// One indicator of the plan: its name, unit, series, baseline and targets.
public struct PlanIndicator: Sendable {
    /// snake_case id, the `indicator` label value.
    public var id: String
    public var nameZh: String
    /// Row of the plan's indicator table (1–12), nil for task-text targets.
    public var row: Int?
    /// Section whose 责任单位 are responsible.
    public var section: String
    /// True where the plan itself does not tie the indicator to that section (all table rows).
    public var unitsInferred: Bool
    public var unit: PlanUnit
    /// The value family, e.g. `eduplan_kindergarten_enrolment_inclusive_ratio`.
    public var metric: String
    /// Label matchers selecting this indicator's series within the family.
    public var match: Labels
    public var baselineRaw: String?
    public var baselineValue: Double?
    public var targets: [PlanTarget]
    /// `table` or `text`: evaluated when both give a target for one year.
    public var defaultSource: String
    public var conflicts: [String]
    /// 责任单位 given for this indicator itself (`units_zh`), overriding the section's list; nil: the section's.
    public var unitsZh: [String]? = nil
    /// Why the units were assigned where the plan does not say (`units_note_zh`), for messages; nil: the generic
    /// "指标表未列责任单位，按…推定" note (when `unitsInferred`).
    public var unitsNoteZh: String? = nil
    /// The measure word (量词) of a count (`measure_zh`): 门 for courses, 所 for schools, 个 for projects; nil: the
    /// unit's default (个, 个学位, 对).
    public var measureZh: String? = nil
    /// What a status indicator checks, in words (`subject_zh`), e.g. 学前教育普及普惠县国家级评估; nil: `nameZh`.
    public var subjectZh: String? = nil

    /// The target evaluated for `year`: the preferred source's, else the first one given.
    public func evaluatedTarget(year: Int, prefer: String?) -> PlanTarget? {
        let all = targets.filter { $0.year == year }
        let source = prefer ?? defaultSource
        return all.first { $0.source == source } ?? all.first
    }

    /// The family of this indicator's targets: `_target` inserted before a unit suffix
    /// (`eduplan_x_ratio` → `eduplan_x_target_ratio`), else appended (`eduplan_x` → `eduplan_x_target`).
    public var targetFamilyName: String { PlanIndicator.targetFamilyName(for: metric) }

    /// The family of this indicator's 2022 forecast (预测值) from the table: `eduplan_x_ratio` → `eduplan_x_baseline_ratio`.
    public var baselineFamilyName: String { PlanIndicator.familyName(for: metric, inserting: "_baseline") }

    static let unitSuffixes = ["_ratio", "_years", "_person_times", "_seconds"]

    public static func targetFamilyName(for metric: String) -> String { familyName(for: metric, inserting: "_target") }

    static func familyName(for metric: String, inserting part: String) -> String {
        for s in unitSuffixes where metric.hasSuffix(s) {
            return String(metric.dropLast(s.count)) + part + s
        }
        return metric + part
    }
}
