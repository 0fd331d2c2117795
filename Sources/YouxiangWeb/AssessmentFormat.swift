import YouxiangCore

/// Values, standards and shortfalls of the assessment criteria in words, in the criterion's unit (元, 平方米, %, ∶1).
extension AssessmentReading {
    /// A value in the criterion's unit; a coefficient with a fixed 3 decimals, more where it would otherwise read equal
    /// to `threshold` though it is not (see `WebFormat.coefficient`).
    static func formatted(_ v: Double, unit: String, threshold: Double? = nil) -> String {
        switch unit {
        case "ratio": return WebFormat.number(v * 100, digits: 1) + "%"
        case "coefficient": return WebFormat.coefficient(v, distinctFrom: threshold.map { [$0] } ?? [])
        case "children_per_teacher": return WebFormat.number(v, digits: 1) + "∶1"
        case "元", "人", "项": return WebFormat.number(v, digits: v >= 100 ? 0 : 2) + unit
        default: return WebFormat.number(v, digits: 2) + unit
        }
    }

    /// The district value: a share of institutions or classes as a percentage, else in the criterion's unit (told apart
    /// from `threshold`, the district standard, when they differ).
    static func districtValue(_ v: Double, _ c: Criterion, threshold: Double? = nil) -> String {
        if c.schoolShare { return "达标占比" + formatted(v, unit: "ratio") }
        if c.measure == "class_size" { return "班额达标班级占比" + formatted(v, unit: "ratio") }
        if c.measure == "kindergarten_class_size" { return formatted(v, unit: "ratio") }
        return formatted(v, unit: c.unit, threshold: threshold)
    }

    /// The district-level standard of the series `district` (its threshold series without `school_id`), if published.
    static func districtThreshold(_ s: SeriesSnapshot, _ district: Labels) -> Double? {
        s.series(threshold, matching: district).first { $0.labels.removing("op") == district }?.value
    }

    /// “（40所中38所）” for criteria judged school by school.
    static func schoolCount(_ s: SeriesSnapshot, _ c: Criterion, _ district: Labels) -> String {
        guard c.schoolShare, let year = district["year"] else { return "" }
        var m: Labels = ["assessment": c.assessment, "criterion": c.id, "year": year]
        if let l = district["level"] { m = m.setting("level", l) }
        let per = s.series(met, matching: m).filter { $0.labels["school_id"] != nil }
        guard !per.isEmpty else { return "" }
        return "（\(per.count)所中\(per.filter { $0.value == 1 }.count)所达标）"
    }

    /// The standard in words: “每所学校不低于4.2人”, “不高于0.5”, “不低于85%”, “不高于15∶1”.
    static func standard(_ s: SeriesSnapshot, _ c: Criterion, _ district: Labels) -> String {
        let t = districtThreshold(s, district)
        var per: [Double] = []
        if let year = district["year"] {
            var m: Labels = ["assessment": c.assessment, "criterion": c.id, "year": year]
            if let l = district["level"] { m = m.setting("level", l) }
            for (l, v) in s.series(threshold, matching: m) where l["school_id"] != nil && !per.contains(v) { per.append(v) }
        }
        per.sort()
        let perText = per.map { formatted($0, unit: c.unit) }.joined(separator: "或")
        switch c.measure {
        case "school_resource", "school_size":
            let base = "每所学校\(c.opWords)\(perText.isEmpty ? "标准" : perText)" + (per.count > 1 ? "（按办学类型）" : "")
            return base + shareRequirement(t, "学校")
        case "school_resource_rule":
            return "每所学校不少于\(perText.isEmpty ? "6项" : perText)达标，余项不低于标准的85%" + shareRequirement(t, "学校")
        case "class_size":
            return "每班\(c.opWords)\(perText)" + shareRequirement(t, "班级")
        case "kindergarten_class_size":
            return "班额符合规定的班级占比不低于\(t.map { formatted($0, unit: "ratio") } ?? "—")"
        default:
            return c.opWords + (t.map { formatted($0, unit: c.unit) } ?? "—")
        }
    }

    static func shareRequirement(_ t: Double?, _ noun: String) -> String {
        guard let t else { return "" }
        return t >= 1 ? "（全部\(noun)达到）" : "（达标\(noun)不少于\(formatted(t, unit: "ratio"))）"
    }
}
