import YouxiangCore

/// The seven resources of the 差异系数 by one wording, the assessment method's: the `name` of
/// `eduplan_assessment_criterion_info{criterion="<resource id>"}` (from the criteria file,
/// `plugins/plan/assessment_criteria.yml`), so the indicator pages and the assessment section name them alike.
/// Where no assessment collector runs, `VariationResources.names`, which a test keeps equal to the criteria file.
enum ResourceNames {
    /// “每百名学生拥有县级及以上骨干教师数” for `backbone_teachers`; the id itself when neither source knows it.
    static func name(_ snap: SeriesSnapshot, _ id: String) -> String {
        let fromCriteria = snap.series("eduplan_assessment_criterion_info", matching: ["criterion": id, "measure": "school_resource"])
            .compactMap { $0.labels["name"] }.first
        return fromCriteria ?? VariationResources.names.first { $0.id == id }?.name ?? id
    }
}
