import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The OS scheduling priority (nice value) of the calling thread.
///
/// On Linux the nice value is per thread: `setpriority(PRIO_PROCESS, 0, n)` changes only the calling thread. The
/// daemon lowers the threads that collect, assemble snapshots and load configurations (`BackgroundExecutor`,
/// `BlockingIO.background`; `lowerBackgroundThreads`), so that when they compete for the cores with the threads that answer scrapes, the kernel
/// runs the scrape first. Lowering a thread's priority needs no privilege; raising it back does, so a lowered thread
/// stays lowered for its life (only dedicated threads are lowered, never a shared pool's).
public enum ThreadPriority {
    /// The nice value the daemon's background threads run at: 10 (0 is the default, 19 the lowest). At 10 a
    /// background thread gets about a tenth of a core's time against a busy serving thread of the same process, so
    /// collections still progress (and their timeouts still mean something) while scrapes are being answered.
    public static let backgroundNice: Int32 = 10

    private static let target = Atomic<Int32>(0)

    /// The nice value the shared background threads (`BackgroundExecutor.shared`, `BackgroundThreads.shared`) lower
    /// themselves to before their next job: 0 (not lowered) until `lowerBackgroundThreads` is called. The daemon calls
    /// it when it starts serving; one-shot commands and the test process leave the threads at normal priority (a test
    /// process runs many tests in parallel at normal priority, which would starve lowered threads).
    public static var backgroundTarget: Int32 { target.load(ordering: .relaxed) }

    /// Makes the shared background threads run at `nice` from their next job on (they cannot be raised again).
    public static func lowerBackgroundThreads(to nice: Int32 = backgroundNice) {
        target.store(nice, ordering: .relaxed)
    }

    /// The calling thread's nice value (−20…19), or nil where it cannot be read.
    public static var current: Int32? {
        #if canImport(Glibc)
        errno = 0
        let n = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        return n == -1 && errno != 0 ? nil : n
        #else
        return nil
        #endif
    }

    /// Sets the calling thread's nice value to `nice` if that lowers its priority (a higher value); returns whether the
    /// thread now runs at `nice` or lower. A thread already at `nice` or lower is left alone.
    @discardableResult
    public static func lowerCurrentThread(to nice: Int32 = backgroundNice) -> Bool {
        #if canImport(Glibc)
        if let now = current, now >= nice { return true }
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) == 0
        #else
        return false
        #endif
    }

    /// Names the calling thread (at most 15 bytes are kept by Linux), as `top -H`, `perf sched` and `/proc/<pid>/task`
    /// show it.
    public static func nameCurrentThread(_ name: String) {
        Thread.current.name = String(decoding: name.utf8.prefix(15), as: UTF8.self)
    }
}
