import Dispatch

/// Runs blocking work on a Dispatch worker thread.
public enum BlockingIO {
    /// Runs `body` on a global Dispatch queue and resumes with its result. The caller's `IOContext` (read limits and
    /// the run's cancellation) goes with it to the worker thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let context = IOContext.current
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                IOContext.$current.withValue(context) { continuation.resume(with: Result { try body() }) }
            }
        }
    }
}
