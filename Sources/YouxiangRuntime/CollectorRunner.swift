import Logging
import YouxiangConfig
import YouxiangCore

/// The outcome of one collection run of one collector, as the daemon records it.
public struct CollectorStatus: Sendable {
    public var name: String
    public var module: String
    /// Samples of the last run that produced any (kept when a later run fails).
    public var samples: [Sample] = []
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
    /// The last run's file-level errors (or the timeout / thrown error).
    public var lastErrors: [String] = []
}

/// Runs one collector once, bounded by its timeout.
public enum CollectorRunner {
    /// Runs `entry`'s collector; on timeout the run is abandoned and reported as failed.
    public static func run(_ entry: CollectorEntry, previous: CollectorStatus, logger: Logger) async -> CollectorStatus {
        var status = previous
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<CollectionResult, Error> = await withTaskGroup(of: Result<CollectionResult, Error>?.self) { group in
            group.addTask {
                do { return .success(try await entry.collector.collect()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: entry.timeout)
                return Task.isCancelled ? nil : .failure(TimeoutError(limit: entry.timeout))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(TimeoutError(limit: entry.timeout))
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
            if !r.samples.isEmpty || r.errors.isEmpty { status.samples = r.samples }
            for line in r.rejectedRows.prefix(50) {
                logger.warning("row rejected", metadata: ["collector": .string(entry.name), "row": .string(line)])
            }
            if r.rejectedRows.count > 50 {
                logger.warning("more rows rejected", metadata: ["collector": .string(entry.name), "count": .stringConvertible(r.rejectedRows.count - 50)])
            }
        case .failure(let e):
            status.success = false
            status.lastErrors = ["\(e)"]
        }
        if status.success {
            status.lastSuccessTimestamp = WallClock.now()
        } else {
            status.failures += 1
            for e in status.lastErrors {
                logger.error("collector failed", metadata: ["collector": .string(entry.name), "error": .string(e)])
            }
        }
        return status
    }
}

/// A collection that ran past its `timeout`.
public struct TimeoutError: Error, CustomStringConvertible {
    public var limit: Duration
    public var description: String { "collection timed out after \(DurationParser.format(limit))" }
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
