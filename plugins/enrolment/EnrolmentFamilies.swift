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

    static let all =
        [
            inclusive, publicShare, quality, migrant, progression, variation, placesAdded, students, schoolStudents,
            SchoolResources.family, SchoolResources.info, QuotaAllocation.family,
        ] + components

    /// Numerator and denominator beside each ratio, for city rollups (docs/city-rollup.md).
    static let components = [
        RatioComponents.numerator(of: inclusive, counts: "children in public or recognised inclusive kindergartens"),
        RatioComponents.denominator(of: inclusive, counts: "all children enrolled in kindergartens"),
        RatioComponents.numerator(of: publicShare, counts: "children in public kindergartens"),
        RatioComponents.denominator(of: publicShare, counts: "all children enrolled in kindergartens"),
        RatioComponents.numerator(of: quality, counts: "children in 省一级/省二级 kindergartens"),
        RatioComponents.denominator(of: quality, counts: "all children enrolled in kindergartens (files with a grade column)"),
        RatioComponents.numerator(of: migrant, counts: "eligible migrant children in public schools"),
        RatioComponents.denominator(of: migrant, counts: "all eligible migrant children in compulsory education"),
        RatioComponents.numerator(of: progression, counts: "junior graduates entering 普高, 中职, 技工 or 五年制高职"),
        RatioComponents.denominator(of: progression, counts: "all junior graduates"),
        variationPupils, variationResource, variationSquares,
    ]

    /// The 差异系数's sufficient statistics, so a city can compute the CV of all its schools (docs/city-rollup.md):
    /// with P = Σ P_i, R = Σ R_i and Q = Σ R_i²/P_i over the schools that report the resource, X̄ = R/P and
    /// CV = sqrt(Q/P − X̄²) / X̄ — the same formula as `VariationCoefficient`, summed over districts.
    static let variationPupils = MetricFamily(
        name: "eduplan_interschool_variation_pupils",
        help: "差异系数 input: Σ pupils P_i of the schools reporting the resource (by level, resource); published with the coefficient.")
    static let variationResource = MetricFamily(
        name: "eduplan_interschool_variation_resource",
        help: "差异系数 input: Σ resource totals R_i (teachers, m², 元, rooms) of those schools; published with the coefficient.")
    static let variationSquares = MetricFamily(
        name: "eduplan_interschool_variation_resource_squared_per_pupil",
        help: "差异系数 input: Σ R_i² / P_i over those schools (schools with no pupils left out, as in the coefficient).")

    /// The three sums beside one coefficient sample (schools with no pupils are left out, as `VariationCoefficient` does).
    static func variationSums(_ pupils: [Double], _ totals: [Double], _ labels: Labels) -> [Sample] {
        var p = 0.0, r = 0.0, q = 0.0
        for (pi, ri) in zip(pupils, totals) where pi > 0 { p += pi; r += ri; q += ri * ri / pi }
        return [
            Sample(variationPupils.name, labels, p.cleaned), Sample(variationResource.name, labels, r.cleaned),
            Sample(variationSquares.name, labels, q.cleaned),
        ]
    }
}
