import Foundation
import Hummingbird
import YouxiangCore
import YouxiangExposition
import YouxiangNotify
import YouxiangWeb

/// The daemon's HTTP endpoints.
///
/// - `GET <telemetry path>` (default `/metrics`): the last snapshot plus `process_*`, in text 0.0.4, or OpenMetrics
///   1.0 when `Accept` asks for it (`ExpositionFormat.negotiate`). Never waits on a collector.
/// - `GET /`: the office's page (every plan indicator with value, target, status, chart; alerts; summary), in Chinese.
/// - `GET /indicator/<id>`: one indicator, every year. `GET /report?year=2025`: the periodic report (公文, A4 print).
/// - `GET /status`: the operators' page (collectors, alerts, indicators against their targets).
/// - `GET /-/healthy`: 200 while the process serves. `GET /-/ready`: 200 once every collector ran once, else 503.
/// - `POST`/`PUT /-/reload`: reload the configuration (200, or 500 with the diagnostics) when the lifecycle API is
///   enabled, 403 otherwise; `GET` gets 405.
/// The office's pages (`/`, `/indicator/<id>`, `/report`) render one at a time on `PageRenderer`'s queue, cached per
/// exposition publication, alerts and minute, so page requests never hold the threads `/metrics` needs.
/// With `users`, every endpoint needs HTTP basic authentication. A method a known path does not serve gets 405 with
/// `Allow`; request bodies are read with a byte bound (`BodyLimitMiddleware`).
public enum HTTPServer {
    /// Builds the router over a published exposition.
    /// - Parameters:
    ///   - reloader: the reload entry point when `--web.enable-lifecycle` is given, else nil.
    ///   - users: basic-auth users (name → bcrypt hash); empty means no authentication.
    ///   - pages: renders and caches the office's pages.
    public static func router(
        published: PublishedExposition, telemetryPath: String, reloader: Reloader? = nil,
        users: [String: String] = [:], alerting: AlertingCoordinator? = nil,
        exporterMetrics: Bool = true, maxBodyBytes: Int = HTTPLimits().maxBodyBytes,
        pages: PageRenderer = PageRenderer()
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes))
        if !users.isEmpty { router.add(middleware: BasicAuthMiddleware(users: users)) }
        router.add(middleware: MethodNotAllowedMiddleware(allowed: allowedMethods(telemetryPath: telemetryPath)))
        let reload: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            guard let reloader else { return plain(.forbidden, "Lifecycle API is not enabled.\n") }
            switch await reloader.reload(reason: "HTTP") {
            case .success: return plain(.ok, "OK\n")
            case .failure(let e): return plain(.internalServerError, "failed to reload config: \(e.description)\n")
            }
        }
        router.post("/-/reload", use: reload)
        router.put("/-/reload", use: reload)
        router.get("/-/reload") { _, _ in MethodNotAllowedMiddleware<BasicRequestContext>.response([.post, .put]) }
        router.get(RouterPath(telemetryPath)) { request, _ -> Response in
            let format = ExpositionFormat.negotiate(accept: request.headers[.accept])
            let gzip = acceptsGzip(request.headers[.acceptEncoding])
            return metricsResponse(published.current, format: format, alerting: alerting, exporterMetrics: exporterMetrics, gzip: gzip)
        }
        router.get("/api/v1/alerts") { _, _ -> Response in
            json(alerting?.view.withLock { $0.alertsJSON } ?? AlertingView().alertsJSON)
        }
        router.get("/api/v1/rules") { _, _ -> Response in
            json(alerting?.view.withLock { $0.rulesJSON } ?? AlertingView().rulesJSON)
        }
        router.get("/-/healthy") { _, _ -> Response in
            plain(.ok, "youxiangd is Healthy.\n")
        }
        router.get("/-/ready") { _, _ -> Response in
            published.current.ready
                ? plain(.ok, "youxiangd is Ready.\n") : plain(.serviceUnavailable, "youxiangd is not ready: collectors still running their first collection.\n")
        }
        // HEAD answers like GET, without the body (load balancers and uptime checks use it).
        for path in [telemetryPath, "/", "/status", "/-/healthy", "/-/ready"] {
            router.head(RouterPath(path)) { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] =
                    path == telemetryPath
                    ? ExpositionFormat.text.contentType
                    : (path == "/" || path == "/status" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
                let ok = path != "/-/ready" || published.current.ready
                return Response(status: ok ? .ok : .serviceUnavailable, headers: headers)
            }
        }
        router.get("/") { _, _ -> Response in
            await officePage(published, alerting, pages, route: "/", noPlan: .ok) { input in
                PageRenderer.Page(.ok, OfficePages.home(input))
            }
        }
        router.get("/status") { _, _ -> Response in
            html(.ok, StatusPage.html(published.current, telemetryPath: telemetryPath, alerts: alerting?.view.withLock { $0.active } ?? []))
        }
        let indicator: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, context in
            let id = context.parameters.get("id") ?? ""
            return await officePage(published, alerting, pages, route: "/indicator/" + id, noPlan: .notFound) { input in
                guard let page = OfficePages.indicator(input, id: id) else { return PageRenderer.Page(.notFound, OfficeRoutes.notFound(id)) }
                return PageRenderer.Page(.ok, page)
            }
        }
        let report: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let yearText = request.uri.queryParameters.get("year")
            return await officePage(published, alerting, pages, route: "/report?year=" + (yearText ?? ""), noPlan: .notFound) { input in
                let model = OfficeModel(input)
                switch OfficeRoutes.reportYear(yearText, plan: input.plan, latest: model.latestDataYear) {
                case .failure(let error): return PageRenderer.Page(.badRequest, OfficeRoutes.badRequest(error.description))
                case .success(let year): return PageRenderer.Page(.ok, OfficePages.report(input, year: year ?? model.year))
                }
            }
        }
        // GET renders the page; HEAD answers with the same status and headers and no body (regression: HEAD was 404).
        router.get("/indicator/:id", use: indicator)
        router.get("/report", use: report)
        router.head("/indicator/:id") { request, context in withoutBody(try await indicator(request, context)) }
        router.head("/report") { request, context in withoutBody(try await report(request, context)) }
        return router
    }

    /// An office page from `pages`: the current exposition with the active alerts and the time of the request, rendered
    /// by `render` on the renderer's queue (or taken from its cache); `noPlan`'s status with `OfficeRoutes.noPlan` when
    /// no plan is configured.
    static func officePage(
        _ published: PublishedExposition, _ alerting: AlertingCoordinator?, _ pages: PageRenderer, route: String,
        noPlan: HTTPResponse.Status, render: @escaping @Sendable (OfficeInput) -> PageRenderer.Page
    ) async -> Response {
        let (e, generation) = published.versioned
        guard e.office.plan != nil else { return html(noPlan, OfficeRoutes.noPlan) }
        let alerts = alerting?.view.withLock { $0.active } ?? []
        let now = SystemClock().now
        let page = await pages.page(route: route, generation: generation, now: now, alerts: alerts) {
            guard let input = e.office.input(e.snapshot, alerts: alerts, now: now) else { return PageRenderer.Page(noPlan, OfficeRoutes.noPlan) }
            return render(input)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: page.status, headers: headers, body: ResponseBody(byteBuffer: page.body))
    }

    /// `response` with its body dropped (for HEAD), keeping status and headers.
    static func withoutBody(_ response: Response) -> Response {
        var r = response
        r.body = ResponseBody()
        return r
    }

    /// The methods each path answers (for 405 and `Allow`).
    static func allowedMethods(telemetryPath: String) -> [String: [HTTPRequest.Method]] {
        var m: [String: [HTTPRequest.Method]] = [:]
        for p in [telemetryPath, "/", "/-/healthy", "/-/ready", "/status", "/report", "/indicator/"] { m[p] = [.get, .head] }
        for p in ["/api/v1/alerts", "/api/v1/rules"] { m[p] = [.get] }
        m["/-/reload"] = [.post, .put]
        return m
    }

    /// The `/metrics` response for an exposition in a format: the pre-rendered snapshot, then what changes between
    /// collections (alerts, notification counters, process metrics).
    public static func metricsResponse(
        _ e: Exposition, format: ExpositionFormat, alerting: AlertingCoordinator? = nil,
        exporterMetrics: Bool = true, gzip: Bool = false
    ) -> Response {
        var writer = ExpositionWriter(format: format, reserve: 4096)
        if exporterMetrics, let alerting {
            let v = alerting.view.withLock { $0.series }
            writer.write(v)
            var b = SnapshotBuilder(externalLabels: e.externalLabels)
            for f in NotifyMetrics.families { b.declare(f) }
            b.add(alerting.notifier.metrics.samples())
            writer.write(b.build())
        }
        if exporterMetrics { writer.write(ProcessMetrics.snapshot()) }
        writer.finish()
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        if gzip {
            let (prefix, deflated) = e.renderings.gzipPrefix(format)
            headers[.contentEncoding] = "gzip"
            headers[.vary] = "Accept-Encoding"
            let parts = [
                ByteBuffer(bytes: Gzip.header), deflated,
                ByteBuffer(bytes: Gzip.finish(after: prefix, tail: writer.bytes)),
            ]
            return Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: parts))
        }
        let tail = ByteBuffer(bytes: writer.bytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: [e.renderings.body(format), tail]))
    }

    /// Whether an `Accept-Encoding` header allows gzip (with a non-zero q).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingSpaces }
            guard let coding = fields.first?.lowercased(), coding == "gzip" || coding == "x-gzip" else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    static func json(_ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
