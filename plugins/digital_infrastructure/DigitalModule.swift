import YouxiangConfig
import YouxiangSources
import YouxiangCore

/// The `digital_infrastructure` collector module: task 十's 5G campus coverage, teaching-space network coverage and
/// high-standard AI innovation labs. See `plugins/digital_infrastructure/README.md`.
public enum DigitalInfrastructure {
    public static let module = CollectorModule(
        name: "digital_infrastructure",
        summary: "campus network records and the AI-lab registry → task 十 (5G coverage, teaching-space network coverage, AI labs)",
        settingKeys: ["campuses", "ai_labs"]
    ) { m, ctx in
        let campuses = m.source("campuses", schema: Schemas.campuses, context: ctx)
        let labs = m.optionalSource("ai_labs", schema: Schemas.labs, context: ctx)
        guard let campuses, let labs else { return nil }
        return DigitalCollector(campuses: campuses, labs: labs)
    }

    public enum Schemas {
        public static let campuses = SourceSchema(
            required: ["school_id", "has_5g", "teaching_spaces", "connected_spaces"], optional: ["name", "stage"])
        public static let labs = SourceSchema(required: ["name", "built_year"], optional: ["school_id", "high_standard"], yearRequired: false)
    }
}

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
