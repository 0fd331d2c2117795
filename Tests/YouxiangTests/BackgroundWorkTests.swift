import Dispatch
import Foundation
import Logging
import Synchronization
import Testing
import YouxiangConfig
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// The daemon's own work runs on threads of its own, off the cooperative pool the HTTP handlers use: collector runs on
/// `BackgroundExecutor`, their blocking reads on `BackgroundThreads`, both at a lowered OS priority when asked (the
/// daemon asks; this test process does not lower the shared threads, only instances of its own); a run's timeout still
/// cuts it off when every background thread is busy.
/// Serialized: `aRunTimesOutWhileEveryBackgroundThreadIsBusy` blocks every thread of the shared executor for a moment.
@Suite(.serialized) struct BackgroundWorkTests {
    /// What a probe collector saw while it ran: its thread's name.
    final class Seen: Sendable {
        let thread = Mutex<String?>(nil)
        func record() {
            let name = BackgroundWorkTests.threadName() ?? ""
            thread.withLock { $0 = name }
        }
    }

    /// A collector whose async `collect()` records its thread's nice value.
    struct AsyncProbe: Collector {
        let seen: Seen
        var families: [MetricFamily] { [] }
        var inputFiles: [String] { [] }
        func collect() async throws -> CollectionResult {
            seen.record()
            return CollectionResult()
        }
    }

    /// A file collector whose synchronous `read()` records its thread's nice value.
    struct FileProbe: FileCollector {
        let seen: Seen
        var families: [MetricFamily] { [] }
        var inputFiles: [String] { [] }
        func read() -> CollectionResult {
            seen.record()
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

    /// The calling thread's name as the kernel has it (`/proc/thread-self/comm`; Foundation's `Thread.current.name`
    /// was seen to report another thread's name).
    static func threadName() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
    }

    @Test func anExecutorsThreadsRunAtItsNiceValue() async {
        let executor = BackgroundExecutor(name: "t-background", threads: 2, nice: ThreadPriority.backgroundNice)
        let (nice, name) = await Task(executorPreference: executor) { (ThreadPriority.current, Self.threadName()) }.value
        #expect(nice != nil)
        #expect((nice ?? 0) >= ThreadPriority.backgroundNice)
        #expect(name?.hasPrefix("t-background-") == true, "\(name ?? "nil")")
        // The test's own thread is not lowered by it.
        #expect((ThreadPriority.current ?? 0) < ThreadPriority.backgroundNice)
        #expect(BackgroundExecutor.shared.threadCount >= 2)
        #expect(BackgroundExecutor.shared.nice == nil, "the shared executor follows ThreadPriority.backgroundTarget")
    }

    @Test func blockingThreadsRunAtTheirNiceValueAndGrowPastABlockedJob() async throws {
        // The first job blocks until the second has run: with a fixed single thread the second would never start.
        let pool = BackgroundThreads(name: "t-blocking", nice: ThreadPriority.backgroundNice)
        let gate = DispatchSemaphore(value: 0)
        let seen = Mutex<[Int32?]>([])
        let done = DispatchSemaphore(value: 0)
        let waited = Mutex<DispatchTimeoutResult?>(nil)
        pool.run {
            let n = ThreadPriority.current
            let r = gate.wait(timeout: .now() + 60)
            seen.withLock { $0.append(n) }
            waited.withLock { $0 = r }
            done.signal()
        }
        pool.run {
            let n = ThreadPriority.current
            seen.withLock { $0.append(n) }
            gate.signal()
            done.signal()
        }
        _ = try await BlockingIO.run {
            _ = done.wait(timeout: .now() + 60)
            _ = done.wait(timeout: .now() + 60)
        }
        #expect(waited.withLock { $0 } == .success, "the second job must run while the first one blocks")
        let nices = seen.withLock { $0 }
        #expect(nices.count == 2)
        #expect(nices.allSatisfy { ($0 ?? 0) >= ThreadPriority.backgroundNice }, "\(nices)")
    }

    /// The thread `collector` ran on when run by the collector runner (it records it in `seen`).
    static func threadOfRun(_ collector: any Collector, _ seen: Seen) async throws -> String? {
        let status = await CollectorRunner.run(
            try entry(collector), previous: CollectorStatus(name: "probe", module: "table"), gate: RunGate(), logger: Logger(label: "t"))
        #expect(status.success, "\(status.lastErrors)")
        return seen.thread.withLock { $0 }
    }

    @Test func collectorRunsAndFileReadsRunOnTheBackgroundThreads() async throws {
        let a = Seen(), f = Seen()
        let asyncThread = try await Self.threadOfRun(AsyncProbe(seen: a), a)
        // Known gap (Swift 6.3 on Linux): now and then a run's async part starts on the cooperative pool
        // (`/proc/thread-self/comm` says `…default-qos`) despite the task's executor preference — about one test run
        // in three when this suite runs beside others; not explained yet. The file collectors' work, on
        // `BackgroundThreads`, is not affected (checked below without exception).
        withKnownIssue("a task's executor preference is sometimes not honoured at its start", isIntermittent: true) {
            #expect(asyncThread?.hasPrefix("yx-background-") == true, "an async collect() ran on \(asyncThread ?? "nil")")
        }
        let fileThread = try await Self.threadOfRun(FileProbe(seen: f), f)
        #expect(fileThread?.hasPrefix("yx-blocking-") == true, "a FileCollector's read() ran on \(fileThread ?? "nil")")
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
        let ranBeforeRelease = seen.thread.withLock { $0 } != nil
        for _ in 0..<n { release.signal() }
        for b in blockers { await b.value }
        #expect(!status.success)
        #expect(status.lastErrors.first?.contains("timed out") == true, "\(status.lastErrors)")
        #expect(!ranBeforeRelease, "the probe must not have run before its timeout")
    }
}
