import YouxiangCore

/// The institutions below a per-institution standard, worst first, with what falls short and by how much.
extension AssessmentReading {
    /// Institutions with at least one per-institution verdict not met in `year`, worst first (largest gap relative
    /// to the standard), each with what falls short and by how much.
    static func institutionsBelow(_ s: SeriesSnapshot, _ cs: [Criterion], year: String) -> [InstitutionRowView] {
        guard let a = cs.first?.assessment else { return [] }
        struct Item { var c: Criterion; var v: Double?; var t: Double?; var level: String; var gap: Double }
        var byID: [String: (levels: [String], items: [Item])] = [:]
        for c in cs {
            for (l, m) in s.series(met, matching: ["assessment": a, "criterion": c.id, "year": year]) where m == 0 {
                guard let id = l["school_id"], let level = l["level"] else { continue }
                let v = s.value(value, l)
                let t = s.series(threshold, matching: l.removing("op")).first { $0.labels.removing("op") == l }?.value
                var u = byID[id] ?? ([], [])
                if !u.levels.contains(level) { u.levels.append(level) }
                u.items.append(Item(c: c, v: v, t: t, level: level, gap: shortfall(c, v, t, level: nil).1))
                byID[id] = u
            }
        }
        let names = Dictionary(
            s.series(institution, matching: ["year": year]).compactMap { l, _ in
                l["school_id"].map { ($0, l["name"] ?? $0) }
            }, uniquingKeysWith: { a, _ in a })
        let rows = byID.map { ($0.key, $0.value.levels, $0.value.items) }.sorted { x, z in
            let gx = x.2.map(\.gap).max() ?? 0, gz = z.2.map(\.gap).max() ?? 0
            if gx != gz { return gx > gz }
            if x.2.count != z.2.count { return x.2.count > z.2.count }
            return x.0 < z.0
        }
        return rows.enumerated().map { n, r in
            let g = r.2.map(\.gap).max() ?? 0
            let levels = r.1.sorted { (levelOrder[$0] ?? 9) < (levelOrder[$1] ?? 9) }.map { $0 == "compulsory" ? "全校" : (levelNames[$0] ?? $0) }
            return InstitutionRowView(
                rank: n + 1, schoolID: r.0, name: names[r.0] ?? "学校标识码\(r.0)",
                level: levels.joined(separator: "、"),
                shortfalls: r.2.map { shortfall($0.c, $0.v, $0.t, level: r.1.count > 1 ? $0.level : nil).0 },
                worst: g > 0 ? "差距为标准的" + formatted(g, unit: "ratio") : "—")
        }
    }

    /// “生均教学仪器设备值（元）：1,600元，标准不低于2,000元，差400元（为标准的20%）” and the gap relative to the
    /// standard. `level`: the school stage, named when the school has more than one.
    static func shortfall(_ c: Criterion, _ v: Double?, _ t: Double?, level: String?) -> (String, Double) {
        let stage = level.map { "（" + ($0 == "compulsory" ? "全校" : (levelNames[$0] ?? $0)) + "）" } ?? ""
        guard let v, let t else { return ("\(c.name)\(stage)：未达标", 0) }
        let d = abs(v - t)
        let rel = t != 0 ? d / abs(t) : 0
        switch c.measure {
        case "school_resource_rule":
            return ("资源配置指标\(stage)达标\(formatted(v, unit: "项"))" + (v >= t ? "，但未达标的一项低于标准的85%" : "，少于要求的\(formatted(t, unit: "项"))"), rel)
        case "kindergarten_class_size":
            // per kindergarten: the share of its classes within their limits, against the required share
            return ("班额符合规定的班级占\(formatted(v, unit: "ratio"))，要求不低于\(formatted(t, unit: "ratio"))，差\(WebFormat.number(d * 100, digits: 1))个百分点", rel)
        default:
            let word = c.op == "le" ? "超出" : "差"
            let amount = c.unit == "ratio" ? WebFormat.number(d * 100, digits: 1) + "个百分点" : formatted(d, unit: c.unit)
            return (
                "\(c.name)\(stage)：\(formatted(v, unit: c.unit, threshold: t))，标准\(c.opWords)\(formatted(t, unit: c.unit))，\(word)\(amount)（为标准的\(formatted(rel, unit: "ratio"))）",
                rel
            )
        }
    }
}
