import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// Computes the `digital_infrastructure` module's series from its sources.
struct DigitalCollector: FileCollector {
    let campuses: SourceConfig
    let labs: SourceConfig?

    var inputFiles: [String] { campuses.paths + (labs?.paths ?? []) }
    var families: [MetricFamily] { DigitalFamilies.all }

    func read() -> CollectionResult {
        var result = CollectionResult()
        struct T { var campuses = 0.0, with5G = 0.0, spaces = 0.0, connected = 0.0 }
        var byYear: [Int: T] = [:]
        // A cell marked missing makes only the indicator that needs it incomplete: 5G coverage for has_5g, network
        // coverage for the spaces; the row still counts for the other.
        var missing = MissingCells()
        campuses.forEachRow(into: &result, feeds: [DigitalFamilies.fiveG.name, DigitalFamilies.spaces.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            _ = try row.schoolID()
            let has5G = try row.flag("has_5g")
            let spaces = try row.number("teaching_spaces"), connected = try row.number("connected_spaces")
            for (field, v) in [("teaching_spaces", spaces), ("connected_spaces", connected)] {
                if let v, v < 0 || v != v.rounded() { throw RowRejection("\(field) must be a whole number ≥ 0, found \(v)") }
            }
            if let spaces, let connected, connected > spaces {
                throw RowRejection("connected_spaces (\(Int(connected))) exceed teaching_spaces (\(Int(spaces)))")
            }
            if has5G == nil { missing.note(row, field: "has_5g", year: year, families: [DigitalFamilies.fiveG.name]) }
            if spaces == nil { missing.note(row, field: "teaching_spaces", year: year, families: [DigitalFamilies.spaces.name]) }
            if connected == nil { missing.note(row, field: "connected_spaces", year: year, families: [DigitalFamilies.spaces.name]) }
            var t = byYear[year, default: T()]
            t.campuses += 1
            if has5G == true { t.with5G += 1 }
            t.spaces += spaces ?? 0
            t.connected += connected ?? 0
            byYear[year] = t
        }
        result.problems += missing.problems()
        for (year, t) in byYear {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(DigitalFamilies.fiveG, y, num: t.with5G, den: t.campuses)
            result.samples += RatioComponents.samples(DigitalFamilies.spaces, y, num: t.connected, den: t.spaces)
        }
        if let labs {
            var built: [Int] = []
            var labsMissing = MissingCells()
            labs.forEachRow(into: &result, feeds: [DigitalFamilies.labs.name]) { row, _ in
                guard let year = try row.year("built_year") else { throw RowRejection("built_year is missing") }
                // A lab counts only when the registry marks it high-standard (是); blank is unknown: the count is
                // then not known for its year and every later year (it is cumulative), never a count without it.
                if row.has("high_standard") {
                    guard let high = try row.flag("high_standard") else {
                        for y in byYear.keys where y >= year { labsMissing.note(row, field: "high_standard", year: y, families: [DigitalFamilies.labs.name]) }
                        return
                    }
                    if !high { return }
                }
                built.append(year)
            }
            result.problems += labsMissing.problems()
            for year in byYear.keys.sorted() {
                result.samples.append(Sample(DigitalFamilies.labs.name, ["year": String(year)], Double(built.filter { $0 <= year }.count)))
            }
        }
        return result
    }
}
