import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// The generic `table` collector module: any exported table or registry, aggregated per year into series named in
/// the YAML. Used for the plan's registry-type targets (county assessments, courses, sister schools, pilot schools,
/// teacher ratios). See `plugins/table/README.md`.
public enum TableModule {
    public static let module = CollectorModule(
        name: "table",
        summary: "any table or registry → series by count, sum, ratio or value per year (generic source)",
        settingKeys: ["source", "years", "metrics"]
    ) { m, ctx in
        let source = m.source("source", schema: SourceSchema(required: [], yearRequired: false, openFields: true, defaultMin: nil), context: ctx)
        let years = m.optional("years")?.list()?.compactMap { $0.year() }
        var metrics: [TableMetric] = []
        for item in m.required("metrics")?.list() ?? [] {
            // When the source failed to decode (its error is already reported), fields are not checked against it.
            if let metric = TableMetric.decode(item, mapped: source?.mappedFields) { metrics.append(metric) }
        }
        if let items = m.optional("metrics")?.list(), items.isEmpty { m.optional("metrics")?.error("expected at least one metric") }
        if metrics.contains(where: \.cumulative), years == nil {
            m.node.error("cumulative metrics need `years:` (the years to report)")
            return nil
        }
        guard let source, metrics.count == (m.optional("metrics")?.list()?.count ?? -1) else { return nil }
        return TableCollector(source: source, years: years, metrics: metrics)
    }
}
