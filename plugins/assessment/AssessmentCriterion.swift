import YouxiangConfig
import YouxiangCore

/// One quantitative criterion of a national county assessment, as the criteria file states it.
///
/// Thresholds live in the file (`plugins/plan/assessment_criteria.yml`), never in code, so the office can correct
/// one against the official text without a new build.
public struct AssessmentCriterion: Sendable, Equatable {
    /// English snake_case id, e.g. `school_resource_rule`; the `criterion` label.
    public var id: String
    /// The assessment's id, e.g. `compulsory_quality_balanced`; the `assessment` label.
    public var assessment: String
    /// The Chinese name as the assessment method words it.
    public var name: String
    /// How the value is computed (see `Measure`).
    public var measure: Measure
    /// Threshold per key: a level (`primary`, `junior`, `kindergarten`), a class type (`小班`…), a school kind
    /// (`single_stage`, `through_school`), or `all` when one number applies.
    public var thresholds: [String: Double]
    /// How a value compares with its threshold.
    public var op: Comparator
    /// For measures judged per institution or per class: the share of them that must meet the threshold for the
    /// district to meet the criterion (1 = every one).
    public var requiredShare: Double
    /// Measure-specific inputs (`resource`, `per_pupils`, `floor_share`, `ages`, `through_school_types`, …).
    public var inputs: Inputs
    /// Where the criterion comes from (method document, article).
    public var source: String
    /// How sure we are of the threshold: `two_sources`, `one_source`.
    public var confidence: String

    /// The computations the module knows; each documents its threshold keys.
    public enum Measure: String, Sendable, CaseIterable {
        /// Per school stage: resource ÷ pupils × `per_pupils`; thresholds `primary`, `junior`.
        case schoolResource = "school_resource"
        /// Per school stage: standards met of the assessment's `school_resource` criteria; threshold `all` (6), input
        /// `floor_share` (0.85) for the ones not met.
        case schoolResourceRule = "school_resource_rule"
        /// Per level and resource: coefficient of variation across schools, weighted and unweighted; thresholds
        /// `primary`, `junior`.
        case resourceVariation = "resource_variation"
        /// Per school: pupils of all its stages; thresholds `single_stage`, `through_school`.
        case schoolSize = "school_size"
        /// Per class: pupils; thresholds `primary`, `junior`.
        case classSize = "class_size"
        /// District: eligible migrant pupils in public schools or government-purchased places ÷ all eligible; `all`.
        case migrantPublicOrPurchased = "migrant_public_or_purchased"
        /// District and per junior school: 初三在校生数 ÷ 初一入学人数 of the cohort; `all`.
        case juniorRetention = "junior_retention"
        /// District: kindergarten children ÷ population of `inputs.ages`; `all`.
        case preschoolGrossEnrolment = "preschool_gross_enrolment"
        /// District: children in public or recognised inclusive kindergartens ÷ all; `all`.
        case inclusiveCoverage = "inclusive_coverage"
        /// District: children in public kindergartens ÷ all; `all`.
        case publicShare = "public_share"
        /// Per kindergarten class: children; thresholds per class type (`小班`, `中班`, `大班`, `混龄班`).
        case kindergartenClassSize = "kindergarten_class_size"
        /// District: kindergarten children ÷ full-time teachers; `all`.
        case childTeacherRatio = "child_teacher_ratio"
    }

    /// `ge` (at least) or `le` (at most).
    public enum Comparator: String, Sendable {
        case ge, le
        public func holds(_ value: Double, _ threshold: Double) -> Bool { self == .ge ? value >= threshold : value <= threshold }
        /// 不低于 / 不高于, for messages and docs.
        public var chinese: String { self == .ge ? "不低于" : "不高于" }
    }

    /// Measure-specific inputs.
    public struct Inputs: Sendable, Equatable {
        /// `school_resource`: the compulsory field divided by pupils (e.g. `equipment_value`, in 元).
        public var resource: String?
        /// `school_resource`: 1 for per-pupil values, 100 for 每百名学生.
        public var perPupils: Double = 1
        /// `school_resource_rule`: the share of its standard a standard not met must still reach (0.85).
        public var floorShare: Double?
        /// `preschool_gross_enrolment`: the ages whose population is the denominator (3, 4, 5).
        public var ages: [Int] = []
        /// `school_size`: 办学类型 values of through schools (九年一贯制学校, 十二年一贯制学校).
        public var throughSchoolTypes: [String] = []
        /// `resource_variation`: `weighted` and/or `unweighted`.
        public var weightings: [String] = []
    }

    /// The threshold for `key`, falling back to `all`.
    public func threshold(_ key: String) -> Double? { thresholds[key] ?? thresholds["all"] }
}
