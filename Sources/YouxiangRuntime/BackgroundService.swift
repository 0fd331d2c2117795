import ServiceLifecycle
import YouxiangCore

/// Runs a service on the `BackgroundExecutor` (by task executor preference, inherited by its child tasks and by the
/// actors it calls that have no executor of their own): collection schedules, rule evaluation, file watching and
/// signal-triggered reloads leave Swift's cooperative pool to the HTTP server.
struct BackgroundService<Wrapped: Service>: Service {
    let wrapped: Wrapped

    func run() async throws {
        try await withTaskExecutorPreference(BackgroundExecutor.shared) { try await wrapped.run() }
    }
}
