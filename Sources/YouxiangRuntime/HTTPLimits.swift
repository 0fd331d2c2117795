/// The HTTP server's limits (each documented in README's "Limits").
public struct HTTPLimits: Sendable {
    /// Largest request body read, in bytes, whatever the framing (`Content-Length` or chunked): 413 beyond it.
    public var maxBodyBytes = 64 * 1024
    /// Time from connection open (or the end of the previous response) until the request head must be complete;
    /// then the connection is closed. `--web.read-header-timeout`.
    public var readHeaderTimeout: Duration = .seconds(10)
    /// A connection with no read or write for this long is closed. `--web.idle-timeout`.
    public var idleTimeout: Duration = .seconds(60)

    public init() {}
}
