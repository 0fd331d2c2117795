import NIOCore
import NIOPosix

/// Runs Swift concurrency's default executor on the HTTP server's event loops (SwiftNIO's singleton group, one thread
/// per core), so a scrape is read, answered and written on one thread.
///
/// Without it, a request crosses three threads: the event loop reads it, a thread of Swift's cooperative pool runs the
/// handler, the event loop writes the answer; each crossing wakes a thread, and on a busy machine each wake-up can
/// wait milliseconds for a core (measured with `perf sched timehist`: up to 11 ms before an event loop or a pool
/// thread ran again, while a static server waking once per request stayed under 0.3 ms at p99). With the event loops
/// as the default executor, the handler's job is queued on the event loop that read the request (NIO keeps a job on
/// the loop it was enqueued from). The daemon's own work does not run there: collections, snapshots, reloads and rule
/// evaluation run on the `BackgroundExecutor` (task executor preference), file reads on `BackgroundThreads`.
public enum ServingThreads {
    /// Installs the event loops as the default executor, once per process (later calls return the first result);
    /// whether SwiftNIO could install them. `Daemon.serve` calls it first; tests and one-shot commands keep Swift's
    /// own pool.
    public static let installed: Bool = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

    /// Applies `installed` (idempotent).
    public static func install() { _ = installed }
}
