import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle
import UnixSignals
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangNotify

/// Serves a loaded pipeline: collection in the background, rule evaluation and notification delivery, reload on
/// SIGHUP, HTTP in front. SIGTERM and SIGINT shut down in order: stop collecting, stop watching, drain the outbox
/// (bounded), then close the server (the whole shutdown bounded to 10 s).
public enum Daemon {
    public static func serve(pipeline: Pipeline, options: ServeOptions, modules: [CollectorModule], logger: Logger) async throws {
        // Scrapes are answered on the event loop that read them; the daemon's own work runs on background threads at
        // nice 10.
        ServingThreads.install()
        ThreadPriority.lowerBackgroundThreads()
        // Trap SIGHUP before anything else, so an early HUP reloads rather than terminating the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let watchBaseline = FileWatchService.stamps(
            [pipeline.config.file] + pipeline.alerting.ruleFiles + (pipeline.config.plan.map { [$0.targetsFile] } ?? [])
                + pipeline.config.collectors.flatMap { $0.collector.inputFiles })
        let clock = SystemClock()
        let engine = Engine(pipeline: pipeline, logger: logger, selfMetrics: options.exporterMetrics, clock: clock)
        await engine.rebuild()
        let (outbox, recovery) = try Outbox.openRecovering(directory: options.storagePath, logger: logger)
        let transport = AHCTransport()
        let notifier = Notifier(
            outbox: outbox, transport: transport, logger: logger,
            resendDelay: pipeline.alerting.resendDelay, clock: clock)
        if recovery != nil { notifier.metrics.storeRecovered() }
        let alerting = AlertingCoordinator(
            pipeline: pipeline, engine: engine, notifier: notifier, logger: logger, clock: clock,
            externalURL: options.externalURL)
        let reloader = Reloader(path: options.configFile, modules: modules, engine: engine, alerting: alerting, logger: logger)
        await reloader.recordStart(pipeline)
        let router = HTTPServer.router(
            published: engine.published, telemetryPath: options.telemetryPath,
            reloader: options.enableLifecycle ? reloader : nil, users: options.webConfig?.users ?? [:],
            alerting: alerting, exporterMetrics: options.exporterMetrics,
            maxBodyBytes: options.http.maxBodyBytes)
        let headerTimeout = options.http.readHeaderTimeout
        let idle = options.http.idleTimeout.components
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [ReadHeaderTimeoutHandler(timeout: headerTimeout)],
                idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000)))
        let configuration = ApplicationConfiguration(address: .hostname(options.listen.host, port: options.listen.port), serverName: "youxiangd")
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let web = options.webConfig, web.tls != nil {
            let app = Application(
                router: router, server: try .tls(http1, tlsConfiguration: try web.tlsConfiguration()),
                configuration: configuration, logger: logger)
            services.append(.init(service: app))
        } else {
            services.append(.init(service: Application(router: router, server: http1, configuration: configuration, logger: logger)))
        }
        services.append(
            .init(
                service: BackgroundService(
                    wrapped: AlertingService(
                        coordinator: alerting, engine: engine,
                        interval: { await engine.pipeline.alerting.evaluationInterval },
                        drainLimit: options.drainLimit, transport: transport)),
                successTerminationBehavior: .ignore))
        if let every = options.watchInterval {
            services.append(
                .init(
                    service: BackgroundService(
                        wrapped: FileWatchService(
                            engine: engine, reloader: reloader, interval: every, logger: logger,
                            baseline: watchBaseline)),
                    successTerminationBehavior: .ignore))
        }
        services.append(
            .init(service: BackgroundService(wrapped: SignalReloadService(reloader: reloader, signals: hangups)), successTerminationBehavior: .ignore))
        services.append(.init(service: BackgroundService(wrapped: CollectionService(engine: engine)), successTerminationBehavior: .ignore))
        var groupConfig = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfig.maximumGracefulShutdownDuration = .seconds(10)
        logger.info(
            "listening",
            metadata: [
                "address": "\(options.listen.host):\(options.listen.port)", "tls": "\(options.webConfig?.tls != nil)",
                "collectors": "\(pipeline.config.collectors.count)", "rules": "\(pipeline.rules.count)",
                "receivers": "\(pipeline.receivers.count)", "storage": .string(outbox.path),
            ])
        try await ServiceGroup(configuration: groupConfig).run()
        logger.info("stopped")
    }
}
