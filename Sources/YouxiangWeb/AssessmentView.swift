import YouxiangCore

/// The national county assessments (table rows 3 and 4) criterion by criterion, as the office's pages show them: per
/// assessment, each criterion's value, standard and status for one year, and the institutions below standard, worst
/// first. Read only from the `assessment` module's series in the snapshot (`eduplan_assessment_criterion_*`,
/// `eduplan_assessment_institution_info`), whose thresholds come from the criteria file.
struct AssessmentSectionView {
    var id: String
    /// “国家义务教育优质均衡发展县”.
    var title: String
    /// The year shown; nil when the assessment has no data at all.
    var year: Int?
    /// “（2025年数据）”, or nil.
    var yearText: String? = nil
    /// “（一）”, “（二）” in the page's order.
    var ordinal: String = ""
    /// “2025年：18项量化指标中，达标12项、未达标3项……”.
    var summary: String
    var rows: [CriterionRowView]
    var below: [InstitutionRowView]
    var hasBelow: Bool
    /// “2025年低于标准的学校（幼儿园）共N所……” or “2025年各校（园）均达到各项标准。”.
    var belowSummary: String
}

/// One district verdict row (a criterion at one level; a 差异系数 row carries both weightings).
struct CriterionRowView {
    var criterion: String
    var name: String
    var level: String
    var value: String
    var standard: String
    var status: String
    var statusClass: String
    var statusMark: String
}

/// One institution below standard in the year shown.
struct InstitutionRowView {
    var rank: Int
    var schoolID: String
    var name: String
    var level: String
    /// What falls short and by how much, one sentence per criterion.
    var shortfalls: [String]
    /// The largest relative gap, “低于标准20%”, for ordering and the summary column.
    var worst: String
}
