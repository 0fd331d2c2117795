/// `--web.listen-address` values: `:9096`, `127.0.0.1:9096`, `[::1]:9096`, `localhost:9096`.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    /// Parses an address; nil when the port is missing or invalid.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }
}
