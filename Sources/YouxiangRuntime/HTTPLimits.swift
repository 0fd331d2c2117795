import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

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

/// Reads the request body with a bound on the bytes actually received (the daemon takes no uploads): more than
/// `maxBytes` is a 413 whatever `Content-Length` said, or when the body is chunked; a body whose framing is broken
/// (bad chunk sizes, a connection that ends early) is a 400. Handlers then see the body already read.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int
    public init(maxBytes: Int = HTTPLimits().maxBodyBytes) { self.maxBytes = maxBytes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let len = request.headers[.contentLength].flatMap(Int.init), len > maxBytes {
            return HTTPServer.plain(.contentTooLarge, "request body over \(maxBytes) bytes\n")
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            return HTTPServer.plain(.contentTooLarge, "request body over \(maxBytes) bytes\n")
        } catch let e as HTTPError where e.status == .contentTooLarge {
            return HTTPServer.plain(.contentTooLarge, "request body over \(maxBytes) bytes\n")
        } catch {
            return HTTPServer.plain(.badRequest, "malformed request body\n")
        }
        return try await next(request, context)
    }
}

/// Closes a connection whose request head is not complete within `timeout` of the connection opening or of the
/// previous response ending (a slow-loris client trickling header bytes). Sits after the HTTP decoder, so it sees
/// whole request heads.
final class ReadHeaderTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: Duration) {
        let c = timeout.components
        self.timeout = .nanoseconds(c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)
    }

    func handlerAdded(context: ChannelHandlerContext) { arm(context) }
    func handlerRemoved(context: ChannelHandlerContext) { timer?.cancel(); timer = nil }
    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.close(promise: nil)
        }
    }
}
