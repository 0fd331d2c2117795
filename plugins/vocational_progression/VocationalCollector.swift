import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// Computes the `vocational_progression` module's series from its sources.
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
        var missing = MissingCells()
        schools.forEachRow(into: &result, feeds: [VocationalFamilies.longProgramme.name, VocationalFamilies.toHigher.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            let id = try row.schoolID()
            try once.check("\(id)/\(year)", describe: "学校标识码 \(id) for \(year)", row: row)
            var v: [String: Double] = [:]
            for f in fields {
                guard let n = try row.number(f) else { continue }
                guard n >= 0, n == n.rounded() else { throw RowRejection("\(f) must be a whole number ≥ 0, found \(n)") }
                v[f] = n
            }
            if let l = v["long_programme_entrants"], let e = v["entrants"], l > e { throw RowRejection("long_programme_entrants exceed entrants") }
            if let h = v["graduates_to_higher"], let g = v["graduates"], h > g { throw RowRejection("graduates_to_higher exceed graduates") }
            // A count marked missing makes only its own ratio's year incomplete (row 8: entrants, row 9: graduates).
            for f in fields where v[f] == nil {
                let family = f.hasPrefix("graduates") ? VocationalFamilies.toHigher.name : VocationalFamilies.longProgramme.name
                missing.note(row, field: f, year: year, families: [family])
            }
            for f in fields { sums[year, default: [:]][f, default: 0] += v[f] ?? 0 }
        }
        result.problems += missing.problems()
        for (year, s) in sums {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(VocationalFamilies.longProgramme, y, num: s["long_programme_entrants"]!, den: s["entrants"]!)
            result.samples += RatioComponents.samples(VocationalFamilies.toHigher, y, num: s["graduates_to_higher"]!, den: s["graduates"]!)
        }
        if let training {
            var byYear: [Int: Double] = [:]
            training.forEachRow(into: &result, feeds: [VocationalFamilies.training.name]) { row, _ in
                guard let year = try row.year("date") else { throw RowRejection("date is missing") }
                guard let n = try row.number("participants") else { throw MissingValue("participants", year: year) }
                guard n >= 0, n == n.rounded() else { throw RowRejection("participants must be a whole number ≥ 0, found \(n)") }
                byYear[year, default: 0] += n
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
