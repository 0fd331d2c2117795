import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// Computes the `lifelong_learning` module's series from its sources.
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
            guard let value = try row.number("value") else {
                // An official figure marked missing: that indicator's year is unknown (not merely absent).
                let family = name == officialNames["expected_schooling_years"] ? LifelongFamilies.schooling.name : LifelongFamilies.ger.name
                throw MissingValue("value", families: [family], labels: ["source": "official"])
            }
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
                result.problems.append(
                    DataProblem(
                        families: [LifelongFamilies.schooling.name], year: year,
                        reasonZh: "\(year)年缺少分年龄常住人口数据", reason: "population_by_age has no file for \(year)",
                        unread: true))
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
                result.problems.append(
                    DataProblem(
                        families: [LifelongFamilies.schooling.name], year: year,
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
        var missing = MissingCells()
        source.forEachRow(into: &result, feeds: [LifelongFamilies.elderlyCoverage.name, LifelongFamilies.elderlyParticipation.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            guard row.text("street") != nil else { throw RowRejection("street is missing") }
            // A count marked missing makes only the indicator that needs it incomplete: coverage needs the sites,
            // participation the population and the participations.
            var counts: [String: Double] = [:]
            for field in ["sites", "population_60_plus", "participations"] {
                guard let v = try row.number(field) else { continue }
                guard v >= 0, v == v.rounded() else { throw RowRejection("\(field) must be a whole number ≥ 0, found \(v)") }
                counts[field] = v
            }
            if counts["sites"] == nil { missing.note(row, field: "sites", year: year, families: [LifelongFamilies.elderlyCoverage.name]) }
            for field in ["population_60_plus", "participations"] where counts[field] == nil {
                missing.note(row, field: field, year: year, families: [LifelongFamilies.elderlyParticipation.name])
            }
            var t = byYear[year, default: T()]
            t.streets += 1
            if (counts["sites"] ?? 0) > 0 { t.covered += 1 }
            t.pop += counts["population_60_plus"] ?? 0
            t.times += counts["participations"] ?? 0
            byYear[year] = t
        }
        result.problems += missing.problems()
        for (year, t) in byYear {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(LifelongFamilies.elderlyCoverage, y, num: t.covered, den: t.streets)
            result.samples += RatioComponents.samples(LifelongFamilies.elderlyParticipation, y, num: t.times, den: t.pop)
        }
    }
}
