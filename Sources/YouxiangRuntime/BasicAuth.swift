import Foundation
import Hummingbird
import HummingbirdBcrypt
import Synchronization
import YouxiangCore

/// HTTP basic authentication against bcrypt hashes (`basic_auth_users` of the web config). Missing or wrong
/// credentials get 401 with `WWW-Authenticate: Basic`. A verified user/password pair is remembered, so bcrypt (tens of
/// milliseconds by design) runs once per credential, not once per scrape; bcrypt runs off the event loop.
public struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let users: [String: String]
    let verified = VerifiedCredentials()

    public init(users: [String: String]) { self.users = users }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (user, password) = Self.credentials(request.headers[.authorization]) else { return Self.unauthorized() }
        let key = user + "\u{0}" + password
        if verified.withLock({ $0.contains(key) }) { return try await next(request, context) }
        let hash = users[user]
        let ok = try await BlockingIO.run { Bcrypt.verify(password, hash: hash ?? decoyHash) } && hash != nil
        guard ok else { return Self.unauthorized() }
        verified.withLock { set in
            if set.count > 1000 { set.removeAll() }
            set.insert(key)
        }
        return try await next(request, context)
    }

    static func credentials(_ header: String?) -> (String, String)? {
        guard let header, header.count < 4096, header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func unauthorized() -> Response {
        var h = HTTPFields()
        h[.wwwAuthenticate] = "Basic realm=\"youxiangd\""
        h[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .unauthorized, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: "Unauthorized\n")))
    }
}

/// Credentials already verified (user NUL password), bounded.
final class VerifiedCredentials: Sendable {
    private let set = Mutex<Set<String>>([])
    func withLock<R>(_ body: (inout Set<String>) -> R) -> R { set.withLock { body(&$0) } }
}

/// A hash to verify against for unknown users, so they take as long as known ones.
let decoyHash = Bcrypt.hash("youxiangd decoy", cost: 10)

/// Refuses request bodies over a bound (the daemon takes no uploads): 413.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int
    public init(maxBytes: Int = 64 * 1024) { self.maxBytes = maxBytes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let len = request.headers[.contentLength].flatMap(Int.init), len > maxBytes {
            return Response(status: .contentTooLarge)
        }
        return try await next(request, context)
    }
}
