import Hummingbird
import YouxiangCore
import YouxiangExposition

/// The daemon's HTTP endpoints.
///
/// - `GET <telemetry path>` (default `/metrics`): the last snapshot plus `process_*`, in text 0.0.4, or OpenMetrics
///   1.0 when `Accept` asks for it (`ExpositionFormat.negotiate`). Never waits on a collector.
/// - `GET /`: landing page (links, collectors, indicators against their targets).
/// - `GET /-/healthy`: 200 while the process serves. `GET /-/ready`: 200 once every collector ran once, else 503.
public enum HTTPServer {
    /// Builds the router over a published exposition.
    public static func router(published: PublishedExposition, telemetryPath: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(telemetryPath)) { request, _ -> Response in
            let format = ExpositionFormat.negotiate(accept: request.headers[.accept])
            return metricsResponse(published.current, format: format)
        }
        router.get("/-/healthy") { _, _ -> Response in
            plain(.ok, "youxiangd is Healthy.\n")
        }
        router.get("/-/ready") { _, _ -> Response in
            published.current.ready ? plain(.ok, "youxiangd is Ready.\n") : plain(.serviceUnavailable, "youxiangd is not ready: collectors still running their first collection.\n")
        }
        router.get("/") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: StatusPage.html(published.current, telemetryPath: telemetryPath))))
        }
        return router
    }

    /// The `/metrics` response for an exposition in a format.
    public static func metricsResponse(_ e: Exposition, format: ExpositionFormat) -> Response {
        var writer = ExpositionWriter(format: format, reserve: 1024)
        writer.write(ProcessMetrics.snapshot())
        writer.finish()
        let tail = ByteBuffer(bytes: writer.bytes)
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        let head = format == .openMetrics ? e.openMetrics : e.text
        return Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: [head, tail]))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

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
