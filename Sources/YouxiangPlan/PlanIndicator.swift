import YouxiangCore

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
