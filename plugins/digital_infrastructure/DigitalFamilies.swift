import YouxiangCore

/// The families the `digital_infrastructure` module emits. HELP carries the plan's indicator name.
enum DigitalFamilies {
    static let fiveG = MetricFamily(
        name: "eduplan_school_5g_coverage_ratio",
        help: "中小学校实现5G网络校园覆盖比例 (task 十): campuses with verified 5G coverage / all 中小学 campuses.", unit: "ratio")
    static let spaces = MetricFamily(
        name: "eduplan_teaching_space_network_coverage_ratio",
        help: "教学空间教育网覆盖率 (task 十): teaching spaces on the education network / all teaching spaces.", unit: "ratio")
    static let labs = MetricFamily(
        name: "eduplan_ai_innovation_labs",
        help: "高标准人工智能创新实验室数 (task 十): high-standard AI innovation labs built by the year.")
    static let all = [fiveG, spaces, labs] + components
    /// Numerator and denominator beside each ratio, for city rollups (docs/city-rollup.md).
    static let components = [
        RatioComponents.numerator(of: fiveG, counts: "中小学 campuses with verified 5G coverage"),
        RatioComponents.denominator(of: fiveG, counts: "all 中小学 campuses"),
        RatioComponents.numerator(of: spaces, counts: "teaching spaces on the education network"),
        RatioComponents.denominator(of: spaces, counts: "all teaching spaces"),
    ]
}
