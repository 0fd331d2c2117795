import Enrolment
import LifelongLearning
import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// The `assessment` collector module: the quantitative criteria of the two national county assessments (table rows 3
/// and 4) — 义务教育优质均衡发展县 and 学前教育普及普惠县 — criterion by criterion and school by school, with the
/// thresholds read from a criteria file. See `plugins/assessment/README.md` and `docs/assessments.md`.
public enum Assessment {
    /// The module's registration value.
    public static let module = CollectorModule(
        name: "assessment",
        summary: "per-school and per-class records → the national county assessments' criteria (rows 3, 4), school by school",
        settingKeys: [
            "criteria_file", "compulsory", "kindergartens", "population_by_age", "classes", "kindergarten_classes",
            "kindergarten_staff", "junior_cohorts", "migrant_purchased",
        ]
    ) { m, ctx in
        let criteriaNode = m.required("criteria_file")
        let criteriaPath = criteriaNode?.nonEmptyString().map { Paths.resolve($0, against: ctx.baseDirectory) }
        if let criteriaPath, let criteriaNode, case .failure(let e) = CriteriaLoader.load(path: criteriaPath) {
            // The file's own positions are kept (file:line:column of the criteria file); the config names which key
            // pointed at it.
            for d in e.diagnostics { criteriaNode.document.report(d) }
        }
        let sources = AssessmentSources(
            compulsory: m.source("compulsory", schema: Enrolment.Schemas.compulsory, context: ctx),
            kindergartens: m.source("kindergartens", schema: Enrolment.Schemas.kindergartens, context: ctx),
            population: m.optionalSource("population_by_age", schema: LifelongLearning.Schemas.population, context: ctx),
            classes: m.optionalSource("classes", schema: Schemas.classes, context: ctx),
            kindergartenClasses: m.optionalSource("kindergarten_classes", schema: Schemas.kindergartenClasses, context: ctx),
            staff: m.optionalSource("kindergarten_staff", schema: Schemas.staff, context: ctx),
            cohorts: m.optionalSource("junior_cohorts", schema: Schemas.cohorts, context: ctx),
            purchased: m.optionalSource("migrant_purchased", schema: Schemas.purchased, context: ctx))
        guard let criteriaPath, let sources else { return nil }
        let text = (try? String(contentsOfFile: criteriaPath, encoding: .utf8)) ?? ""
        return AssessmentCollector(criteriaPath: criteriaPath, sources: sources, criteriaText: text)
    }

    /// The logical fields of the module's own sources (the compulsory and kindergarten sources use the enrolment
    /// module's fields; `population_by_age` the lifelong module's).
    public enum Schemas {
        /// One row per compulsory-school class.
        public static let classes = SourceSchema(required: ["school_id", "stage", "pupils"], optional: ["grade", "class"])
        /// One row per kindergarten class; `kind` is 小班, 中班, 大班 or 混龄班.
        public static let kindergartenClasses = SourceSchema(required: ["school_id", "kind", "children"], optional: ["class"])
        /// Full-time teachers (专任教师) per kindergarten.
        public static let staff = SourceSchema(required: ["school_id", "teachers"], optional: ["name"])
        /// Per junior school stage: the cohort's grade-7 entrants and its grade-9 pupils now.
        public static let cohorts = SourceSchema(required: ["school_id", "entrants", "final_year"], optional: ["name"])
        /// Per private compulsory school: eligible migrant pupils in government-purchased places.
        public static let purchased = SourceSchema(required: ["school_id", "purchased"], optional: ["name"])
    }
}
