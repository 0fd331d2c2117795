import ServiceLifecycle
import UnixSignals

/// SIGHUP → reload.
struct SignalReloadService: Service {
    let reloader: Reloader
    let signals: UnixSignalsSequence

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            await reloader.reload(reason: "SIGHUP")
        }
    }
}
