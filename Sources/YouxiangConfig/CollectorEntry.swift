import YouxiangCore

/// One configured collector.
public struct CollectorEntry: Sendable {
    public var name: String
    public var module: String
    public var interval: Duration
    public var timeout: Duration
    /// Constant labels added to the collector's series.
    public var labels: Labels
    public var collector: any Collector
    /// How many failed runs in a row still serve the last good series (marked by `youxiang_collector_stale`); after
    /// that the collector's series are dropped until it succeeds again.
    public var keepLastGood: Int
    /// The entry's identity for reloads: its YAML, its effective interval and timeout, and the folder paths resolve
    /// against. Equal fingerprints mean the collector is unchanged and keeps its state.
    public var fingerprint: String
    /// Position of the entry in the YAML (for messages).
    public var line: Int
    public var column: Int
    /// How its source files may be read (`global.max_file_bytes`, `global.allow_non_regular_files`).
    public var readLimits = ReadLimits()
}
