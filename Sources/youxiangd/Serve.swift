import ArgumentParser
import Foundation
import Logging
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangExposition
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime
import YouxiangWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Collect on schedule and serve /metrics (the default).")
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("web.listen-address"), help: "Address to listen on, e.g. :9096 or 127.0.0.1:9096.")
    var listenAddress = ":9096"

    @Option(name: .customLong("web.telemetry-path"), help: "Path under which to expose metrics.")
    var telemetryPath = "/metrics"

    @Flag(name: .customLong("web.enable-lifecycle"), help: "Enable reload via HTTP POST /-/reload.")
    var enableLifecycle = false

    @Option(name: .customLong("web.config.file"), help: "Web configuration (TLS, basic auth) in the exporter-toolkit format.")
    var webConfigFile: String?

    @Option(name: .customLong("config.watch-interval"), help: "How often to check the config and data files for changes (0s disables).")
    var watchInterval = "2s"

    @Option(name: .customLong("storage.path"), help: "Folder for the notification outbox and alert states (SQLite).")
    var storagePath = "data"

    @Flag(name: .customLong("web.disable-exporter-metrics"), help: "Serve only the plan's series: no youxiang_*, process_* or ALERTS.")
    var disableExporterMetrics = false

    @Option(
        name: .customLong("web.external-url"),
        help: "The URL youxiangd is reached at (e.g. behind a proxy), for links in alert messages; overrides alerting.external_url. Unset: no links.")
    var externalURL: String?

    @Option(name: .customLong("web.read-header-timeout"), help: "Close a connection whose request head is not complete within this time.")
    var readHeaderTimeout = "10s"

    @Option(name: .customLong("web.idle-timeout"), help: "Close a connection with no traffic for this long.")
    var idleTimeout = "60s"

    @Option(name: .customLong("web.max-request-body-bytes"), help: "Largest request body read (413 beyond), whatever the framing.")
    var maxBodyBytes = 65536

    func run() async throws {
        let logger = common.logger()
        guard let listen = ListenAddress(listenAddress) else {
            printError("--web.listen-address: expected [host]:port, got \"\(listenAddress)\"")
            throw ExitCode(2)
        }
        guard telemetryPath.hasPrefix("/"), telemetryPath.count > 1 else {
            printError("--web.telemetry-path must start with / and not be /")
            throw ExitCode(2)
        }
        var options = ServeOptions(configFile: common.configFile, listen: listen)
        options.telemetryPath = telemetryPath
        options.enableLifecycle = enableLifecycle
        options.storagePath = storagePath
        options.exporterMetrics = !disableExporterMetrics
        if let externalURL {
            guard externalURL.hasPrefix("http://") || externalURL.hasPrefix("https://") else {
                printError("--web.external-url: expected an http:// or https:// URL, got \"\(externalURL)\"")
                throw ExitCode(2)
            }
            options.externalURL = externalURL
        }
        guard let header = Self.httpDuration(readHeaderTimeout), let idle = Self.httpDuration(idleTimeout) else {
            printError("--web.read-header-timeout, --web.idle-timeout: expected a duration from 1ms to 1h, such as 10s")
            throw ExitCode(2)
        }
        options.http.readHeaderTimeout = header
        options.http.idleTimeout = idle
        guard (0...(64 << 20)).contains(maxBodyBytes) else {
            printError("--web.max-request-body-bytes: expected 0 to 67108864")
            throw ExitCode(2)
        }
        options.http.maxBodyBytes = maxBodyBytes
        if watchInterval == "0" || watchInterval == "0s" {
            options.watchInterval = nil
        } else if let d = DurationParser.parse(watchInterval), d > .zero {
            options.watchInterval = d
        } else {
            printError("--config.watch-interval: expected a duration such as 2s, or 0s to disable")
            throw ExitCode(2)
        }
        if let webConfigFile {
            switch WebConfig.load(path: webConfigFile) {
            case .success(let w): options.webConfig = w
            case .failure(let e):
                for d in e.diagnostics { printError(d.description) }
                throw ExitCode(1)
            }
        }
        let pipeline = try loadOrExit(common.configFile)
        try await Daemon.serve(pipeline: pipeline, options: options, modules: allModules, logger: logger)
    }
}

extension Serve {
    /// A connection timeout: 1 ms to 1 h.
    static func httpDuration(_ text: String) -> Duration? {
        guard let d = DurationParser.parse(text), d > .zero, d <= .seconds(3600) else { return nil }
        return d
    }
}
