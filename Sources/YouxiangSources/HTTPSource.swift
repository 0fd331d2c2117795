import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import YouxiangCore
import YouxiangIngest

/// An `http` source: one `GET` of a JSON API (the district's 大数据中心, an education statistics system), its body read
/// by the JSON reader exactly like a `.json` file (same column mapping, `scale`, missing-value words, diagnostics).
///
/// ```yaml
/// http:
///   url: https://data.bl.gov.cn/api/edu/kindergartens?year={year}   # http:// or https://; {year} only with years:
///   years: [2022, 2023, 2024, 2025]      # one request per year, {year} replaced … or year: 2024 … or year_column: 学年
///   records_key: data.list               # the array of records (a member, or a dotted path of members)
///   headers: {Accept: application/json, X-App-Id: youxiang, X-App-Key: {value_file: /etc/youxiang/app.key}}
///   auth: {bearer: {token_file: /etc/youxiang/api.token}}            # or token_env; or
///   # auth: {basic: {username: youxiang, password_file: /etc/youxiang/api.password}}   # or password_env
///   ca_file: /etc/youxiang/bureau-ca.crt # https with a private CA (PEM); only this CA is trusted then
///   timeout: 30s                         # the whole request, connect to last byte (default 30s)
///   max_response_bytes: 104857600        # default global.max_file_bytes
/// ```
///
/// A run sends one request per year (or one), without following redirects, and fails this source only — its years
/// incomplete — with a message naming the URL: connection refused, TLS failure, a status other than 200 (401 says the
/// credentials were refused, 403 that access is forbidden), an HTML page instead of JSON, invalid or truncated JSON, no complete answer within
/// `timeout`, a body larger than the limit. Secrets (password, token, secret header values) are read when the
/// configuration loads and never appear in a message: any occurrence in a message is replaced by `***`.
public struct HTTPSource: Sendable {
    /// The URL as configured, `{year}` not yet replaced.
    public var url: String
    /// Years to request, `{year}` in the URL replaced by each; empty: one request.
    public var years: [Int]
    /// The year the response describes (one request), when the module needs one and `years` is empty.
    public var year: Int?
    /// The record member holding each row's year (when neither `years` nor `year` is given).
    public var yearColumn: String?
    /// The member holding the records array (a dotted path allowed); nil: the body is the array.
    public var recordsKey: String?
    /// Extra request headers, in order. Values may be secrets (read from a file or the environment).
    var headers: [(name: String, value: String)]
    /// The credentials, already read.
    var auth: Auth?
    /// PEM file of the CA that signs the server's certificate (https); nil: the system's trust store.
    public var caFile: String?
    /// Bound on the whole request, from connecting to the body's last byte.
    public var timeout: Duration
    /// Largest body accepted; nil: `global.max_file_bytes` (``ReadLimits/active``) at run time.
    public var maxResponseBytes: Int64?
    /// Values that must never appear in a message (password, token, secret header values, the basic credential, the
    /// values of the URL's credential-like query parameters).
    var secrets: [String]

    /// Credentials sent with each request.
    enum Auth: Sendable {
        case basic(username: String, password: String)
        case bearer(token: String)

        var header: String {
            switch self {
            case .basic(let u, let p): return "Basic " + Data("\(u):\(p)".utf8).base64EncodedString()
            case .bearer(let t): return "Bearer " + t
            }
        }
    }

    init(
        url: String, years: [Int], year: Int?, yearColumn: String?, recordsKey: String?, headers: [(name: String, value: String)],
        auth: Auth?, caFile: String?, timeout: Duration, maxResponseBytes: Int64?, secrets: [String]
    ) {
        self.url = url
        self.years = years
        self.year = year
        self.yearColumn = yearColumn
        self.recordsKey = recordsKey
        self.headers = headers
        self.auth = auth
        self.caFile = caFile
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        var all = secrets + HTTPDisplay.secretParameterValues(url)
        if let auth { all.append(String(auth.header.split(separator: " ", maxSplits: 1).last ?? "")) }
        self.secrets = all.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// The URL for `year` (`{year}` replaced).
    public func url(year: Int?) -> String {
        guard let year else { return url }
        return url.replacingOccurrences(of: "{year}", with: String(year))
    }

    /// How the source is named in messages and row positions: the URL for `year`, with the values of query parameters
    /// that look like credentials (`token`, `key`, `secret`, `password`, `sign`, …) shown as `***`.
    public func displayName(year: Int?) -> String { HTTPDisplay.url(url(year: year)) }

    /// `text` with every secret replaced by `***`.
    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// Requests the URL for `year` and reads the body as JSON records mapped by `columns`.
    ///
    /// Blocks the calling thread (a collector's worker thread) until the answer, `timeout`, or the body limit.
    /// - Throws: ``IngestDiagnostic`` (line 0, the display URL as file) for any failure of the request or the body.
    func fetchTable(year: Int?, columns: [String: ColumnSpec]) throws(IngestDiagnostic) -> TableReadResult {
        let name = displayName(year: year)
        do {
            let body = try fetch(year: year, name: name)
            return try JSONTableReader.read(data: body, source: name, columns: columns, recordsKey: recordsKey)
        } catch {
            var e = error
            e.message = redact(e.message)
            throw e
        }
    }

    /// The body of a 200 answer that is not an HTML page.
    func fetch(year: Int?, name: String) throws(IngestDiagnostic) -> Data {
        func fail(_ message: String) -> IngestDiagnostic { IngestDiagnostic(file: name, line: 0, message: message) }
        let limit = maxResponseBytes ?? ReadLimits.active.maxFileBytes
        let limitName = maxResponseBytes == nil ? "global.max_file_bytes" : "max_response_bytes"

        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        config.decompression = .disabled
        // A refused connection or a failed TLS handshake fails the request now, not after retrying until the timeout.
        config.connectionPool.retryConnectionEstablishment = false
        let nanos = max(1, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        config.timeout = HTTPClient.Configuration.Timeout(connect: .nanoseconds(nanos), read: .nanoseconds(nanos))
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            config.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        defer { try? client.syncShutdown() }

        var request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url(year: year), method: .GET)
        } catch {
            throw fail("not a usable URL: \(error)")
        }
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "youxiangd")
        for h in headers { request.headers.replaceOrAdd(name: h.name, value: h.value) }
        if let auth { request.headers.replaceOrAdd(name: "Authorization", value: auth.header) }

        let collector = LimitedBody(limit: limit, context: IOContext.current)
        let answer: LimitedBody.Answer
        do {
            answer = try client.execute(request: request, delegate: collector, deadline: .now() + .nanoseconds(nanos)).wait()
        } catch let e as LimitedBody.TooLarge {
            throw fail(
                "the response is larger than \(limitName) (\(limit) bytes\(e.declared.map { "; Content-Length says \($0)" } ?? "")); "
                    + "narrow the request (a query parameter per year or district), or raise max_response_bytes on this source")
        } catch is LimitedBody.Abandoned {
            throw fail("request abandoned: the collector's timeout passed")
        } catch {
            throw fail(HTTPDisplay.describe(error, timeout: timeout, https: url.hasPrefix("https://"), caFile: caFile))
        }

        let status = answer.head.status
        let contentType = answer.head.headers.first(name: "Content-Type") ?? ""
        if status != .ok {
            var message = "the server answered HTTP \(status.code) \(status.reasonPhrase)"
            switch status.code {
            case 401 where auth == nil: message += "; it wants credentials: configure auth: {basic: …} or auth: {bearer: …}"
            case 401: message += "; the credentials were refused: check the user name and the password/token file or variable"
            case 403: message += "; access is forbidden: the account or token lacks the permission for this address, or the server does not accept this client"
            case 301, 302, 303, 307, 308:
                let to = answer.head.headers.first(name: "Location").map { " to \(HTTPDisplay.url($0))" } ?? ""
                message += " (a redirect\(to)); redirects are not followed: set url: to the final address"
            case 404: message += "; check the URL's path"
            default: break
            }
            if let excerpt = HTTPDisplay.excerpt(answer.body, contentType: contentType) { message += " — the body begins: \(excerpt)" }
            throw fail(message)
        }
        if HTTPDisplay.isHTML(answer.body, contentType: contentType) {
            let title = HTTPDisplay.title(answer.body).map { " titled “\($0)”" } ?? ""
            throw fail(
                "the server returned an HTML page\(title), not JSON (HTTP 200, Content-Type \(contentType.isEmpty ? "not given" : contentType)); "
                    + "a login or error page usually means a wrong URL or missing credentials")
        }
        if answer.body.isEmpty { throw fail("the server returned an empty body (HTTP 200), not JSON") }
        return answer.body
    }
}

/// Collects a 200 response's body up to a byte limit (checked against `Content-Length` first, then on every part), keeps
/// the first 64 KiB of any other answer, and stops when the collector's run is abandoned.
final class LimitedBody: HTTPClientResponseDelegate, @unchecked Sendable {
    struct Answer: Sendable {
        var head: HTTPResponseHead
        var body: Data
    }
    struct TooLarge: Error { var declared: Int64? }
    struct Abandoned: Error {}

    let limit: Int64
    let context: IOContext?
    /// How much of a non-200 answer's body is kept (for the message); the rest is read and dropped.
    static let errorBodyBytes = 64 << 10
    // Touched only on the request's event loop, one callback at a time (AsyncHTTPClient's delegate contract).
    private var head: HTTPResponseHead?
    private var body = Data()

    init(limit: Int64, context: IOContext?) {
        self.limit = limit
        self.context = context
    }

    func didReceiveHead(task: HTTPClient.Task<Answer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        if head.status == .ok, let declared = head.headers.first(name: "Content-Length").flatMap({ Int64($0) }), declared > limit {
            return task.eventLoop.makeFailedFuture(TooLarge(declared: declared))
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Answer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        if context?.isCancelled == true { return task.eventLoop.makeFailedFuture(Abandoned()) }
        if head?.status != .ok {
            // An error answer is kept only for the excerpt in the message: its first 64 KiB.
            if body.count < Self.errorBodyBytes { body.append(contentsOf: buffer.readableBytesView.prefix(Self.errorBodyBytes - body.count)) }
            return task.eventLoop.makeSucceededVoidFuture()
        }
        if Int64(body.count) + Int64(buffer.readableBytes) > limit { return task.eventLoop.makeFailedFuture(TooLarge(declared: nil)) }
        body.append(contentsOf: buffer.readableBytesView)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Answer>) throws -> Answer {
        guard let head else { throw HTTPClientError.remoteConnectionClosed }
        return Answer(head: head, body: body)
    }
}
