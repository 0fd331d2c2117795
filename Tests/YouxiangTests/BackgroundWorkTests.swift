import Dispatch
import Foundation
import Logging
import Synchronization
import Testing
import YouxiangConfig
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// The daemon's own work runs on threads of lowered OS priority, off the cooperative pool the HTTP handlers use:
/// collector runs on `BackgroundExecutor`, their blocking reads on `BackgroundThreads`; a run's timeout still cuts it
/// off when every background thread is busy.
@Suite struct BackgroundWorkTests {
    /// What a probe collector saw while it ran: the nice value of its thread.
    final class Seen: Sendable {
        let nice = Mutex<Int32?>(nil)
    }

    /// A collector whose async `collect()` records its thread's nice value.
    struct AsyncProbe: Collector {
        let seen: Seen
        var families: [MetricFamily] { [] }
        var inputFiles: [String] { [] }
        func collect() async throws -> CollectionResult {
            let n = ThreadPriority.current
            seen.nice.withLock { $0 = n }
            return CollectionResult()
        }
    }

    /// A file collector whose synchronous `read()` records its thread's nice value.
    struct FileProbe: FileCollector {
        let seen: Seen
        var families: [MetricFamily] { [] }
        var inputFiles: [String] { [] }
        func read() -> CollectionResult {
            let n = ThreadPriority.current
            seen.nice.withLock { $0 = n }
            return CollectionResult()
        }
    }

    /// A collector entry from a real configuration, with its collector replaced by `collector`.
    static func entry(_ collector: any Collector, timeout: Duration = .seconds(30)) throws -> CollectorEntry {
        let dir = NSTemporaryDirectory() + "youxiang-background-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("年份\n2022\n", name: "rows.csv", in: dir)
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: probe
                module: table
                source: {columns: {year: 年份}, files: [{path: rows.csv}]}
                metrics: [{name: eduplan_probe_rows, help: rows, aggregate: count}]

            """, name: "config.yml", in: dir)
        var e = try Pipeline.load(path: path, modules: allModules).get().config.collectors[0]
        e.collector = collector
        e.timeout = timeout
        return e
    }

    @Test func backgroundExecutorThreadsRunAtLoweredPriority() async {
        let nice = await Task(executorPreference: BackgroundExecutor.shared) { ThreadPriority.current }.value
        #expect(nice != nil)
        #expect((nice ?? 0) >= ThreadPriority.backgroundNice)
        #expect(BackgroundExecutor.shared.nice == ThreadPriority.backgroundNice)
        #expect(BackgroundExecutor.shared.threadCount >= 2)
    }

    @Test func blockingThreadsRunAtLoweredPriorityAndGrowPastABlockedJob() async throws {
        // The first job blocks until the second has run: with a fixed single thread the second would never start.
        let gate = DispatchSemaphore(value: 0)
        let first = Task {
            try await BlockingIO.background { () -> (Int32?, DispatchTimeoutResult) in
                (ThreadPriority.current, gate.wait(timeout: .now() + 60))
            }
        }
        let second = try await BlockingIO.background { () -> Int32? in
            gate.signal()
            return ThreadPriority.current
        }
        let (firstNice, waited) = try await first.value
        #expect(waited == .success, "the second job must run while the first one blocks")
        #expect((firstNice ?? 0) >= ThreadPriority.backgroundNice)
        #expect((second ?? 0) >= ThreadPriority.backgroundNice)
    }

    @Test func collectorRunsAndFileReadsRunAtLoweredPriority() async throws {
        for makeProbe in [{ AsyncProbe(seen: $0) as any Collector }, { FileProbe(seen: $0) as any Collector }] {
            let seen = Seen()
            let entry = try Self.entry(makeProbe(seen))
            let status = await CollectorRunner.run(
                entry, previous: CollectorStatus(name: "probe", module: "table"), gate: RunGate(), logger: Logger(label: "t"))
            #expect(status.success, "\(status.lastErrors)")
            let nice = seen.nice.withLock { $0 }
            #expect(nice != nil)
            #expect((nice ?? 0) >= ThreadPriority.backgroundNice, "\(type(of: entry.collector)) ran at nice \(nice.map(String.init) ?? "?")")
        }
    }

    @Test func aRunTimesOutWhileEveryBackgroundThreadIsBusy() async throws {
        // Every background thread blocked: the run's own work cannot even start, yet its timeout (on the default
        // executor) still ends it as a failed run.
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let n = BackgroundExecutor.shared.threadCount
        var blockers: [Task<Void, Never>] = []
        for _ in 0..<n {
            blockers.append(
                Task(executorPreference: BackgroundExecutor.shared) {
                    started.signal()
                    release.wait()
                })
        }
        for _ in 0..<n { _ = try await BlockingIO.background { started.wait(timeout: .now() + 60) } }
        let seen = Seen()
        let status = await CollectorRunner.run(
            try Self.entry(AsyncProbe(seen: seen), timeout: .milliseconds(200)), previous: CollectorStatus(name: "probe", module: "table"),
            gate: RunGate(), logger: Logger(label: "t"))
        let ranBeforeRelease = seen.nice.withLock { $0 } != nil
        for _ in 0..<n { release.signal() }
        for b in blockers { await b.value }
        #expect(!status.success)
        #expect(status.lastErrors.first?.contains("timed out") == true, "\(status.lastErrors)")
        #expect(!ranBeforeRelease, "the probe must not have run before its timeout")
    }
}
