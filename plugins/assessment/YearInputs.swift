/// Everything read for one year.
struct YearInputs: Sendable {
    var stages: [StageRecord] = []
    var kindergartens: [KindergartenRecord] = []
    var population: [Int: Double] = [:]
    var classes: [ClassRecord] = []
    var kindergartenClasses: [KindergartenClassRecord] = []
    var staff: [String: Double] = [:]
    var cohorts: [CohortRecord] = []
    var purchased: [String: Double] = [:]
}

/// One school stage (学段) of a compulsory school in one year, as the enrolment export gives it.
struct StageRecord: Sendable {
    var id: String, name: String, type: String, level: String, isPublic: Bool, pupils: Double
    /// Resource totals by field (equipment in 元 after the column's `scale`); a cell marked missing is absent.
    var resources: [String: Double]
    /// 符合条件随迁子女数, when mapped and given.
    var migrantEligible: Double?
}

/// One kindergarten in one year: public or not, 普惠 or not, and its children.
struct KindergartenRecord: Sendable { var id: String, name: String, isPublic: Bool, inclusive: Bool, children: Double }
/// One class of a compulsory school stage and its pupils (class-size criterion).
struct ClassRecord: Sendable { var id: String, level: String, pupils: Double }
/// One kindergarten class (its kind, e.g. 小班) and its children.
struct KindergartenClassRecord: Sendable { var id: String, kind: String, children: Double }
/// One junior school's cohort: entrants and pupils in the final year (retention criterion).
struct CohortRecord: Sendable { var id: String, entrants: Double, finalYear: Double }
