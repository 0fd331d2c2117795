import Logging
import YouxiangConfig
import YouxiangCore
import YouxiangIngest

/// Runs one collector once, bounded by its timeout.
public enum CollectorRunner {
    /// Runs `entry`'s collector. On timeout the run is abandoned (its work keeps the gate until it ends) and reported
    /// as failed; the returned status never waits for the abandoned work. The run's duration and timeout are real
    /// time; `clock` gives the time of its success timestamp.
    public static func run(
        _ entry: CollectorEntry, previous: CollectorStatus, gate: RunGate, logger: Logger,
        clock daemonClock: any DaemonClock = SystemClock()
    ) async -> CollectorStatus {
        var status = previous
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<CollectionResult, Error>
        if gate.enter() {
            let collector = entry.collector
            let context = IOContext(maxFileBytes: entry.readLimits.maxFileBytes, allowNonRegularFiles: entry.readLimits.allowNonRegularFiles)
            outcome = await race(limit: entry.timeout, onTimeout: { context.cancel() }) {
                defer { gate.leave() }
                return try await IOContext.$current.withValue(context) { try await collector.collect() }
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
            // Stored by column; the run's `Sample`s (one label array each) are freed with `r`.
            status.samples = SampleTable(kept)
            status.withheld = withheld
            status.problems = r.problems
            if r.errors.isEmpty, r.problems.isEmpty { status.lastGoodSamples = status.samples }
            for p in r.problems {
                logger.warning(
                    "data incomplete",
                    metadata: [
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
            status.samples = SampleTable()
            status.withheld = 0
            status.problems = [
                DataProblem(
                    families: nil, year: nil, reasonZh: "采集器“\(entry.name)”本次运行失败（原因由运维人员在运维状态页查看）",
                    reason: "collector \(entry.name) failed: \(e)", unread: true)
            ]
        }
        if status.success {
            status.lastSuccessTimestamp = daemonClock.now.seconds
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
    /// unstructured task on the `BackgroundExecutor` (lowered priority), so an operation that ignores cancellation
    /// cannot hold the caller past the limit. The timer runs on the default executor, so it fires even while the
    /// operation's synchronous work occupies every background thread.
    /// `onTimeout` runs when the limit passes first (the runner cancels the run's `IOContext` there, so a reader on a
    /// worker thread stops at its next chunk).
    static func race<T: Sendable>(
        limit: Duration, onTimeout: @escaping @Sendable () -> Void = {},
        _ operation: @escaping @Sendable () async throws -> T
    ) async -> Result<T, Error> {
        let once = ResumeOnce<Result<T, Error>>()
        return await withCheckedContinuation { continuation in
            once.install(continuation)
            let work = Task(executorPreference: BackgroundExecutor.shared) {
                let r: Result<T, Error>
                do { r = .success(try await operation()) } catch { r = .failure(error) }
                once.resume(r)
            }
            Task {
                try? await Task.sleep(for: limit)
                if once.resume(.failure(TimeoutError(limit: limit))) {
                    onTimeout()
                    work.cancel()
                }
            }
        }
    }
}
