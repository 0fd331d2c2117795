import ServiceLifecycle
import YouxiangCore
import YouxiangNotify

/// Evaluates the rules on schedule; on shutdown, drains the outbox within a bound.
struct AlertingService: Service {
    let coordinator: AlertingCoordinator
    let engine: Engine
    let interval: @Sendable () async -> Duration
    /// How long the shutdown drain may send what is due (`ServeOptions.drainLimit`).
    let drainLimit: Duration
    let transport: AHCTransport
    /// The schedule's time (the engine's clock).
    var clock: any DaemonClock { engine.clock }

    func run() async throws {
        await cancelWhenGracefulShutdown { await evaluateOnSchedule() }
        await coordinator.notifier.drain(within: drainLimit)
        await transport.shutdown()
    }

    /// Evaluates every `interval` (re-read after each evaluation, so a reload's new interval applies) until cancelled.
    func evaluateOnSchedule() async {
        while !Task.isCancelled {
            // No evaluation before every collector has run once (an empty snapshot is not "data missing"); the
            // first one follows readiness closely rather than a whole interval later.
            guard engine.published.current.ready else {
                do { try await clock.sleep(for: .milliseconds(200)) } catch { return }
                continue
            }
            await coordinator.evaluate()
            do { try await clock.sleep(for: await interval()) } catch { return }
        }
    }
}
