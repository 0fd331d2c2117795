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
        campuses.forEachRow(into: &result, feeds: [DigitalFamilies.fiveG.name, DigitalFamilies.spaces.name]) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            _ = try row.schoolID()
            guard let has5G = try row.flag("has_5g") else { throw MissingValue("has_5g") }
            let spaces = try row.count("teaching_spaces"), connected = try row.count("connected_spaces")
            guard connected <= spaces else { throw RowRejection("connected_spaces (\(Int(connected))) exceed teaching_spaces (\(Int(spaces)))") }
            var t = byYear[year, default: T()]
            t.campuses += 1
            if has5G { t.with5G += 1 }
            t.spaces += spaces
            t.connected += connected
            byYear[year] = t
        }
        for (year, t) in byYear {
            let y: Labels = ["year": String(year)]
            result.samples += RatioComponents.samples(DigitalFamilies.fiveG, y, num: t.with5G, den: t.campuses)
            result.samples += RatioComponents.samples(DigitalFamilies.spaces, y, num: t.connected, den: t.spaces)
        }
        if let labs {
            var built: [Int] = []
            labs.forEachRow(into: &result, feeds: [DigitalFamilies.labs.name]) { row, _ in
                guard let year = try row.year("built_year") else { throw RowRejection("built_year is missing") }
                // A lab counts only when the registry marks it high-standard (是); blank is unknown, so not counted.
                if row.has("high_standard"), try row.flag("high_standard") != true { return }
                built.append(year)
            }
            for year in byYear.keys.sorted() {
                result.samples.append(Sample(DigitalFamilies.labs.name, ["year": String(year)], Double(built.filter { $0 <= year }.count)))
            }
        }
        return result
    }
}
