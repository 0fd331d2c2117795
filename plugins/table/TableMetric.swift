import YouxiangConfig
import YouxiangCore
import YouxiangSources

/// How a `table` metric aggregates rows of one year (and one label combination).
enum Aggregate: String, Sendable {
    /// Number of rows.
    case count
    /// Σ `value` field.
    case sum
    /// Σ `numerator` / Σ `denominator`.
    case ratio
    /// The row's `value` field itself (a number, or 是/否 as 1/0); one row per year and label set.
    case value
    /// The share of rows whose `value` field is 是 (or a number above 0): Σ flag / rows, 0–1.
    case share
}

/// A label taken from a field, with an optional value map (e.g. 初中 → junior).
struct FieldLabel: Sendable {
    var name: String
    var field: String
    var map: [String: String]
}

/// One metric of a `table` collector.
struct TableMetric: Sendable {
    var family: MetricFamily
    var aggregate: Aggregate
    var value: String?
    var numerator: String?
    var denominator: String?
    var labels: [FieldLabel]
    var constantLabels: Labels
    var filter: [String: Set<String>]
    var cumulative: Bool
    /// `aggregate: ratio` only: also serve Σ numerator and Σ denominator as `<stem>_numerator` / `<stem>_denominator`
    /// (stem = the name without `_ratio`), for city rollups (docs/city-rollup.md).
    var components: Bool = false

    /// The metric's family and, with `components`, its numerator and denominator families.
    var families: [MetricFamily] {
        guard components, let numerator, let denominator else { return [family] }
        return [
            family, RatioComponents.numerator(of: family, counts: "sum of the source field \(numerator)"),
            RatioComponents.denominator(of: family, counts: "sum of the source field \(denominator)"),
        ]
    }

    /// `zero_fill`: every value of each label's `map` gets a sample in every reported year, 0 when no row has it (a
    /// registry read completely that lists no project of a kind has measured 0). Count and sum only.
    var zeroFill = false

    /// Prefixes of the daemon's own families, which a configured metric must not take.
    static let reservedPrefixes = ["youxiang_", "process_"]
    /// Labels a metric may not set itself: `year` comes from the data; the others are Prometheus's.
    static let reservedLabels: Set<String> = ["year", "le", "quantile", "job", "instance"]

    static let keys = [
        "name", "help", "unit", "aggregate", "value", "numerator", "denominator", "labels", "const_labels", "where", "cumulative",
        "zero_fill", "components",
    ]

    /// Decodes one `metrics:` entry; `mapped` is the source's mapped fields, nil when the source failed to decode (its
    /// fields are then not checked, so one source error gives one diagnostic). Records diagnostics; nil on error.
    static func decode(_ node: ConfigNode, mapped: Set<String>?) -> TableMetric? {
        guard let m = node.mapping(allowed: keys) else { return nil }
        let before = node.document.diagnostics.count
        let name = m.required("name")?.nonEmptyString()
        if let name, !MetricNames.isValidMetricName(name) { m.optional("name")?.error("invalid metric name \"\(name)\"") }
        if let name, let p = reservedPrefixes.first(where: { name.hasPrefix($0) }) {
            m.optional("name")?.error("names starting with \(p) are reserved for the daemon's own metrics")
        }
        let helpNode = m.required("help")
        var help = helpNode?.nonEmptyString()
        if let h = help, h.utf8.count > YAMLLimits.maxHelpBytes {
            helpNode?.error("the HELP text has \(h.utf8.count) bytes; the limit is \(YAMLLimits.maxHelpBytes)")
            help = nil
        }
        let aggNode = m.required("aggregate")
        let aggregate = aggNode?.string().flatMap { a -> Aggregate? in
            if let x = Aggregate(rawValue: a) { return x }
            let hint = Suggest.closest(to: a, in: ["count", "sum", "ratio", "value", "share"]).map { "did you mean \"\($0)\"? " } ?? ""
            aggNode?.error("unknown aggregate \"\(a)\" (\(hint)expected count, sum, ratio, value or share)")
            return nil
        }
        func field(_ key: String, needed: Bool) -> String? {
            guard needed else {
                if let aggregate, let n = m.optional(key) { n.error("\"\(key)\" does not apply to aggregate \(aggregate.rawValue)") }
                return nil
            }
            guard let n = m.required(key), let f = n.string() else { return nil }
            if let mapped, !mapped.contains(f) { n.error("field \"\(f)\" is not mapped under source.columns") }
            return f
        }
        let value = field("value", needed: aggregate == .sum || aggregate == .value || aggregate == .share)
        let num = field("numerator", needed: aggregate == .ratio)
        let den = field("denominator", needed: aggregate == .ratio)
        var labels: [FieldLabel] = []
        for (label, n) in m.optional("labels")?.freeMapping()?.entries ?? [] {
            if !MetricNames.isValidLabelName(label) || reservedLabels.contains(label) { n.error("label \"\(label)\" is reserved or invalid here") }
            if case .scalar = n.node, let f = n.string() {
                if let mapped, !mapped.contains(f) { n.error("field \"\(f)\" is not mapped under source.columns") }
                labels.append(FieldLabel(name: label, field: f, map: [:]))
            } else if let lm = n.mapping(allowed: ["field", "map"]), let f = lm.required("field")?.string() {
                if let mapped, !mapped.contains(f) { lm.optional("field")?.error("field \"\(f)\" is not mapped under source.columns") }
                labels.append(
                    FieldLabel(name: label, field: f, map: Dictionary(lm.optional("map")?.freeMapping()?.stringValues() ?? [], uniquingKeysWith: { a, _ in a }))
                )
            }
        }
        var constant = Labels()
        if let cm = m.optional("const_labels")?.freeMapping() {
            for (label, n) in cm.entries where !MetricNames.isValidLabelName(label) || reservedLabels.contains(label) {
                n.error("label \"\(label)\" is reserved or invalid here")
            }
            constant = Labels(cm.stringValues())
        }
        var filter: [String: Set<String>] = [:]
        for (f, n) in m.optional("where")?.freeMapping()?.entries ?? [] {
            if let mapped, !mapped.contains(f) { n.error("field \"\(f)\" is not mapped under source.columns") }
            if case .scalar = n.node { n.string().map { filter[f] = [$0] } } else if let list = n.stringList() { filter[f] = Set(list) }
        }
        let cumulative = m.optional("cumulative")?.bool() ?? false
        if cumulative, aggregate != .count, aggregate != .sum { m.optional("cumulative")?.error("cumulative applies to count and sum") }
        let zeroFill = m.optional("zero_fill")?.bool() ?? false
        if zeroFill {
            if aggregate != .count, aggregate != .sum { m.optional("zero_fill")?.error("zero_fill applies to count and sum") }
            if labels.isEmpty || labels.contains(where: { $0.map.isEmpty }) {
                m.optional("zero_fill")?.error("zero_fill needs every label to list its values in a `map`")
            }
        }
        let components = m.optional("components")?.bool() ?? false
        if components, aggregate != .ratio { m.optional("components")?.error("components applies to aggregate ratio") }
        guard node.document.diagnostics.count == before, let name, let help, let aggregate else { return nil }
        let unit = m.optional("unit")?.string() ?? (name.hasSuffix("_ratio") ? "ratio" : "")
        var metric = TableMetric(
            family: MetricFamily(name: name, help: help, unit: unit), aggregate: aggregate, value: value,
            numerator: num, denominator: den, labels: labels, constantLabels: constant, filter: filter,
            cumulative: cumulative)
        metric.zeroFill = zeroFill
        metric.components = components
        return metric
    }
}
