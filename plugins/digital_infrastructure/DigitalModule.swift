import YouxiangConfig
import YouxiangCore
import YouxiangSources

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
