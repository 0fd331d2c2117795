import Foundation

/// Where the daemon's own work runs: collector runs, snapshot assembly and rendering, configuration loading, rule
/// evaluation. A `TaskExecutor` of a few dedicated threads at a lowered OS priority (`ThreadPriority.backgroundNice`),
/// so that Swift's cooperative pool — as wide as the cores, and where the HTTP server's request handlers run — stays
/// free for scrapes, and the kernel prefers a thread answering a scrape over one collecting whenever both want a core.
///
/// Work reaches it by task executor preference (`Task(executorPreference: BackgroundExecutor.shared)`,
/// `withTaskExecutorPreference`); child tasks inherit the preference, and an actor without an executor of its own runs
/// there when called from such a task. Jobs run in arrival order. Timeouts must not depend on it: a collector that
/// occupies every thread with synchronous work would also hold a timer scheduled here, so the collector runner's
/// timeout runs on the default executor.
public final class BackgroundExecutor: TaskExecutor, @unchecked Sendable {
    /// The daemon's instance: one thread per core (at least 2, so a run's job and a rebuild never wait for each other
    /// on a one-core machine), at `ThreadPriority.backgroundNice`.
    public static let shared = BackgroundExecutor(
        name: "yx-background", threads: max(2, ProcessInfo.processInfo.activeProcessorCount), nice: ThreadPriority.backgroundNice)

    /// How many threads run jobs.
    public let threadCount: Int
    /// The nice value the threads asked for.
    public let nice: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var lowered = 0

    /// Starts `threads` threads named `name-<i>`, each lowering its own priority to `nice` first.
    public init(name: String, threads: Int, nice: Int32) {
        threadCount = max(1, threads)
        self.nice = nice
        for i in 0..<threadCount {
            let t = Thread { [self] in self.work(name: "\(name)-\(i)") }
            t.start()
        }
    }

    /// How many of the threads run at the asked nice value (all of them, unless the OS refused).
    public var threadsLowered: Int {
        condition.lock()
        defer { condition.unlock() }
        return lowered
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work(name: String) {
        ThreadPriority.nameCurrentThread(name)
        let ok = ThreadPriority.lowerCurrentThread(to: nice)
        condition.lock()
        if ok { lowered += 1 }
        condition.unlock()
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 1024, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
