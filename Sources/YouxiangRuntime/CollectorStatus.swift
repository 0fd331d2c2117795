import YouxiangCore

/// The outcome of a collector's runs, as the daemon records it.
public struct CollectorStatus: Sendable {
    public var name: String
    public var module: String
    /// Samples of the latest run (complete, or partial when some source failed), stored by column (`SampleTable`:
    /// label names once per family, values interned; no object per series).
    public var samples = SampleTable()
    /// Samples of the last fully successful run, served in place of what a failing run lacks for `keep_last_good`
    /// runs (see `servedSamples`). After a successful run this is the same storage as `samples`, not a copy.
    public var lastGoodSamples = SampleTable()
    public var success = false
    public var ran = false
    /// How long the last run took, in seconds. A `Double`, not a `Duration`: it is served as is as the gauge
    /// `youxiang_collector_duration_seconds`.
    public var durationSeconds = 0.0
    /// Unix seconds of the last successful run's end, nil before one. A `Double`, not a `UnixTime`: it is served as is
    /// as the gauge `youxiang_collector_last_success_timestamp_seconds` (the office's pages read it as a `UnixTime`).
    public var lastSuccessTimestamp: Double?
    public var rowsRead = 0
    public var rowsRejected = 0
    /// Rows left out because a needed value was marked missing (not errors).
    public var rowsIncomplete = 0
    public var runs = 0
    public var failures = 0
    /// Failed runs since the last success.
    public var consecutiveFailures = 0
    /// The last run's file-level errors (or the timeout / thrown error).
    public var lastErrors: [String] = []
    /// What made the last run's output incomplete, per source (a failed run: one problem covering every family and
    /// year). The samples these affect were withheld from `samples`; see `DataProblem`.
    public var problems: [DataProblem] = []
    /// Samples the last run computed but withheld because their family-year was incomplete.
    public var withheld = 0

    public init(name: String, module: String) {
        self.name = name
        self.module = module
    }
}

extension CollectorStatus {
    /// What the snapshot serves for this collector. A successful run: its samples. A failing one (some or all sources
    /// failed): for up to `keepLastGood` failed runs in a row, what it did produce plus the last good run's series it
    /// lacks (so one unreadable file does not take the collector's other series away, nor page "data missing");
    /// after that, only what it produces. `stale` tells whether last good series are being filled in.
    public func servedSamples(keepLastGood: Int) -> (samples: SampleTable, stale: Bool) {
        guard !success, consecutiveFailures <= keepLastGood, !lastGoodSamples.isEmpty else { return (samples, false) }
        // A failing run's path: the samples are built as `Sample`s for the merge, and stored by column again.
        let current = samples.samples
        var present = Set<SeriesKey>()
        for s in current { present.insert(SeriesKey(s)) }
        let filled = lastGoodSamples.samples.filter { !present.contains(SeriesKey($0)) }
        return (filled.isEmpty ? samples : SampleTable(current + filled), !filled.isEmpty)
    }
}

/// A sample's identity (family and labels).
struct SeriesKey: Hashable {
    let family: String
    let labels: Labels
    init(_ s: Sample) { family = s.family; labels = s.labels }
}
