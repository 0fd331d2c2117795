import YouxiangCore
import YouxiangPlan

/// The extra tables of an indicator page: for a ratio, its numerator and denominator where those series exist
/// (`eduplan_<x>_numerator` / `_denominator`, same labels); for a 差异系数, each resource against 0.25 and the national
/// limit, and the schools contributing most to the enrolment-weighted variance.
struct DetailView {
    var components: [ComponentRow]
    var hasComponents: Bool
    var numeratorFamily: String
    var denominatorFamily: String
    /// The office's headers for the two columns, with units (“公办幼儿园在园幼儿数（人）”).
    var numeratorLabel = "分子"
    var denominatorLabel = "分母"
    var resources: [ResourceRow]
    var hasResources: Bool
    var resourceYear: Int
    var levelName: String
    var nationalLimit: String
    var schools: [SchoolRow]
    var hasSchools: Bool
    var hasAny: Bool

    init(_ m: OfficeModel, _ a: IndicatorAnalysis) {
        let ind = a.indicator
        let snap = m.input.snapshot
        numeratorFamily = ""; denominatorFamily = ""
        components = []
        if ind.metric.hasSuffix("_ratio") {
            let base = String(ind.metric.dropLast("_ratio".count))
            numeratorFamily = base + "_numerator"; denominatorFamily = base + "_denominator"
            (numeratorLabel, denominatorLabel) = ComponentLabels.labels(ind.metric)
            for s in a.years {
                let sel = ind.match.setting("year", String(s.year))
                guard let n = snap.series(numeratorFamily, matching: sel).first?.value,
                    let d = snap.series(denominatorFamily, matching: sel).first?.value
                else { continue }
                components.append(
                    ComponentRow(
                        year: s.year, numerator: WebFormat.number(n), denominator: WebFormat.number(d),
                        ratio: s.value.map { WebFormat.value($0, ind) } ?? "—"))
            }
        }
        hasComponents = !components.isEmpty
        resources = []; schools = []
        resourceYear = m.year
        let level = ind.match["level"] ?? ""
        levelName = VariationResources.levelName[level] ?? level
        let national = VariationResources.nationalLimit(level: level)
        nationalLimit =
            national.map { WebFormat.coefficient($0) } ?? "—"
        if ind.metric == "eduplan_interschool_variation_coefficient" {
            let year =
                snap.series(ind.metric, matching: ["level": level]).compactMap { $0.labels["year"].flatMap(Int.init) }.filter { $0 <= m.year }.max() ?? m.year
            resourceYear = year
            for r in VariationResources.names {
                guard let v = snap.series(ind.metric, matching: ["level": level, "resource": r.id, "year": String(year)]).first?.value else { continue }
                let okPlan = v <= VariationResources.planLimit
                let okNational = national.map { v <= $0 }
                resources.append(
                    ResourceRow(
                        name: ResourceNames.name(snap, r.id),
                        value: WebFormat.coefficient(v, distinctFrom: [VariationResources.planLimit] + (national.map { [$0] } ?? [])),
                        planStatus: okPlan ? "达标" : "未达标", planClass: okPlan ? "st-met" : "st-missed",
                        nationalStatus: okNational.map { $0 ? "达标" : "未达标" } ?? "—",
                        nationalClass: okNational.map { $0 ? "st-met" : "st-missed" } ?? "st-nodata"))
            }
            schools = Self.schoolContributions(snap, level: level, year: year)
        }
        hasResources = !resources.isEmpty
        hasSchools = !schools.isEmpty
        hasAny = hasComponents || hasResources || hasSchools
    }

    /// Each school's share of the enrolment-weighted variance, (P_i/P)(X_i − X̄)² / Σ, averaged over the resources it
    /// reports; the five largest. X_i = resource_i / P_i from `eduplan_school_resource` and `eduplan_school_students`.
    static func schoolContributions(_ snap: SeriesSnapshot, level: String, year: Int) -> [SchoolRow] {
        let sel: Labels = ["level": level, "year": String(year)]
        var pupils: [String: Double] = [:], names: [String: String] = [:]
        for s in snap.series("eduplan_school_info", matching: sel) {
            if let id = s.labels["school_id"], let n = s.labels["name"] { names[id] = n }
        }
        for s in snap.series("eduplan_school_students", matching: sel) { if let id = s.labels["school_id"] { pupils[id] = s.value } }
        var shares: [String: [(resource: String, share: Double)]] = [:]
        for r in VariationResources.names {
            var totals: [String: Double] = [:]
            for s in snap.series("eduplan_school_resource", matching: sel.setting("resource", r.id)) {
                if let id = s.labels["school_id"], let p = pupils[id], p > 0 { totals[id] = s.value }
            }
            let p = totals.keys.reduce(0) { $0 + pupils[$1]! }
            guard p > 0 else { continue }
            let mean = totals.reduce(0) { $0 + $1.value } / p
            guard mean > 0 else { continue }
            var terms: [String: Double] = [:]
            for (id, t) in totals {
                let d = t / pupils[id]! - mean
                terms[id] = pupils[id]! / p * d * d
            }
            let sum = terms.values.reduce(0, +)
            guard sum > 0 else { continue }
            for (id, t) in terms { shares[id, default: []].append((r.id, t / sum)) }
        }
        let ranked = shares.map { id, list in (id: id, mean: list.reduce(0) { $0 + $1.share } / Double(list.count), list: list) }
            .sorted { $0.mean != $1.mean ? $0.mean > $1.mean : $0.id < $1.id }
        return ranked.prefix(5).map { r in
            let worst = r.list.max { $0.share < $1.share }
            let name = worst.map { ResourceNames.name(snap, $0.resource) } ?? "—"
            return SchoolRow(
                school: names[r.id].map { "\($0)（\(r.id)）" } ?? r.id, pupils: WebFormat.number(pupils[r.id] ?? 0, digits: 0) + "人",
                share: WebFormat.number(r.mean * 100, digits: 1) + "%",
                worst: name + (worst.map { "（占该项方差" + WebFormat.number($0.share * 100, digits: 1) + "%）" } ?? ""))
        }
    }
}

/// One year of a ratio's components: numerator, denominator and the ratio they make.
struct ComponentRow { var year: Int; var numerator: String; var denominator: String; var ratio: String }
/// One resource of a 差异系数 against the plan's limit and the national one.
struct ResourceRow { var name: String; var value: String; var planStatus: String; var planClass: String; var nationalStatus: String; var nationalClass: String }
/// One school among those contributing most to a 差异系数's enrolment-weighted variance.
struct SchoolRow { var school: String; var pupils: String; var share: String; var worst: String }
