import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

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
