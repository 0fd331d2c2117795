/// The numerator and denominator series served beside a ratio indicator, so that a city or province can roll the
/// ratio up correctly: `sum by (year) (…_numerator) / sum by (year) (…_denominator)` weighs each district by its size,
/// where averaging the districts' ratios would not (docs/city-rollup.md).
///
/// Naming: a ratio family `eduplan_<x>_ratio` gets `eduplan_<x>_numerator` and `eduplan_<x>_denominator`, with the
/// ratio's labels and `year`; the unit is the counted thing (children, pupils, campuses, …), named in HELP.
/// Components are emitted only together with their ratio (same year, same labels), so they follow the ratio's
/// completeness: a year that publishes no ratio publishes no components.
public enum RatioComponents {
    /// `eduplan_<x>_ratio` → `eduplan_<x>`; a name without the `_ratio` suffix is kept whole.
    public static func stem(_ ratioName: String) -> String {
        ratioName.hasSuffix("_ratio") ? String(ratioName.dropLast("_ratio".count)) : ratioName
    }

    /// The numerator family of `ratio`; `counts` says what is counted (e.g. "children in inclusive kindergartens").
    public static func numerator(of ratio: MetricFamily, counts: String) -> MetricFamily {
        MetricFamily(
            name: stem(ratio.name) + "_numerator",
            help: "Numerator of \(ratio.name): \(counts). City figure: sum by (year) of this / sum by (year) of the _denominator.")
    }

    /// The denominator family of `ratio`; `counts` says what is counted (e.g. "all enrolled children").
    public static func denominator(of ratio: MetricFamily, counts: String) -> MetricFamily {
        MetricFamily(
            name: stem(ratio.name) + "_denominator",
            help: "Denominator of \(ratio.name): \(counts).")
    }

    /// Input series served beside a value that is not a ratio, by the value's family (row 7's inputs by age, the
    /// 差异系数's sums): they follow that family's completeness.
    public static let inputsOf: [String: String] = [
        "eduplan_expected_schooling_enrolled_by_age": "eduplan_expected_schooling_years",
        "eduplan_expected_schooling_population_by_age": "eduplan_expected_schooling_years",
        "eduplan_interschool_variation_pupils": "eduplan_interschool_variation_coefficient",
        "eduplan_interschool_variation_resource": "eduplan_interschool_variation_coefficient",
        "eduplan_interschool_variation_resource_squared_per_pupil": "eduplan_interschool_variation_coefficient",
    ]

    /// The families whose completeness `family` shares when it is a component or an input (nil otherwise):
    /// `eduplan_<x>_numerator` → `eduplan_<x>_ratio` and `eduplan_<x>` (a `table` ratio not named `_ratio`).
    public static func parents(of family: String) -> [String] {
        for suffix in ["_numerator", "_denominator"] where family.hasSuffix(suffix) {
            let stem = String(family.dropLast(suffix.count))
            return [stem + "_ratio", stem]
        }
        return inputsOf[family].map { [$0] } ?? []
    }

    /// The ratio sample and, beside it, its two components — or nothing when `den` is not positive (no ratio, so no
    /// components either).
    public static func samples(_ ratio: MetricFamily, _ labels: Labels, num: Double, den: Double) -> [Sample] {
        guard let r = Ratio.of(num, den) else { return [] }
        let stem = stem(ratio.name)
        return [
            Sample(ratio.name, labels, r),
            Sample(stem + "_numerator", labels, num.cleaned),
            Sample(stem + "_denominator", labels, den.cleaned),
        ]
    }
}
