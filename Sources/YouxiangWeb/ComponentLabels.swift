/// The office's headers for a ratio's numerator and denominator on `/indicator/<id>`, with their unit, keyed by the
/// ratio family (`eduplan_<x>_ratio`). A family not listed gets plain “分子” / “分母” (never the series name).
enum ComponentLabels {
    static let byFamily: [String: (numerator: String, denominator: String)] = [
        "eduplan_kindergarten_enrolment_inclusive_ratio": ("公办及普惠性民办幼儿园在园幼儿数（人）", "在园幼儿总数（人）"),
        "eduplan_kindergarten_enrolment_public_ratio": ("公办幼儿园在园幼儿数（人）", "在园幼儿总数（人）"),
        "eduplan_kindergarten_enrolment_quality_ratio": ("优质幼儿园在园幼儿数（人）", "在园幼儿总数（人）"),
        "eduplan_migrant_children_public_school_ratio": ("在公办学校就读的符合条件随迁子女数（人）", "符合条件的随迁子女数（人）"),
        "eduplan_junior_graduates_upper_secondary_ratio": ("升入高中段的初中毕业生数（人）", "初中毕业生数（人）"),
        "eduplan_vocational_entrants_long_programme_ratio": ("长学制招生数（人）", "中职招生总数（人）"),
        "eduplan_vocational_graduates_higher_education_ratio": ("升入高等学校的中职毕业生数（人）", "中职毕业生数（人）"),
        "eduplan_public_schools_in_education_community_ratio": ("纳入教共体的公办学校数（所）", "公办学校数（所）"),
        "eduplan_teacher_postgraduate_ratio": ("具有研究生学历的专任教师数（人）", "专任教师数（人）"),
        "eduplan_backbone_teacher_exchange_ratio": ("交流轮岗的骨干教师数（人）", "符合交流条件的骨干教师数（人）"),
        "eduplan_school_5g_coverage_ratio": ("实现5G网络覆盖的学校数（所）", "学校数（所）"),
        "eduplan_quota_allocation_balanced_ratio": ("均衡分配到初中的名额数（人）", "普通高中招生名额数（人）"),
    ]

    static func labels(_ ratioFamily: String) -> (numerator: String, denominator: String) {
        byFamily[ratioFamily] ?? ("分子", "分母")
    }
}
