/// The type of a metric family, as written in `# TYPE` lines.
public enum MetricType: String, Sendable, Hashable {
    /// A value that can go up and down (every plan indicator is a gauge).
    case gauge
    /// A monotonically increasing count; its samples carry the `_total` suffix.
    case counter
    /// A metadata pseudo-metric with value 1 (`*_info`); written as `gauge` in text format 0.0.4, `info` in OpenMetrics.
    case info
}

/// The metadata of one metric family: name, type, HELP text and (for OpenMetrics `# UNIT`) its unit.
///
/// `name` is the family name: for a counter it excludes `_total`, for an info family it excludes `_info`; the sample
/// names are derived (`sampleName`). HELP for plan indicators carries the plan's Chinese indicator name.
public struct MetricFamily: Hashable, Sendable {
    public var name: String
    public var type: MetricType
    public var help: String
    /// The base unit the name ends in (`ratio`, `seconds`, `bytes`, `years`), or "" for none. Written as `# UNIT` in
    /// OpenMetrics only when `name` ends in `_<unit>`.
    public var unit: String

    public init(name: String, type: MetricType = .gauge, help: String, unit: String = "") {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
    }

    /// The name the family's samples carry: `name_total` for counters, `name_info` for info, else `name`.
    public var sampleName: String {
        switch type {
        case .gauge: return name
        case .counter: return name + "_total"
        case .info: return name + "_info"
        }
    }
}
