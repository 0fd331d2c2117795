import YouxiangCore

/// The families the `lifelong_learning` module emits. HELP carries the plan's indicator name.
enum LifelongFamilies {
    static let schooling = MetricFamily(
        name: "eduplan_expected_schooling_years",
        help: "儿童平均预期受教育年限 (table row 7), years; source=official (statistics bureau) or computed (UIS school life expectancy over the configured age window).",
        unit: "years")
    static let ger = MetricFamily(
        name: "eduplan_higher_education_gross_enrolment_ratio",
        help: "高等教育毛入学率 (table row 12; the plan prints 毛入率), official figure.", unit: "ratio")
    static let elderlyCoverage = MetricFamily(
        name: "eduplan_elderly_university_township_coverage_ratio",
        help: "乡镇社区老年大学覆盖率 (task 六): 街道/乡镇 with at least one elderly-university site / all.", unit: "ratio")
    static let elderlyParticipation = MetricFamily(
        name: "eduplan_elderly_education_participation_ratio",
        help: "经常性参与教育活动的老年人次占全区老年人口总数比例 (task 六): person-times / residents aged 60+ (can exceed 1).", unit: "ratio")
    static let all = [schooling, ger, elderlyCoverage, elderlyParticipation] + components
    /// Numerator and denominator beside each ratio, and row 7's inputs by age, for city rollups (docs/city-rollup.md).
    static let components = [
        RatioComponents.numerator(of: elderlyCoverage, counts: "街道/乡镇 with at least one elderly-university site"),
        RatioComponents.denominator(of: elderlyCoverage, counts: "all 街道/乡镇"),
        RatioComponents.numerator(of: elderlyParticipation, counts: "person-times of regular participation in education by residents aged 60+"),
        RatioComponents.denominator(of: elderlyParticipation, counts: "residents aged 60+"),
        schoolLifeEnrolled, schoolLifePopulation,
    ]
    static let schoolLifeEnrolled = MetricFamily(
        name: "eduplan_expected_schooling_enrolled_by_age",
        help:
            "Pupils and students enrolled at all levels, by single year of age (input E_a of row 7's computed value, ages of the age window); published only with the computed value."
    )
    static let schoolLifePopulation = MetricFamily(
        name: "eduplan_expected_schooling_population_by_age",
        help:
            "Resident population by single year of age (input P_a of row 7's computed value: SLE = sum over a of E_a / P_a); published only with the computed value."
    )
}
