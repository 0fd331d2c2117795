/// A failed network exchange in plain words: the one mapping from the errors of the network libraries (SwiftNIO,
/// AsyncHTTPClient, PostgresNIO, NIOSSL), whose own text names their internal types (`IOError: connection reset (error
/// set): Connection refused) (errno: 111)`, `HTTPClientError.deadlineExceeded`), to what an operator reads. The `sql`
/// and `http` sources and the notifier's receivers all use it, each adding its own advice.
///
/// Read from the error's type name and text, so this module needs none of those libraries.
public enum NetworkFailure: Sendable, Equatable {
    /// Nothing accepts connections at that host and port (`ECONNREFUSED`).
    case refused
    /// The other side (or a proxy) dropped the established connection (`ECONNRESET`, `EPIPE`).
    case reset
    /// No connection or no answer within the time allowed.
    case timedOut
    /// The TLS handshake failed (an untrusted certificate, a plain-text port, no common protocol version).
    case tls
    /// The host name does not resolve (DNS).
    case hostUnknown
    /// No route to the host or its network (`EHOSTUNREACH`, `ENETUNREACH`).
    case unreachable
    /// The other side closed the connection before its answer was complete.
    case closedEarly

    /// The kind of `error`; nil when it is none of the above (then show the error as its library words it).
    public init?(_ error: any Error) {
        self.init(String(reflecting: type(of: error)) + ": " + String(describing: error))
    }

    /// The kind of failure an error's text (type name and description) tells; nil when it is none of the above.
    /// NIO words a refused connection `connection reset (error set): Connection refused`, so a refusal is looked for
    /// before a reset.
    public init?(_ text: String) {
        let lower = text.lowercased()
        func has(_ words: String...) -> Bool { words.contains { lower.contains($0.lowercased()) } }
        if has("connection refused", "ECONNREFUSED", "errno: 111)") {
            self = .refused
        } else if has("no route to host", "network is unreachable", "EHOSTUNREACH", "ENETUNREACH", "errno: 113)", "errno: 101)") {
            self = .unreachable
        } else if has(
            "name or service not known", "nodename nor servname", "unknownHost", "SocketAddressError.unknown", "getaddrinfo",
            "failure in name resolution", "no address associated with hostname")
        {
            self = .hostUnknown
        } else if has("NIOSSL", "BoringSSL", "handshake", "CERTIFICATE_VERIFY_FAILED", "SSL routines") {
            self = .tls
        } else if has("deadlineExceeded", "connectTimeout", "readTimeout", "writeTimeout", "timed out", "ETIMEDOUT", "errno: 110)") {
            self = .timedOut
        } else if has("connection reset by peer", "ECONNRESET", "errno: 104)", "broken pipe", "EPIPE", "errno: 32)") {
            self = .reset
        } else if has("remoteConnectionClosed", "invalidEOFState", "closedConnection", "ioOnClosedChannel", "connection closed") {
            self = .closedEarly
        } else {
            return nil
        }
    }

    /// The failure in a few plain words, e.g. “connection refused”; a timeout says `timeout` when it is given (“no
    /// answer within 5 seconds”).
    public func words(timeout: Duration? = nil) -> String {
        switch self {
        case .refused: return "connection refused"
        case .reset: return "the connection was reset"
        case .timedOut: return timeout.map { "no answer within \($0)" } ?? "the connection timed out"
        case .tls: return "TLS failed"
        case .hostUnknown: return "the host name is not known (DNS)"
        case .unreachable: return "the host cannot be reached (no route)"
        case .closedEarly: return "the connection was closed before the answer was complete"
        }
    }
}
