import Foundation

/// Threads for blocking background work (a collector's file reads and parsing, loading a configuration), at a lowered
/// OS priority (`ThreadPriority.lowerBackgroundThreads`: nice 10 in the daemon).
///
/// The pool grows as needed: a job that finds no idle thread gets a new one, so a source that blocks for ever (a hung
/// network mount) holds one thread and never delays the others, as with Dispatch's workers. A thread idle for
/// `idleSeconds` ends. The threads are the pool's own (Dispatch's workers are shared with work that must not be
/// slowed, and a lowered thread cannot be raised again without privilege).
public final class BackgroundThreads: @unchecked Sendable {
    /// The daemon's pool.
    public static let shared = BackgroundThreads(name: "yx-blocking")

    /// How long an idle thread waits for work before it ends, in seconds.
    public let idleSeconds: Double = 10
    private let name: String
    private let nice: Int32?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [@Sendable () -> Void] = []
    private var idle = 0
    private var started = 0

    /// A pool whose threads are named `name-<n>` and run at `nice` (nil: following `ThreadPriority.backgroundTarget`,
    /// checked before each job).
    public init(name: String, nice: Int32? = nil) {
        self.name = name
        self.nice = nice
    }

    /// Runs `job` on one of the pool's threads (an idle one, else a new one).
    public func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        pending.append(job)
        let spawn = idle < pending.count
        if spawn { started += 1 }
        let n = started
        condition.signal()
        condition.unlock()
        if spawn {
            let t = Thread { [self] in self.work(name: "\(name)-\(n)") }
            t.start()
        }
    }

    private func work(name: String) {
        ThreadPriority.nameCurrentThread(name)
        var current: Int32 = 0
        condition.lock()
        while true {
            if !pending.isEmpty {
                let job = pending.removeFirst()
                condition.unlock()
                let wanted = nice ?? ThreadPriority.backgroundTarget
                if wanted > current {
                    ThreadPriority.lowerCurrentThread(to: wanted)
                    current = wanted
                }
                job()
                condition.lock()
                continue
            }
            idle += 1
            let woken = condition.wait(until: Date(timeIntervalSinceNow: idleSeconds))
            idle -= 1
            if !woken, pending.isEmpty { break }
        }
        condition.unlock()
    }
}
