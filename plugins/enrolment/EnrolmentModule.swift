import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// The `enrolment` collector module: preschool shares (table rows 1, 2; task 二 quality coverage), migrant children
/// in public schools (row 5), junior graduates' progression (row 6), the inter-school 差异系数 (task 三) and places
/// added (task 一). See `plugins/enrolment/README.md`.
public enum Enrolment {
    /// The module's registration value.
    public static let module = CollectorModule(
        name: "enrolment",
        summary: "kindergarten and compulsory-school records → rows 1, 2, 5, 6, quality coverage, 差异系数, places added",
        settingKeys: ["kindergartens", "compulsory", "junior_graduates", "places_projects", "places_from_year", "quota_allocation"]
    ) { m, ctx in
        let kg = m.source("kindergartens", schema: Schemas.kindergartens, context: ctx)
        let compulsory = m.source("compulsory", schema: Schemas.compulsory, context: ctx)
        let graduates = m.optionalSource("junior_graduates", schema: Schemas.graduates, context: ctx)
        let places = m.optionalSource("places_projects", schema: Schemas.places, context: ctx)
        let quota = m.optionalSource("quota_allocation", schema: Schemas.quota, context: ctx)
        let from = m.optional("places_from_year")?.year() ?? 2023
        guard let kg, let compulsory, let graduates, let places, let quota else { return nil }
        return EnrolmentCollector(
            kindergartens: kg, compulsory: compulsory, graduates: graduates, places: places, placesFromYear: from,
            quota: quota)
    }

    /// The logical fields of each source (map them to your export's headers under `columns:`).
    public enum Schemas {
        public static let kindergartens = SourceSchema(
            required: ["school_id", "ownership", "inclusive", "children"], optional: ["name", "grade", "type", "street", "classes"])
        public static let resources = [
            "qualified_teachers", "backbone_teachers", "pe_art_teachers", "teaching_area",
            "sports_area", "equipment_value", "multimedia_rooms",
        ]
        public static let compulsory = SourceSchema(
            required: ["school_id", "ownership", "stage", "students"],
            optional: ["name", "type", "migrant_students", "migrant_eligible"] + resources)
        public static let graduates = SourceSchema(
            required: ["school_id", "graduates"],
            optional: ["name", "to_general_high", "to_vocational", "to_technical", "to_five_year_higher", "not_continuing"])
        /// Per junior school and year: applicants eligible for general senior high, 定向分配 places allocated.
        public static let quota = SourceSchema(required: ["school_id", "eligible", "allocated"], optional: ["name"])
        public static let places = SourceSchema(required: ["level", "places", "commissioned"], optional: ["name"], yearRequired: false)
    }
}
