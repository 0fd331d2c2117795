import YouxiangConfig
import YouxiangCore
import YouxiangSources

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
