import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// The `lifelong_learning` collector module: table rows 7 (儿童平均预期受教育年限) and 12 (高等教育毛入学率) as
/// official figures, row 7 also computed from enrolment and population by single year of age, and task 六's
/// elderly-university coverage and participation. See `plugins/lifelong_learning/README.md`.
public enum LifelongLearning {
    public static let module = CollectorModule(
        name: "lifelong_learning",
        summary: "official figures, enrolment and population by age, 街道 elderly education → rows 7, 12, task 六",
        settingKeys: ["official", "official_indicators", "enrolment_by_age", "population_by_age", "age_window", "elderly"]
    ) { m, ctx in
        let official = m.optionalSource("official", schema: Schemas.official, context: ctx)
        var names = ["expected_schooling_years": "儿童平均预期受教育年限", "higher_education_gross_enrolment": "高等教育毛入学率(%)"]
        if let om = m.optional("official_indicators")?.mapping(allowed: Array(names.keys)) {
            for (k, v) in om.stringValues() { names[k] = v }
        }
        let byAge = m.optionalSource("enrolment_by_age", schema: Schemas.enrolmentByAge, context: ctx)
        let population = m.optionalSource("population_by_age", schema: Schemas.population, context: ctx)
        var window = 3...18
        if let w = m.optional("age_window") {
            if let pair = w.list()?.compactMap({ $0.int(in: 0...150) }), pair.count == 2, pair[0] <= pair[1], pair[0] >= 0 {
                window = pair[0]...pair[1]
            } else {
                w.error("expected [min_age, max_age], e.g. [3, 18]")
            }
        }
        let elderly = m.optionalSource("elderly", schema: Schemas.elderly, context: ctx)
        guard let official, let byAge, let population, let elderly else { return nil }
        if (byAge == nil) != (population == nil) {
            m.node.error("enrolment_by_age and population_by_age go together")
            return nil
        }
        return LifelongCollector(
            official: official, officialNames: names, byAge: byAge, population: population,
            window: window, elderly: elderly)
    }

    public enum Schemas {
        public static let official = SourceSchema(required: ["year", "indicator", "value"], optional: ["source"], yearRequired: false)
        public static let enrolmentByAge = SourceSchema(required: ["age", "students"], optional: ["school_id", "name"])
        public static let population = SourceSchema(required: ["age", "population"])
        public static let elderly = SourceSchema(required: ["street", "sites", "population_60_plus", "participations"])
    }
}
