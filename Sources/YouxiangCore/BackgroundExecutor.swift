import Foundation

/// Where the daemon's own work runs: collector runs, snapshot assembly and rendering, configuration loading, rule
/// evaluation. A `TaskExecutor` of a few dedicated threads at a lowered OS priority (nice 10 in the daemon: `ThreadPriority`),
/// so that Swift's cooperative pool — as wide as the cores, and where the HTTP server's request handlers run — stays
/// free for scrapes, and the kernel prefers a thread answering a scrape over one collecting whenever both want a core.
///
/// Work reaches it by task executor preference (`Task(executorPreference: BackgroundExecutor.shared)`,
/// `withTaskExecutorPreference`); child tasks inherit the preference, and an actor without an executor of its own runs
/// there when called from such a task. Jobs run in arrival order. Timeouts must not depend on it: a collector that
/// occupies every thread with synchronous work would also hold a timer scheduled here, so the collector runner's
/// timeout runs on the default executor.
public final class BackgroundExecutor: TaskExecutor, @unchecked Sendable {
    /// The daemon's instance: two threads per core, at least 4 (a job that blocks — a SQLite commit of the outbox, a
    /// collector computing for a while — leaves others to run the rebuilds, schedules and timeouts' follow-ups), at the
    /// priority `ThreadPriority.lowerBackgroundThreads` asks for (nice 10 in the daemon, so more threads than cores
    /// never take a core from a scrape).
    public static let shared = BackgroundExecutor(name: "yx-background", threads: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    /// How many threads run jobs.
    public let threadCount: Int
    /// The nice value the threads run at; nil: `ThreadPriority.backgroundTarget`, checked before each job.
    public let nice: Int32?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var head = 0

    /// Starts `threads` threads named `name-<i>`, each at `nice` (nil: following `ThreadPriority.backgroundTarget`).
    /// The threads live as long as the process (the daemon makes one executor, `shared`).
    public init(name: String, threads: Int, nice: Int32? = nil) {
        threadCount = max(1, threads)
        self.nice = nice
        for i in 0..<threadCount {
            let t = Thread { [self] in self.work(name: "\(name)-\(i)") }
            t.start()
        }
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
        var current: Int32 = 0
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
            let wanted = nice ?? ThreadPriority.backgroundTarget
            if wanted > current {
                ThreadPriority.lowerCurrentThread(to: wanted)
                current = wanted
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
