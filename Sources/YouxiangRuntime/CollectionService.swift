import ServiceLifecycle

/// The collectors' schedules as a service: started with the group, stopped first on shutdown.
struct CollectionService: Service {
    let engine: Engine

    func run() async throws {
        await engine.start()
        try? await gracefulShutdown()
        await engine.stop()
    }
}
