import Hummingbird
import Logging
import ServiceLifecycle
import YouxiangConfig
import YouxiangCore

/// Runs each collector on its own schedule until graceful shutdown.
public struct CollectionService: Service {
    let engine: Engine
    let logger: Logger

    public init(engine: Engine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public func run() async throws {
        let entries = await engine.pipeline.config.collectors
        await withTaskGroup(of: Void.self) { group in
            for entry in entries {
                group.addTask {
                    await cancelWhenGracefulShutdown {
                        await loop(entry)
                    }
                }
            }
        }
    }

    private func loop(_ entry: CollectorEntry) async {
        while !Task.isCancelled {
            let previous = await engine.status(of: entry.name)
            let status = await CollectorRunner.run(entry, previous: previous, logger: logger)
            await engine.record(status)
            // Up to 10% jitter so collectors that share an interval do not stay in lock-step.
            let jitter = Double.random(in: 0...0.1) * Double(entry.interval.components.seconds)
            try? await Task.sleep(for: entry.interval + .milliseconds(Int64(jitter * 1000)))
        }
    }
}

/// Serves a loaded pipeline: collection in the background, HTTP in front, SIGTERM/SIGINT shut down in order.
public enum Daemon {
    public static func serve(pipeline: Pipeline, listen: ListenAddress, telemetryPath: String, logger: Logger) async throws {
        let engine = Engine(pipeline: pipeline, logger: logger)
        await engine.rebuild()
        let router = HTTPServer.router(published: engine.published, telemetryPath: telemetryPath)
        let app = Application(router: router, configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "youxiangd"),
                              logger: logger)
        let collection = CollectionService(engine: engine, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: app),
                .init(service: collection, successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("listening", metadata: ["address": "\(listen.host):\(listen.port)", "collectors": "\(pipeline.config.collectors.count)"])
        try await group.run()
    }
}
