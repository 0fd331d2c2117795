import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends one HTTP POST; swappable in tests.
public protocol HTTPTransport: Sendable {
    /// Posts `request` with a total time limit; returns status and body, or throws on a network failure.
    func post(_ request: OutgoingRequest, timeout: Duration) async throws -> (status: Int, body: [UInt8])
}

/// The real transport: AsyncHTTPClient with pooled keep-alive connections. Retries are the outbox's business, not
/// the client's.
public final class AHCTransport: HTTPTransport {
    let client: HTTPClient

    public init() {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(5), read: .seconds(30))
        config.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func post(_ request: OutgoingRequest, timeout: Duration) async throws -> (status: Int, body: [UInt8]) {
        var r = HTTPClientRequest(url: request.url)
        r.method = .POST
        for (k, v) in request.headers { r.headers.add(name: k, value: v) }
        r.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await client.execute(r, timeout: .milliseconds(Int64(timeout.seconds * 1000)))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Array(buffer: body))
    }

    /// Closes pooled connections.
    public func shutdown() async {
        try? await client.shutdown()
    }
}
