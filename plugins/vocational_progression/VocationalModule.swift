import YouxiangConfig
import YouxiangSources
import YouxiangCore

/// The `vocational_progression` collector module: table rows 8 (long-programme entrants), 9 (graduates entering higher
/// education), 10 (training person-times, kept in person-times, not 万人次) and 11 (产教融合 projects). See
/// `plugins/vocational_progression/README.md`.
public enum VocationalProgression {
    public static let module = CollectorModule(
        name: "vocational_progression",
        summary: "中职 school records, training events, 产教融合 projects → rows 8, 9, 10, 11",
        settingKeys: ["schools", "training", "projects", "terminated_status"]
    ) { m, ctx in
        let schools = m.source("schools", schema: Schemas.schools, context: ctx)
        let training = m.optionalSource("training", schema: Schemas.training, context: ctx)
        let projects = m.optionalSource("projects", schema: Schemas.projects, context: ctx)
        let terminated = m.optional("terminated_status")?.stringList() ?? ["终止", "撤销", "terminated"]
        guard let schools, let training, let projects else { return nil }
        return VocationalCollector(schools: schools, training: training, projects: projects, terminated: Set(terminated))
    }

    public enum Schemas {
        public static let schools = SourceSchema(
            required: ["school_id", "entrants", "long_programme_entrants", "graduates", "graduates_to_higher"],
            optional: ["name", "type"])
        public static let training = SourceSchema(required: ["date", "participants"], optional: ["school_id", "name"], yearRequired: false)
        public static let projects = SourceSchema(
            required: ["project_id", "start_year"], optional: ["name", "school_id", "enterprise", "credit_code", "level", "end_year", "status"],
            yearRequired: false)
    }
}

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

struct VocationalCollector: FileCollector {
    let schools: SourceConfig
    let training: SourceConfig?
    let projects: SourceConfig?
    let terminated: Set<String>

    var inputFiles: [String] { schools.paths + (training?.paths ?? []) + (projects?.paths ?? []) }
    var families: [MetricFamily] { VocationalFamilies.all }

    func read() -> CollectionResult {
        var result = CollectionResult()
        var sums: [Int: [String: Double]] = [:]
        let fields = ["entrants", "long_programme_entrants", "graduates", "graduates_to_higher"]
        var once = DuplicateGuard()
        schools.forEachRow(into: &result, feeds: [VocationalFamilies.longProgramme.name, VocationalFamilies.toHigher.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            try once.check("\(id)/\(year)", describe: "学校标识码 \(id) for \(year)", row: row)
            var v: [String: Double] = [:]
            for f in fields { v[f] = try row.count(f) }
            if v["long_programme_entrants"]! > v["entrants"]! { throw RowRejection("long_programme_entrants exceed entrants") }
            if v["graduates_to_higher"]! > v["graduates"]! { throw RowRejection("graduates_to_higher exceed graduates") }
            for f in fields { sums[year, default: [:]][f, default: 0] += v[f]! }
        }
        for (year, s) in sums {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(VocationalFamilies.longProgramme, y, num: s["long_programme_entrants"]!, den: s["entrants"]!)
            result.samples += RatioComponents.samples(VocationalFamilies.toHigher, y, num: s["graduates_to_higher"]!, den: s["graduates"]!)
        }
        if let training {
            var byYear: [Int: Double] = [:]
            training.forEachRow(into: &result, feeds: [VocationalFamilies.training.name]) { row, _ in
                guard let year = try row.year("date") else { throw RowRejection("date is missing") }
                byYear[year, default: 0] += try row.count("participants")
            }
            for (year, n) in byYear { result.samples.append(Sample(VocationalFamilies.training.name, ["year": String(year)], n)) }
        }
        if let projects { collectProjects(projects, years: schools.years, into: &result) }
        return result
    }

    /// Row 11 is a stock: for each year of the schools' files, projects started by then and not terminated by then.
    private func collectProjects(_ source: SourceConfig, years: [Int], into result: inout CollectionResult) {
        var spans: [(start: Int, end: Int?)] = []
        var ids = Set<String>()
        source.forEachRow(into: &result, feeds: [VocationalFamilies.projects.name]) { row, _ in
            guard let id = row.text("project_id") else { throw RowRejection("project_id is missing") }
            guard ids.insert(id).inserted else { throw RowRejection("project_id \(id) appears twice") }
            guard let start = try row.year("start_year") else { throw RowRejection("start_year is missing") }
            var end: Int? = nil
            if row.has("end_year") { end = try row.year("end_year") }
            if end == nil, let status = row.text("status"), terminated.contains(status) {
                throw RowRejection("status \(status) without end_year")
            }
            if let e = end, e < start { end = start }
            spans.append((start, end))
        }
        let all = years.isEmpty ? Array(Set(spans.map(\.start))).sorted() : years
        for year in all {
            let n = spans.filter { $0.start <= year && ($0.end.map { $0 > year } ?? true) }.count
            result.samples.append(Sample(VocationalFamilies.projects.name, ["year": String(year)], Double(n)))
        }
    }
}
