import YouxiangCore

/// The families the `vocational_progression` module emits. HELP carries the plan's indicator name.
enum VocationalFamilies {
    static let longProgramme = MetricFamily(
        name: "eduplan_vocational_entrants_long_programme_ratio",
        help: "长学制技术技能人才招生占中职招生比例 (table row 8): long-programme entrants (3+2, 五年一贯制, 3+4, …) / all 中职 entrants.", unit: "ratio")
    static let toHigher = MetricFamily(
        name: "eduplan_vocational_graduates_higher_education_ratio",
        help: "中职毕业生升入高等学校比例 (table row 9): 中职 graduates entering 高职专科/职业本科/普通本科 / 中职 graduates.", unit: "ratio")
    static let training = MetricFamily(
        name: "eduplan_vocational_training_person_times",
        help: "职业院校职业培训数 (table row 10), in person-times (the plan prints 万人次: 0.68 = 6800).")
    static let projects = MetricFamily(
        name: "eduplan_industry_education_projects",
        help: "产教融合项目数 (table row 11): projects started by the year and not terminated.")
    static let all = [longProgramme, toHigher, training, projects] + components
    /// Numerator and denominator beside each ratio, for city rollups (docs/city-rollup.md).
    static let components = [
        RatioComponents.numerator(of: longProgramme, counts: "long-programme 中职 entrants"),
        RatioComponents.denominator(of: longProgramme, counts: "all 中职 entrants"),
        RatioComponents.numerator(of: toHigher, counts: "中职 graduates entering higher education"),
        RatioComponents.denominator(of: toHigher, counts: "all 中职 graduates"),
    ]
}
