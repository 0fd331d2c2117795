import YouxiangSources

/// The sources of one `assessment` collector; optional ones may be absent (their criteria are then 数据不完整).
struct AssessmentSources: Sendable {
    var compulsory: SourceConfig
    var kindergartens: SourceConfig
    var population: SourceConfig?
    var classes: SourceConfig?
    var kindergartenClasses: SourceConfig?
    var staff: SourceConfig?
    var cohorts: SourceConfig?
    var purchased: SourceConfig?

    /// nil when any source failed to decode (the diagnostics are in the document).
    init?(
        compulsory: SourceConfig?, kindergartens: SourceConfig?, population: SourceConfig??, classes: SourceConfig??,
        kindergartenClasses: SourceConfig??, staff: SourceConfig??, cohorts: SourceConfig??, purchased: SourceConfig??
    ) {
        guard let compulsory, let kindergartens, let population, let classes, let kindergartenClasses, let staff,
            let cohorts, let purchased
        else { return nil }
        self.compulsory = compulsory
        self.kindergartens = kindergartens
        self.population = population
        self.classes = classes
        self.kindergartenClasses = kindergartenClasses
        self.staff = staff
        self.cohorts = cohorts
        self.purchased = purchased
    }

    var all: [SourceConfig] { [compulsory, kindergartens] + [population, classes, kindergartenClasses, staff, cohorts, purchased].compactMap { $0 } }
}
