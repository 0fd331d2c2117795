import YouxiangCore

/// The families the `enrolment` module emits. HELP carries the plan's indicator name.
enum EnrolmentFamilies {
    static let inclusive = MetricFamily(
        name: "eduplan_kindergarten_enrolment_inclusive_ratio",
        help: "普惠性幼儿园在园幼儿占比 (table row 1): children in public or recognised inclusive kindergartens / all enrolled children.", unit: "ratio")
    static let publicShare = MetricFamily(
        name: "eduplan_kindergarten_enrolment_public_ratio",
        help: "公办幼儿园在园幼儿占比 (table row 2): children in public kindergartens / all enrolled children.", unit: "ratio")
    static let quality = MetricFamily(
        name: "eduplan_kindergarten_enrolment_quality_ratio",
        help: "优质幼儿园(省一级、二级园)覆盖率 (task 二): children in 省一级/省二级 kindergartens / all enrolled children.", unit: "ratio")
    static let migrant = MetricFamily(
        name: "eduplan_migrant_children_public_school_ratio",
        help: "义务教育阶段符合条件的随迁子女在公办学校就读比例 (table row 5).", unit: "ratio")
    static let progression = MetricFamily(
        name: "eduplan_junior_graduates_upper_secondary_ratio",
        help: "初中毕业生升入高中段比例 (table row 6): graduates entering 普高, 中职, 技工 or 五年制高职 / junior graduates.", unit: "ratio")
    static let variation = MetricFamily(
        name: "eduplan_interschool_variation_coefficient",
        help: "校际差异系数 (task 三): enrolment-weighted coefficient of variation of a per-pupil resource across schools (教督〔2017〕6号); composite = mean of the 7.")
    static let placesAdded = MetricFamily(
        name: "eduplan_school_places_added",
        help: "新增学位数 (task 一): school places commissioned since the plan's start, cumulative, by level.")
    static let students = MetricFamily(
        name: "eduplan_students", help: "在校学生数 / 在园幼儿数: enrolled pupils by level.")
    static let schoolStudents = MetricFamily(
        name: "eduplan_school_students", help: "在校学生数 per institution (学校标识码) and level.")

    static let all = [inclusive, publicShare, quality, migrant, progression, variation, placesAdded, students, schoolStudents,
                      SchoolResources.family, SchoolResources.info, QuotaAllocation.family]
}
