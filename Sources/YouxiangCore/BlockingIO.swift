import Dispatch

/// Runs blocking work off Swift's cooperative pool.
public enum BlockingIO {
    /// Runs `body` on a global Dispatch queue and resumes with its result, at normal priority (work a request waits
    /// for, such as checking a password). The caller's `IOContext` (read limits and the run's cancellation) goes with
    /// it to the worker thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let context = IOContext.current
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                IOContext.$current.withValue(context) { continuation.resume(with: Result { try body() }) }
            }
        }
    }

    /// Runs `body` on a `BackgroundThreads` thread (lowered OS priority) and resumes with its result: the daemon's own
    /// blocking work (a collector's reads and parsing, loading a configuration), which a scrape must never wait for.
    /// The caller's `IOContext` goes with it.
    public static func background<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let context = IOContext.current
        return try await withCheckedThrowingContinuation { continuation in
            BackgroundThreads.shared.run {
                IOContext.$current.withValue(context) { continuation.resume(with: Result { try body() }) }
            }
        }
    }
}
