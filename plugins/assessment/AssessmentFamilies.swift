import YouxiangCore

/// The families the `assessment` module emits. District series carry `assessment`, `criterion`, `level`, `year` (and
/// `resource`, `weighting` for the 差异系数); per-institution series add `school_id`.
enum AssessmentFamilies {
    static let value = MetricFamily(
        name: "eduplan_assessment_criterion_value",
        help:
            "国家县域评估量化指标的测算值 (table rows 3, 4): the criterion's measured value (district, or per institution with school_id); for per-school and per-class criteria the district value is the share of institutions or classes meeting the standard."
    )
    static let met = MetricFamily(
        name: "eduplan_assessment_criterion_met",
        help: "国家县域评估量化指标是否达标: 1 met, 0 not met; absent when the inputs are incomplete.")
    static let threshold = MetricFamily(
        name: "eduplan_assessment_criterion_threshold",
        help: "国家县域评估量化指标的标准值, from the criteria file (op label: ge = 不低于, le = 不高于).")
    static let complete = MetricFamily(
        name: "eduplan_assessment_criterion_data_complete",
        help:
            "1 when every input of the criterion-year was read completely (no failed file, no rejected row, every institution present); 0 otherwise (then no value and no met)."
    )
    static let lost = MetricFamily(
        name: "eduplan_assessment_criterion_lost",
        help:
            "1 when a criterion met in the previous year is not met in this year (district, or per institution with school_id); 0 when it is still met or was not met before."
    )
    static let info = MetricFamily(
        name: "eduplan_assessment_criterion_info",
        help:
            "国家县域评估量化指标: the criterion's Chinese name, assessment, measure, comparator, confidence (two_sources / one_source), its place n in the criteria file and the unit of a per-institution value (人, 平方米, 元, 间, 项, ratio, coefficient, children_per_teacher); always 1."
    )
    static let institution = MetricFamily(
        name: "eduplan_assessment_institution_info",
        help: "学校（幼儿园）名称 of each institution the per-institution criteria judge, per year (join on school_id); always 1.")
    static let all = [value, met, threshold, complete, lost, info, institution]
}
