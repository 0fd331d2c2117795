/// How `youxiangd` serves.
public struct ServeOptions: Sendable {
    public var configFile: String
    public var listen: ListenAddress
    public var telemetryPath = "/metrics"
    /// `--web.enable-lifecycle`: allow `POST /-/reload`.
    public var enableLifecycle = false
    public var webConfig: WebConfig?
    /// How often watched files are polled; nil disables watching.
    public var watchInterval: Duration? = .seconds(2)
    /// `--storage.path`: the folder of the outbox and alert states.
    public var storagePath = "data"
    /// How long SIGTERM waits for undelivered notifications.
    public var drainLimit: Duration = .seconds(5)
    /// `--web.disable-exporter-metrics` turns this off: `/metrics` then carries only the plan's series.
    public var exporterMetrics = true
    /// `--web.external-url`: the URL the daemon is reached at, for links in alert messages (overrides
    /// `alerting.external_url`); nil and no `external_url`: messages carry no link.
    public var externalURL: String?
    /// Body limit and connection timeouts.
    public var http = HTTPLimits()

    public init(configFile: String, listen: ListenAddress) {
        self.configFile = configFile
        self.listen = listen
    }
}
