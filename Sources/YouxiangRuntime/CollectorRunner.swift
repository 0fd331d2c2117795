import Logging
import Synchronization
import YouxiangConfig
import YouxiangCore

/// The outcome of a collector's runs, as the daemon records it.
public struct CollectorStatus: Sendable {
    public var name: String
    public var module: String
    /// Samples of the latest run (complete, or partial when some source failed).
    public var samples: [Sample] = []
    /// Samples of the last fully successful run, served in place of what a failing run lacks for `keep_last_good`
    /// runs (see `servedSamples`).
    public var lastGoodSamples: [Sample] = []
    public var success = false
    public var ran = false
    public var durationSeconds = 0.0
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
    public func servedSamples(keepLastGood: Int) -> (samples: [Sample], stale: Bool) {
        guard !success, consecutiveFailures <= keepLastGood, !lastGoodSamples.isEmpty else { return (samples, false) }
        var present = Set<SeriesKey>()
        for s in samples { present.insert(SeriesKey(s)) }
        let filled = lastGoodSamples.filter { !present.contains(SeriesKey($0)) }
        return (samples + filled, !filled.isEmpty)
    }
}

/// A sample's identity (family and labels).
struct SeriesKey: Hashable {
    let family: String
    let labels: Labels
    init(_ s: Sample) { family = s.family; labels = s.labels }
}

/// Whether a collector's previous run is still executing (a source that never answers keeps its thread).
/// A new run is refused while one is in flight, so a hung source costs one thread, not one per interval.
public final class RunGate: Sendable {
    private let busy = Mutex(false)
    public init() {}
    func enter() -> Bool { busy.withLock { b in if b { return false }; b = true; return true } }
    func leave() { busy.withLock { $0 = false } }
}

/// Runs one collector once, bounded by its timeout.
public enum CollectorRunner {
    /// Runs `entry`'s collector. On timeout the run is abandoned (its work keeps the gate until it ends) and reported
    /// as failed; the returned status never waits for the abandoned work.
    public static func run(_ entry: CollectorEntry, previous: CollectorStatus, gate: RunGate, logger: Logger) async -> CollectorStatus {
        var status = previous
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<CollectionResult, Error>
        if gate.enter() {
            let collector = entry.collector
            outcome = await race(limit: entry.timeout) {
                defer { gate.leave() }
                return try await collector.collect()
            }
        } else {
            outcome = .failure(StillRunning())
        }
        let elapsed = clock.now - start
        status.ran = true
        status.runs += 1
        status.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch outcome {
        case .success(let r):
            status.rowsRead = r.rowsRead
            status.rowsRejected = r.rejectedRows.count
            status.rowsIncomplete = r.rowsIncomplete
            status.lastErrors = r.errors
            status.success = r.errors.isEmpty
            // An incomplete family-year publishes nothing from this run (never a partial ratio, never a 0 for a
            // registry that could not be read); the last complete value may be filled in (`servedSamples`).
            let (kept, withheld) = r.problems.withholding(r.samples)
            status.samples = kept
            status.withheld = withheld
            status.problems = r.problems
            if r.errors.isEmpty, r.problems.isEmpty { status.lastGoodSamples = r.samples }
            for p in r.problems {
                logger.warning("data incomplete", metadata: [
                    "collector": .string(entry.name), "year": .string(p.year.map(String.init) ?? "all"),
                    "families": .string(p.families.map { $0.sorted().joined(separator: ",") } ?? "all"), "reason": .string(p.reason),
                ])
            }
            for line in r.rejectedRows.prefix(50) {
                logger.warning("row rejected", metadata: ["collector": .string(entry.name), "row": .string(line)])
            }
            if r.rejectedRows.count > 50 {
                logger.warning("more rows rejected", metadata: ["collector": .string(entry.name), "count": .stringConvertible(r.rejectedRows.count - 50)])
            }
        case .failure(let e):
            // Nothing came back (a timeout, a thrown error): the latest samples are the last good ones.
            status.success = false
            status.lastErrors = ["\(e)"]
            status.samples = []
            status.withheld = 0
            status.problems = [DataProblem(families: nil, year: nil, reasonZh: "采集器\(entry.name)本次运行失败：\(e)",
                                           reason: "collector \(entry.name) failed: \(e)")]
        }
        if status.success {
            status.lastSuccessTimestamp = WallClock.now()
            status.consecutiveFailures = 0
        } else {
            status.failures += 1
            status.consecutiveFailures += 1
            for e in status.lastErrors {
                logger.error("collector failed", metadata: ["collector": .string(entry.name), "error": .string(e)])
            }
        }
        return status
    }

    /// The result of `operation`, or a `TimeoutError` after `limit`, whichever comes first. The operation runs in an
    /// unstructured task, so an operation that ignores cancellation cannot hold the caller past the limit.
    static func race<T: Sendable>(limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async -> Result<T, Error> {
        let once = ResumeOnce<Result<T, Error>>()
        return await withCheckedContinuation { continuation in
            once.install(continuation)
            let work = Task {
                let r: Result<T, Error>
                do { r = .success(try await operation()) } catch { r = .failure(error) }
                once.resume(r)
            }
            Task {
                try? await Task.sleep(for: limit)
                if once.resume(.failure(TimeoutError(limit: limit))) { work.cancel() }
            }
        }
    }
}

/// Resumes a continuation exactly once, whoever comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<(CheckedContinuation<T, Never>?, T?)>((nil, nil))

    func install(_ c: CheckedContinuation<T, Never>) {
        let early: T? = state.withLock { s in
            if let v = s.1 { return v }
            s.0 = c
            return nil
        }
        if let early { c.resume(returning: early) }
    }

    /// Returns true when this call resumed (or will resume) the continuation.
    @discardableResult
    func resume(_ value: T) -> Bool {
        let c: CheckedContinuation<T, Never>?? = state.withLock { s in
            if s.1 != nil { return .none }
            s.1 = value
            let c = s.0
            s.0 = nil
            return .some(c)
        }
        switch c {
        case .none: return false
        case .some(let cont): cont?.resume(returning: value); return true
        }
    }
}

/// A collection that ran past its `timeout`.
public struct TimeoutError: Error, CustomStringConvertible {
    public var limit: Duration
    public var description: String { "collection timed out after \(DurationParser.format(limit))" }
}

/// A run refused because the previous one has not finished (its source is not answering).
public struct StillRunning: Error, CustomStringConvertible {
    public var description: String { "the previous run is still in progress (its source is not answering); not started again" }
}

/// Unix time in seconds.
public enum WallClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
