import Foundation
import Hummingbird
import HummingbirdBcrypt
import Synchronization
import YouxiangCore

/// HTTP basic authentication against bcrypt hashes (`basic_auth_users` of the web config). Missing or wrong
/// credentials get 401 with `WWW-Authenticate: Basic`. A verified user/password pair is remembered, so bcrypt (tens of
/// milliseconds by design) runs once per credential, not once per scrape; bcrypt runs off the event loop.
///
/// Credentials are compared on their exact bytes: user names byte for byte (no Unicode normalisation), and a password
/// that bcrypt could only check in part — one containing a NUL byte (C's bcrypt stops there) or longer than bcrypt's
/// 72-byte limit (it ignores the rest) — is refused before bcrypt runs. A password of more than 72 bytes can therefore
/// never log in; choose one of at most 72 bytes.
public struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// User name bytes → bcrypt hash.
    let users: [[UInt8]: String]
    let verified = VerifiedCredentials()

    /// bcrypt's input limit in bytes; longer passwords are refused.
    public static var maxPasswordBytes: Int { 72 }

    public init(users: [String: String]) {
        self.users = Dictionary(users.map { (Array($0.key.utf8), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (user, password) = Self.credentials(request.headers[.authorization]) else { return Self.unauthorized() }
        let key = Credential(user: user, password: password)
        if verified.withLock({ $0.contains(key) }) { return try await next(request, context) }
        let hash = users[user]
        let acceptable = Self.checkable(password)
        // An unknown user or an uncheckable password still pays one bcrypt, so timing does not tell which.
        let text = acceptable ? String(decoding: password, as: UTF8.self) : "youxiangd decoy"
        let ok = try await BlockingIO.run { Bcrypt.verify(text, hash: hash ?? decoyHash) } && hash != nil && acceptable
        guard ok else { return Self.unauthorized() }
        verified.withLock { set in
            if set.count > 1000 { set.removeAll() }
            set.insert(key)
        }
        return try await next(request, context)
    }

    /// Whether bcrypt can check `password` in full: valid UTF-8 (so the bytes reach bcrypt unchanged), no NUL byte,
    /// at most 72 bytes.
    static func checkable(_ password: [UInt8]) -> Bool {
        password.count <= maxPasswordBytes && !password.contains(0) && String(validating: password, as: UTF8.self) != nil
    }

    /// The user and password bytes of a `Basic` authorization header (split at the first colon), or nil.
    static func credentials(_ header: String?) -> ([UInt8], [UInt8])? {
        guard let header, header.utf8.count < 4096, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        else { return nil }
        let bytes = [UInt8](data)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return (Array(bytes[..<colon]), Array(bytes[(colon + 1)...]))
    }

    static func unauthorized() -> Response {
        var h = HTTPFields()
        h[.wwwAuthenticate] = "Basic realm=\"youxiangd\""
        h[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .unauthorized, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: "Unauthorized\n")))
    }
}

/// A verified user and password, as bytes (compared exactly).
struct Credential: Hashable, Sendable {
    var user: [UInt8]
    var password: [UInt8]
}

/// Credentials already verified, bounded.
final class VerifiedCredentials: Sendable {
    private let set = Mutex<Set<Credential>>([])
    func withLock<R>(_ body: (inout Set<Credential>) -> R) -> R { set.withLock { body(&$0) } }
}

/// A hash to verify against for unknown users, so they take as long as known ones.
let decoyHash = Bcrypt.hash("youxiangd decoy", cost: 10)
