import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// 405 with `Allow` for a method a known path does not serve (instead of the router's 404).
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Path → the methods it answers. A key ending in `/` (e.g. `/indicator/`) covers every path below it.
    let allowed: [String: [HTTPRequest.Method]]

    public init(allowed: [String: [HTTPRequest.Method]]) { self.allowed = allowed }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = methods(for: request.uri.path), !methods.contains(request.method) else {
            return try await next(request, context)
        }
        return Self.response(methods)
    }

    /// The methods of `path`: its own entry, else the entry of its parent folder (`/indicator/x` → `/indicator/`).
    func methods(for path: String) -> [HTTPRequest.Method]? {
        if let m = allowed[path] { return m }
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        return allowed[String(path[...slash])]
    }

    /// A 405 naming `methods` in `Allow`.
    static func response(_ methods: [HTTPRequest.Method]) -> Response {
        var h = HTTPFields()
        h[.allow] = methods.map(\.rawValue).joined(separator: ", ")
        h[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: .methodNotAllowed, headers: h,
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Method not allowed; allowed: \(h[.allow] ?? "")\n")))
    }
}
