import Foundation
import GRDB
import Testing
import YouxiangCore

@testable import YouxiangNotify

/// A loopback TCP listener that misbehaves in one way, for the notifier's transport failures: it never answers
/// (the kernel completes the connection from the backlog), resets each connection (SO_LINGER 0), or answers plain
/// text where TLS is expected. Closed by `stop()`.
final class MisbehavingListener: @unchecked Sendable {
    enum Behaviour { case silent, reset, plainText }
    let fd: Int32
    let port: Int

    init(_ behaviour: Behaviour) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        guard withUnsafePointer(to: &addr, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }) == 0, listen(fd, 16) == 0
        else { throw PostgresServer.RunError(message: "cannot listen: errno \(errno)") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        guard behaviour != .silent else { return }
        Thread {
            while true {
                let c = accept(fd, nil, nil)
                guard c >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(c, &buffer, buffer.count)
                switch behaviour {
                case .reset:
                    var l = linger(l_onoff: 1, l_linger: 0)
                    setsockopt(c, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
                case .plainText:
                    let text = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                    _ = write(c, text, text.count)
                case .silent: break
                }
                close(c)
            }
        }.start()
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

/// The notifier's transport failures in plain words naming the receiver and the URL (never NIO's `IOError: connection
/// reset (error set): …`), in the log and in the outbox row alike: a real `AHCTransport` against loopback listeners.
@Suite(.serialized) struct NotifyTransportFailureTests {
    /// The last error stored for the head of `receiver`'s queue after one attempt at `url`.
    static func lastError(url: String, timeout: Duration = .seconds(5)) async throws -> String {
        let o = try OutboxTests.outbox()
        var r = NotifyFixtures.receiver(.webhook(url: url, sendResolved: true))
        r.timeout = timeout
        let transport = AHCTransport()
        let loop = SendLoop(
            receiver: r, outbox: o, transport: transport, metrics: NotifyMetrics(), logger: .init(label: "t"), resendDelay: .seconds(60),
            clock: { 1_795_970_000 })
        try o.commit([OutboxTests.note("n1")], states: [:])
        await loop.attempt(try #require(try o.head(receiver: "office")), r, now: 1_795_970_000)
        await transport.shutdown()
        return try await o.db.read { db in try String.fetchOne(db, sql: "SELECT last_error FROM notification WHERE id = 'n1'") } ?? ""
    }

    static func expectPlain(_ error: String, _ words: String, url: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error.hasPrefix("receiver office (\(url)): \(words)"), "\(error)", sourceLocation: sourceLocation)
        for nio in ["IOError", "error set", "errno", "NIO", "HTTPClientError", "BoringSSL"] {
            #expect(!error.contains(nio), "NIO's words: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func refused() async throws {
        let url = "http://127.0.0.1:\(try PostgresServer.freePort())/hook"
        Self.expectPlain(try await Self.lastError(url: url), "connection refused", url: url)
    }

    @Test func reset() async throws {
        let server = try MisbehavingListener(.reset)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/hook"
        let error = try await Self.lastError(url: url)
        // NIO reports the reset as `Connection reset by peer` or, when it sees the close first, as a closed
        // connection: either is said plainly.
        let words = error.contains("reset") ? "the connection was reset" : "the connection was closed before the answer was complete"
        Self.expectPlain(error, words, url: url)
    }

    @Test func timeout() async throws {
        let server = try MisbehavingListener(.silent)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/hook"
        Self.expectPlain(try await Self.lastError(url: url, timeout: .milliseconds(300)), "no answer within 0.3 seconds", url: url)
    }

    @Test func tlsFailure() async throws {
        let server = try MisbehavingListener(.plainText)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/hook"
        Self.expectPlain(try await Self.lastError(url: url), "TLS failed", url: url)
    }

    /// A DingTalk or WeCom URL carries its token in the query: the message shows the URL without it.
    @Test func theQueryIsLeftOut() async throws {
        let url = "http://127.0.0.1:\(try PostgresServer.freePort())/robot/send"
        let error = try await Self.lastError(url: url + "?access_token=secret-token-1234")
        Self.expectPlain(error, "connection refused", url: url)
        #expect(!error.contains("secret-token-1234"))
    }

    /// The same words as the `sql` source and the `http` source use, from one routine (`NetworkFailure`).
    @Test func classification() {
        #expect(NetworkFailure("IOError: connection reset (error set): Connection refused) (errno: 111)") == .refused)
        #expect(NetworkFailure("NIOCore.IOError: read(descriptor:pointer:size:): Connection reset by peer) (errno: 104)") == .reset)
        #expect(NetworkFailure("AsyncHTTPClient.HTTPClientError: HTTPClientError.remoteConnectionClosed") == .closedEarly)
        #expect(NetworkFailure("HTTPClientError.deadlineExceeded") == .timedOut)
        #expect(NetworkFailure("NIOConnectionError(host: \"x.invalid\", dnsAError: SocketAddressError.unknown") == .hostUnknown)
        #expect(NetworkFailure("connect(descriptor:addr:size:): No route to host (errno: 113)") == .unreachable)
        #expect(
            NetworkFailure(
                "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435703 error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER]))") == .tls
        )
        #expect(NetworkFailure("something else entirely") == nil)
    }
}
