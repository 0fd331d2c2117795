import YouxiangConfig
import YouxiangSources
import YouxiangCore

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
            } else { w.error("expected [min_age, max_age], e.g. [3, 18]") }
        }
        let elderly = m.optionalSource("elderly", schema: Schemas.elderly, context: ctx)
        guard let official, let byAge, let population, let elderly else { return nil }
        if (byAge == nil) != (population == nil) {
            m.node.error("enrolment_by_age and population_by_age go together")
            return nil
        }
        return LifelongCollector(official: official, officialNames: names, byAge: byAge, population: population,
                                 window: window, elderly: elderly)
    }

    public enum Schemas {
        public static let official = SourceSchema(required: ["year", "indicator", "value"], optional: ["source"], yearRequired: false)
        public static let enrolmentByAge = SourceSchema(required: ["age", "students"], optional: ["school_id", "name"])
        public static let population = SourceSchema(required: ["age", "population"])
        public static let elderly = SourceSchema(required: ["street", "sites", "population_60_plus", "participations"])
    }
}

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
        help: "Pupils and students enrolled at all levels, by single year of age (input E_a of row 7's computed value, ages of the age window); published only with the computed value.")
    static let schoolLifePopulation = MetricFamily(
        name: "eduplan_expected_schooling_population_by_age",
        help: "Resident population by single year of age (input P_a of row 7's computed value: SLE = sum over a of E_a / P_a); published only with the computed value.")
}

struct LifelongCollector: FileCollector {
    let official: SourceConfig?
    let officialNames: [String: String]
    let byAge: SourceConfig?
    let population: SourceConfig?
    let window: ClosedRange<Int>
    let elderly: SourceConfig?

    var inputFiles: [String] { [official, byAge, population, elderly].compactMap { $0?.paths }.flatMap { $0 } }
    var families: [MetricFamily] { LifelongFamilies.all }

    func read() -> CollectionResult {
        var result = CollectionResult()
        if let official { collectOfficial(official, into: &result) }
        if let byAge, let population { collectSchoolLife(byAge, population, into: &result) }
        if let elderly { collectElderly(elderly, into: &result) }
        return result
    }

    private func collectOfficial(_ source: SourceConfig, into result: inout CollectionResult) {
        var samples: [Sample] = []
        source.forEachRow(into: &result, feeds: [LifelongFamilies.schooling.name, LifelongFamilies.ger.name]) { row, _ in
            guard let year = try row.year("year") else { throw RowRejection("year is missing") }
            guard let name = row.text("indicator") else { throw RowRejection("indicator is missing") }
            guard let value = try row.number("value") else { return }
            let y = String(year)
            if name == officialNames["expected_schooling_years"] {
                samples.append(Sample(LifelongFamilies.schooling.name, ["year": y, "source": "official"], value))
            } else if name == officialNames["higher_education_gross_enrolment"] {
                // Official statistics print the rate in percent ("74", or "74%" which the reader already divided by
                // 100); a value of at most 1.5 is taken as a fraction already (a GER of 1.5% is not a real figure).
                let ratio = (row.text("value") ?? "").contains("%") || value <= 1.5 ? value : value / 100
                samples.append(Sample(LifelongFamilies.ger.name, ["year": y, "source": "official"], ratio.cleaned))
            }
        }
        result.samples += samples
    }

    /// UIS school life expectancy: SLE = Σ_{a in window} E_a / Pop_a (enrolment at all levels aged a over population
    /// aged a). Ages without population data are skipped and reported.
    private func collectSchoolLife(_ enrolment: SourceConfig, _ population: SourceConfig, into result: inout CollectionResult) {
        var enrolled: [Int: [Int: Double]] = [:], people: [Int: [Int: Double]] = [:]
        var once = DuplicateGuard(), onceAge = DuplicateGuard()
        enrolment.forEachRow(into: &result, feeds: [LifelongFamilies.schooling.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let age = Int(try row.count("age"))
            if let id = row.text("school_id") { try once.check("\(id)/\(year)/\(age)", describe: "学校标识码 \(id), age \(age), for \(year)", row: row) }
            enrolled[year, default: [:]][age, default: 0] += try row.count("students")
        }
        population.forEachRow(into: &result, feeds: [LifelongFamilies.schooling.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let age = Int(try row.count("age"))
            try onceAge.check("\(year)/\(age)", describe: "age \(age) for \(year)", row: row)
            people[year, default: [:]][age, default: 0] += try row.count("population")
        }
        for (year, ages) in enrolled {
            guard let pop = people[year] else {
                result.errors.append("population_by_age has no file for \(year); expected schooling years not computed for \(year)")
                result.problems.append(DataProblem(families: [LifelongFamilies.schooling.name], year: year,
                                                   reasonZh: "\(year)年缺少分年龄常住人口数据", reason: "population_by_age has no file for \(year)"))
                continue
            }
            var sle = 0.0
            var missing: [Int] = []
            for a in window {
                guard let p = pop[a], p > 0 else { missing.append(a); continue }
                sle += (ages[a] ?? 0) / p
            }
            if !missing.isEmpty {
                result.errors.append("population_by_age \(year) lacks ages \(missing.map(String.init).joined(separator: ", ")); computed value skipped")
                result.problems.append(DataProblem(families: [LifelongFamilies.schooling.name], year: year,
                                                   reasonZh: "\(year)年分年龄常住人口数据缺少部分年龄", reason: "population_by_age \(year) lacks ages"))
                continue
            }
            result.samples.append(Sample(LifelongFamilies.schooling.name, ["year": String(year), "source": "computed"], sle.cleaned))
            for a in window {
                let l: Labels = ["age": String(a), "year": String(year)]
                result.samples.append(Sample(LifelongFamilies.schoolLifeEnrolled.name, l, (ages[a] ?? 0).cleaned))
                result.samples.append(Sample(LifelongFamilies.schoolLifePopulation.name, l, pop[a]!.cleaned))
            }
        }
    }

    private func collectElderly(_ source: SourceConfig, into result: inout CollectionResult) {
        struct T { var streets = 0.0, covered = 0.0, pop = 0.0, times = 0.0 }
        var byYear: [Int: T] = [:]
        source.forEachRow(into: &result, feeds: [LifelongFamilies.elderlyCoverage.name, LifelongFamilies.elderlyParticipation.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            guard row.text("street") != nil else { throw RowRejection("street is missing") }
            let sites = try row.count("sites")
            var t = byYear[year, default: T()]
            t.streets += 1
            if sites > 0 { t.covered += 1 }
            t.pop += try row.count("population_60_plus")
            t.times += try row.count("participations")
            byYear[year] = t
        }
        for (year, t) in byYear {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(LifelongFamilies.elderlyCoverage, y, num: t.covered, den: t.streets)
            result.samples += RatioComponents.samples(LifelongFamilies.elderlyParticipation, y, num: t.times, den: t.pop)
        }
    }
}
