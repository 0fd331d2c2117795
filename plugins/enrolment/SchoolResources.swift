import YouxiangCore

/// Per-school resource totals behind the 差异系数, so the office's indicator page can show which schools pull the
/// coefficient up (the coefficient itself is `eduplan_interschool_variation_coefficient`).
///
/// `eduplan_school_resource{school_id, level, resource, year}`: the school stage's total of one of the seven resources
/// of 教督〔2017〕6号 (teachers as counts, areas in 平方米, equipment in 元, rooms as counts), as read from the
/// compulsory-education file. Divided by `eduplan_school_students` of the same school, level and year it gives the
/// per-pupil value X_i the coefficient is computed from.
///
/// `eduplan_school_info{school_id, level, name, year}` = 1 carries the school's name as read (学校名称), so pages can name
/// the school instead of printing its 学校标识码 (the info-metric pattern: join on `school_id`).
enum SchoolResources {
    static let family = MetricFamily(
        name: "eduplan_school_resource",
        help: "差异系数的校级资源总量 per institution (学校标识码), level and resource: teachers (count), areas (平方米), equipment (元), multimedia rooms (count).")
    static let info = MetricFamily(
        name: "eduplan_school_info", help: "学校名称 per institution (学校标识码), level and year; always 1.")

    /// One sample per resource the row has, and the name when the row has one.
    static func samples(schoolID: String, name: String?, level: String, year: Int, resources: [String: Double]) -> [Sample] {
        var out = resources.sorted { $0.key < $1.key }.map { r, v in
            Sample(family.name, ["school_id": schoolID, "level": level, "resource": r, "year": String(year)], v)
        }
        if let name, !name.isEmpty {
            out.append(Sample(info.name, ["school_id": schoolID, "level": level, "name": name, "year": String(year)], 1))
        }
        return out
    }
}
