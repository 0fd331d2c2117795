import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import NIOSSL
import Testing
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime

@testable import YouxiangSources

/// `http` sources against a real HTTP server on 127.0.0.1 (Hummingbird, in process, a free port): the shipped
/// digital-infrastructure data served as JSON gives the same rows and series as the same JSON in files and as the CSV
/// files; each failure (connection refused, a non-200, an HTML page, truncated JSON, a slow server, a body over the
/// limit, refused credentials, an untrusted certificate) fails that source only, its years incomplete, with a clear
/// message naming the URL and never a secret.
@Suite(.serialized) struct HTTPSourceTests {
    static let token = "tok-\(UUID().uuidString.prefix(12))"
    static let password = "pw-\(UUID().uuidString.prefix(12))"

    /// The records of a CSV file as JSON objects keyed by header: the space counts as JSON numbers, the rest as strings.
    static func records(_ path: String) throws -> [[String: Any]] {
        let csv = try PlainCSV.table(path)
        return csv.rows.map { row in
            var object: [String: Any] = [:]
            for (name, text) in zip(csv.header, row) {
                object[name] = name.hasSuffix("教学空间数") ? (Int(text).map { $0 as Any } ?? text) : text
            }
            return object
        }
    }

    /// `{"code": 0, "data": {"list": [...]}}`, the usual envelope of the district's APIs.
    static func envelope(_ records: [[String: Any]]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["code": 0, "msg": "ok", "data": ["total": records.count, "list": records]], options: [.sortedKeys])
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok, type: String = "application/json; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The test API: the shipped data, and one route per failure.
    static func router(campuses: [Int: Data], labs: Data, badLabs: Data = Data(), allYears: Data = Data()) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/campus-all") { _, _ in json(allYears) }
        router.get("/labs-bad") { _, _ in json(badLabs) }
        router.get("/campus") { request, _ -> Response in
            guard let y = request.uri.queryParameters.get("year").flatMap(Int.init), let body = campuses[y] else {
                return json(Data(#"{"code":404,"msg":"no such year"}"#.utf8), status: .notFound)
            }
            return json(body)
        }
        router.get("/labs") { _, _ in json(labs) }
        router.get("/bearer/labs") { request, _ -> Response in
            let got = request.headers[.authorization] ?? ""
            guard got == "Bearer \(token)" else { return json(Data(#"{"error":"invalid token: \#(got)"}"#.utf8), status: .unauthorized) }
            return json(labs)
        }
        router.get("/basic/labs") { request, _ -> Response in
            let want = "Basic " + Data("youxiang:\(password)".utf8).base64EncodedString()
            guard request.headers[.authorization] == want else {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"edu\""])
            }
            return json(labs)
        }
        router.get("/unavailable") { _, _ in json(Data(#"{"error":"maintenance until 18:00"}"#.utf8), status: .serviceUnavailable) }
        router.get("/login") { _, _ in
            json(Data("<!DOCTYPE html><html><head><title>统一身份认证平台 登录</title></head><body>请登录</body></html>".utf8), type: "text/html; charset=utf-8")
        }
        router.get("/html-as-json") { _, _ in json(Data("\n  <html><body>Error 500</body></html>".utf8)) }
        router.get("/truncated") { _, _ in json(labs.prefix(labs.count / 2)) }
        router.get("/cut") { _, _ -> Response in
            // A chunked body that stops half-way: the handler fails after the first chunk and the connection is closed.
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: labs.prefix(labs.count / 2)))
                    throw HTTPError(.internalServerError)
                })
        }
        router.get("/slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(3))
            return json(labs)
        }
        router.get("/big") { _, _ -> Response in
            // No Content-Length: the limit is found while the body streams in.
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    for _ in 0..<8 { try await writer.write(ByteBuffer(repeating: UInt8(ascii: " "), count: 1000)) }
                    try await writer.write(ByteBuffer(bytes: labs))
                    try await writer.finish(nil)
                })
        }
        router.get("/unavailable-big") { _, _ in
            Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "busy " + String(repeating: "x", count: 200_000))))
        }
        router.get("/moved") { _, _ in Response(status: .found, headers: [.location: "/labs"]) }
        router.get("/echo") { request, _ in json(Data(#"{"error":"bad request","url":"\#(request.uri)"}"#.utf8), status: .internalServerError) }
        return router
    }

    /// The AI labs with the second record's 建成年份 not a year.
    static func badLabs() throws -> Data {
        var labs = try records(CSVComparison.labsFile)
        labs[1]["建成年份"] = "二〇二三"
        return try JSONSerialization.data(withJSONObject: labs, options: [.sortedKeys])
    }

    static func data() throws -> (campuses: [Int: Data], labs: Data) {
        var campuses: [Int: Data] = [:]
        for y in CSVComparison.campusYears { campuses[y] = try envelope(records(CSVComparison.campusFile(y))) }
        let labs = try JSONSerialization.data(withJSONObject: try records(CSVComparison.labsFile), options: [.sortedKeys])
        return (campuses, labs)
    }

    @Test func sameRowsAndSeriesAsJSONFilesAndCSV_andEachFailureStaysOnItsSource() async throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (campuses, labs) = try Self.data()
        try Self.token.write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        try (Self.password + "\n").write(toFile: dir + "/password", atomically: true, encoding: .utf8)
        try "tok-wrong-but-secret".write(toFile: dir + "/wrong-token", atomically: true, encoding: .utf8)

        // The same JSON as files.
        for (y, body) in campuses { try body.write(to: URL(fileURLWithPath: dir + "/campus_\(y).json")) }
        try labs.write(to: URL(fileURLWithPath: dir + "/labs.json"))
        let jsonFiles = try CSVComparison.config(
            campuses: "records_key: data.list\n      files: ["
                + CSVComparison.campusYears.map { "{path: \(dir)/campus_\($0).json, year: \($0)}" }.joined(separator: ", ") + "]",
            labs: "files: [{path: \(dir)/labs.json}]", dir: dir)
        let csv = try await CSVComparison.collect(CSVComparison.example)
        let fromFiles = try await CSVComparison.collect(jsonFiles)
        #expect(fromFiles.errors == [], "\(fromFiles.errors.prefix(5))")
        #expect(!csv.samples.isEmpty)
        #expect(fromFiles.samples == csv.samples)

        let badLabs = try Self.badLabs()
        // Every year in one answer, each record carrying its 学年.
        var all: [[String: Any]] = []
        for y in CSVComparison.campusYears {
            all += try Self.records(CSVComparison.campusFile(y)).map {
                $0.merging(["学年": "\(y)"]) { a, _ in a }
            }
        }
        let app = Application(
            router: Self.router(campuses: campuses, labs: labs, badLabs: badLabs, allYears: try Self.envelope(all)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(client.port!)"
            let campusSource = "http: {url: '\(base)/campus?year={year}&access_token=\(Self.token)', years: [2022, 2023, 2024, 2025], records_key: data.list}"
            func labsConfig(_ http: String) throws -> String {
                try CSVComparison.config(campuses: campusSource, labs: "http: {\(http)}", dir: dir)
            }

            // Happy path: the same rows and samples as the JSON files, over plain, bearer and basic requests.
            for labsSource in [
                "url: \(base)/labs",
                "url: \(base)/bearer/labs, auth: {bearer: {token_file: \(dir)/token}}",
                "url: \(base)/basic/labs, auth: {basic: {username: youxiang, password_file: \(dir)/password}}",
            ] {
                let api = try await CSVComparison.collect(try labsConfig(labsSource))
                #expect(api.errors == [], "\(labsSource): \(api.errors.prefix(5))")
                #expect(api.problems.isEmpty, "\(api.problems)")
                #expect(api.rows == fromFiles.rows)
                #expect(
                    api.samples == fromFiles.samples,
                    "\(fromFiles.difference(api, "files", "API"))")
            }

            // One request for every year, each record's year from year_column: the same series.
            let oneRequest = try await CSVComparison.collect(
                try CSVComparison.config(
                    campuses: "records_key: data.list\n      http: {url: '\(base)/campus-all', year_column: 学年}", labs: "http: {url: \(base)/labs}", dir: dir))
            #expect(oneRequest.errors == [], "\(oneRequest.errors.prefix(5))")
            #expect(oneRequest.samples == fromFiles.samples)

            // Each failure: one error on the labs source, naming its URL; its family incomplete; the campus series stay;
            // no secret anywhere.
            func failing(_ labsSource: String, _ want: String) async throws {
                let r = try await CSVComparison.collect(try labsConfig(labsSource))
                #expect(r.errors.count == 1, "\(labsSource): \(r.errors)")
                let error = r.errors.first ?? ""
                #expect(error.contains(want), "want “\(want)”: \(error)")
                #expect(error.hasPrefix("http://127.0.0.1:"), "the message names the URL: \(error)")
                #expect(
                    r.problems.allSatisfy { p in p.reason.components(separatedBy: "http://127.0.0.1:").count <= 2 },
                    "the reason names the URL once: \(r.problems.map(\.reason))")
                for secret in [Self.token, Self.password, "tok-wrong-but-secret"] {
                    #expect(
                        !r.errors.contains { $0.contains(secret) } && !r.problems.contains { $0.reason.contains(secret) || $0.reasonZh.contains(secret) },
                        "a secret in \(r.errors)")
                }
                #expect(r.problems.contains { $0.families == ["eduplan_ai_innovation_labs"] && $0.reasonZh.hasPrefix("接口来源") }, "\(r.problems)")
                #expect(!r.samples.contains { $0.family == "eduplan_ai_innovation_labs" }, "a failed source publishes nothing, never 0")
                #expect(r.samples.contains { $0.family == "eduplan_school_5g_coverage_ratio" }, "the other source's series must stay")
            }
            let refused = try PostgresServer.freePort()
            // Refused at once, not retried until the timeout (AsyncHTTPClient retries by default).
            let start = ContinuousClock.now
            try await failing("url: http://127.0.0.1:\(refused)/labs, timeout: 120s", "connection refused")
            #expect(ContinuousClock.now - start < .seconds(60), "a refused connection must fail before its 120 s timeout")
            try await failing(
                "url: \(base)/unavailable", "the server answered HTTP 503 Service Unavailable — the body begins: {\"error\":\"maintenance until 18:00\"}")
            try await failing("url: \(base)/login", "the server returned an HTML page titled “统一身份认证平台 登录”, not JSON")
            try await failing("url: \(base)/html-as-json", "the server returned an HTML page, not JSON (HTTP 200, Content-Type application/json")
            try await failing("url: \(base)/truncated", "invalid JSON: The given data was not valid JSON. (the document stops after ")
            try await failing("url: \(base)/truncated", "without closing its array: it was cut short)")
            try await failing("url: \(base)/cut", "before the response was complete")
            try await failing("url: \(base)/slow, timeout: 300ms", "no complete answer within timeout 0.3 seconds")
            try await failing("url: \(base)/big, max_response_bytes: 5000", "the response is larger than max_response_bytes (5000 bytes)")
            // An error answer larger than the limit still says its status (only its start is kept, for the message).
            try await failing(
                "url: \(base)/unavailable-big, max_response_bytes: 5000", "the server answered HTTP 503 Service Unavailable — the body begins: busy xxx")
            try await failing("url: \(base)/moved", "HTTP 302 Found (a redirect to /labs); redirects are not followed")
            try await failing("url: \(base)/nowhere", "HTTP 404 Not Found; check the URL's path")
            try await failing("url: \(base)/bearer/labs", "HTTP 401 Unauthorized; it wants credentials: configure auth:")
            try await failing(
                "url: \(base)/bearer/labs, auth: {bearer: {token_file: \(dir)/wrong-token}}",
                "the credentials were refused: check the user name and the password/token file or variable — the body begins: {\"error\":\"invalid token: Bearer ***\"}"
            )
            try await failing(
                "url: \(base)/basic/labs, auth: {basic: {username: youxiang, password_file: \(dir)/wrong-token}}",
                "HTTP 401 Unauthorized; the credentials were refused")

            // A bad record is rejected with the URL and its position in the array, exactly as from a JSON file; the
            // year is incomplete.
            try badLabs.write(to: URL(fileURLWithPath: dir + "/labs-bad.json"))
            let fromAPI = try await CSVComparison.collect(try labsConfig("url: '\(base)/labs-bad?appKey=\(Self.token)'"))
            let fromFile = try await CSVComparison.collect(
                try CSVComparison.config(campuses: campusSource, labs: "files: [{path: \(dir)/labs-bad.json}]", dir: dir))
            #expect(fromAPI.errors.count == 1 && fromFile.errors.count == 1, "\(fromAPI.errors) \(fromFile.errors)")
            #expect(fromAPI.errors.first?.hasPrefix("\(base)/labs-bad?appKey=***:2: ") == true, "\(fromAPI.errors)")
            #expect(
                fromAPI.errors.first?.replacingOccurrences(of: "\(base)/labs-bad?appKey=***", with: "F")
                    == fromFile.errors.first?.replacingOccurrences(of: "\(dir)/labs-bad.json", with: "F"), "\(fromAPI.errors) \(fromFile.errors)")
            #expect(fromAPI.samples == fromFile.samples)
            #expect(fromAPI.problems.count == 1 && fromAPI.problems.first?.reason.contains("1 of 4 rows rejected") == true, "\(fromAPI.problems)")
        }
    }

    /// A server error body that echoes the request hides the values of the URL's credential-like query parameters,
    /// as the displayed URL does.
    @Test func anEchoedQuerySecretIsHidden() async throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = "K3Y\(UUID().uuidString.prefix(8))"
        let app = Application(router: Self.router(campuses: [:], labs: Data()), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let path = try TestPaths.temporaryFile(
                """
                collectors:
                  - name: t
                    module: table
                    source: {columns: {n: 数量}, http: {url: 'http://127.0.0.1:\(client.port!)/echo?year=2023&key=\(key)', year: 2023}}
                    metrics: [{name: eduplan_t_n, help: x, aggregate: sum, value: n}]
                """, in: dir)
            let r = try await CSVComparison.collect(path)
            #expect(r.errors.count == 1 && r.errors.first?.contains("echo?year=2023&key=***\"}") == true, "\(r.errors)")
            #expect(!r.errors.contains { $0.contains(key) } && !r.problems.contains { $0.reason.contains(key) || $0.reasonZh.contains(key) }, "\(r)")
            #expect(!r.problems.isEmpty)
        }
    }

    /// https with a private CA given by `ca_file` (certificates made by openssl in the test's folder): trusted with
    /// the CA, refused without it with a message that names `ca_file`, and refused for a certificate naming another host.
    @Test func httpsWithAPrivateCA() async throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // openssl off the shared concurrency pool (key generation takes seconds on a loaded machine).
        try await SQLSourceTests.offPool {
            try PostgresServer.run(
                "/bin/sh",
                [
                    "-c",
                    """
                    cd '\(dir)' && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.crt \
                    && openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr \
                    && printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext \
                    && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt \
                    && printf 'subjectAltName=DNS:data.example.test\\n' > other.ext \
                    && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile other.ext -out other.crt
                    """,
                ])
        }
        let (campuses, labs) = try Self.data()
        let chain = try NIOSSLCertificate.fromPEMFile(dir + "/server.crt").map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: dir + "/server.key", format: .pem)
        let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        let app = Application(
            router: Self.router(campuses: campuses, labs: labs), server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let csv = try await CSVComparison.collect(CSVComparison.example)
        try await app.test(.live) { client in
            let base = "https://127.0.0.1:\(client.port!)"
            let campusSource = "http: {url: '\(base)/campus?year={year}', years: [2022, 2023, 2024, 2025], records_key: data.list, ca_file: \(dir)/ca.crt}"
            let trusted = try await CSVComparison.collect(
                try CSVComparison.config(campuses: campusSource, labs: "http: {url: \(base)/labs, ca_file: ca.crt}", dir: dir))
            #expect(trusted.errors == [], "\(trusted.errors)")
            #expect(trusted.samples == csv.samples)

            let start = ContinuousClock.now
            let untrusted = try await CSVComparison.collect(
                try CSVComparison.config(campuses: campusSource, labs: "http: {url: \(base)/labs, timeout: 120s}", dir: dir))
            #expect(ContinuousClock.now - start < .seconds(60), "a failed handshake must fail before its 120 s timeout")
            #expect(untrusted.errors.count == 1, "\(untrusted.errors)")
            #expect(
                untrusted.errors.first?.contains("TLS failed: the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED)") == true,
                "\(untrusted.errors)")
            #expect(untrusted.errors.first?.contains("set ca_file:") == true, "\(untrusted.errors)")
            #expect(untrusted.samples.contains { $0.family == "eduplan_school_5g_coverage_ratio" })
        }

        // A certificate from the right CA that names another host (data.example.test, not 127.0.0.1): refused, and
        // the message says the host does not match.
        let other = try NIOSSLCertificate.fromPEMFile(dir + "/other.crt").map { NIOSSLCertificateSource.certificate($0) }
        let otherApp = Application(
            router: Self.router(campuses: campuses, labs: labs),
            server: try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: other, privateKey: .privateKey(key))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await otherApp.test(.live) { client in
            let labsSource = "http: {url: 'https://127.0.0.1:\(client.port!)/labs', ca_file: ca.crt, timeout: 120s}"
            let wrongHost = try await CSVComparison.collect(
                try CSVComparison.config(
                    campuses: "files: [{path: \(CSVComparison.campusFile(2024)), year: 2024}]",
                    labs: labsSource, dir: dir))
            #expect(wrongHost.errors.count == 1, "\(wrongHost.errors)")
            #expect(wrongHost.errors.first?.contains("the server's certificate does not name the URL's host") == true, "\(wrongHost.errors)")
        }
    }
}

/// `check config` on `http:` sources: each mistake is an error at its key with the fix, all reported at once.
@Suite struct HTTPSourceConfigTests {
    static func load(_ source: String) throws -> [Diagnostic] {
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {year: 年份, n: 数量}, \(source)}
                metrics: [{name: eduplan_t_rows, help: rows, aggregate: count}]
            """)
        switch Pipeline.load(path: path, modules: allModules) {
        case .success: return []
        case .failure(let e): return e.diagnostics
        }
    }

    static func expectError(_ source: String, at key: String, _ want: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try load(source)
        #expect(
            d.contains { $0.path.hasSuffix(key) && $0.message.contains(want) && $0.line == 4 && $0.column > 0 },
            "want \(key): \(want) in \(d.map { "\($0.line):\($0.column) \($0.path): \($0.message)" })", sourceLocation: sourceLocation)
    }

    @Test func eachMistakeIsNamedWithItsFix() throws {
        try Self.expectError("http: {url: 'ftp://data.example.cn/kg.json'}", at: "http.url", "expected an http:// or https:// URL (found ftp://)")
        try Self.expectError("http: {url: data/kg.json}", at: "http.url", "a file goes under files: - {path: …}")
        try Self.expectError("http: {url: 'https://me:secret@data.example.cn/kg'}", at: "http.url", "put credentials in auth:")
        try Self.expectError("http: {url: 'https://data.example.cn/kg?year={year}'}", at: "http.url", "{year} in the URL needs years:")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', years: [2023]}", at: "http.years", "put {year} in the URL")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', year: 2023, year_column: 年份}", at: "http.year_column", "give one of years:")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', auth: {basic: {username: u, password: hunter2}}}",
            at: "http.auth.basic.password", "put the secret in password_file or password_env")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', auth: {basic: {username: u}}}", at: "http.auth.basic", "missing password_file or password_env")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', auth: {bearer: {token_env: YOUXIANG_TEST_UNSET_TOKEN}}}",
            at: "http.auth.bearer.token_env", "environment variable YOUXIANG_TEST_UNSET_TOKEN is not set")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', auth: {bearer: {token_file: /nonexistent/token}}}",
            at: "http.auth.bearer.token_file", "cannot read /nonexistent/token")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', auth: {}}", at: "http.auth", "give exactly one of basic:")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', headers: {Authorization: Bearer x}}", at: "http.headers.Authorization", "give credentials with auth:")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', headers: {'bad header': x}}", at: "http.headers.bad header", "not a valid header name")
        try Self.expectError("http: {url: 'http://data.example.cn/kg', ca_file: /etc/hostname}", at: "http.ca_file", "ca_file applies to https:// URLs only")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', ca_file: /etc/hostname}", at: "http.ca_file", "holds no PEM certificate")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', ca_file: /nonexistent/ca.crt}", at: "http.ca_file", "does not exist")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', timeout: 0s}", at: "http.timeout", "expected a positive duration")
        try Self.expectError(
            "http: {url: 'https://data.example.cn/kg', max_response_bytes: 0}", at: "http.max_response_bytes", "expected an integer from 1 to 1099511627776")
        try Self.expectError("http: {url: 'https://data.example.cn/kg', recordskey: data}", at: "http.recordskey", "did you mean \"records_key\"?")
        try Self.expectError(
            "encoding: gbk, http: {url: 'https://data.example.cn/kg'}", at: "encoding", "encoding applies to files; an http: source reads JSON")
        try Self.expectError("files: [{path: x.csv}], http: {url: 'https://data.example.cn/kg'}", at: "http", "either files: or http:, not both")
        try Self.expectError("files: [{path: 'https://data.example.cn/kg.json?token=abc123'}]", at: "path", "replace files: with http: {url: …}")
        #expect(try Self.load("files: [{path: 'https://data.example.cn/kg.json?token=abc123'}]").allSatisfy { !$0.message.contains("abc123") })
    }

    @Test func validSourcesLoad() throws {
        setenv("YOUXIANG_TEST_HTTP_TOKEN", "t0ken-from-env", 1)
        #expect(try Self.load("http: {url: 'https://data.example.cn/kg', records_key: data.list, auth: {bearer: {token_env: YOUXIANG_TEST_HTTP_TOKEN}}}") == [])
        #expect(
            try Self.load(
                "records_key: rows, http: {url: 'http://127.0.0.1:9/kg?year={year}', years: [2022, 2023], timeout: 5s, max_response_bytes: 1048576, "
                    + "headers: {Accept: application/json, X-App-Key: {value_env: YOUXIANG_TEST_HTTP_TOKEN}}}") == [])
    }

    @Test func displayedURLHidesCredentialLikeParameters() {
        #expect(
            HTTPDisplay.url("https://h.cn/api?year=2024&access_token=abc&appKey=k1&page=2") == "https://h.cn/api?year=2024&access_token=***&appKey=***&page=2")
        #expect(HTTPDisplay.url("https://u:p@h.cn/x") == "https://h.cn/x")
    }
}

/// `records_key` as a dotted path of members (an API's `{"data": {"list": [...]}}` envelope), for files and bodies alike.
@Suite struct RecordsPathTests {
    static let columns = ["n": ColumnSpec(header: "数量")]

    static func read(_ json: String, _ key: String?) throws(IngestDiagnostic) -> TableReadResult {
        try JSONTableReader.read(data: Data(json.utf8), source: "https://h.cn/api", columns: columns, recordsKey: key)
    }

    @Test func dottedPathReachesTheArray() throws {
        let r = try Self.read(#"{"code": 0, "data": {"total": 2, "list": [{"数量": 3}, {"数量": "1,620"}]}}"#, "data.list")
        #expect(r.rowsRead == 2)
        #expect(try r.rows.map { try $0.number("n") } == [3, 1620])
        // A member whose name has a dot is still found by its exact name first.
        #expect(try Self.read(#"{"data.list": [{"数量": 1}], "data": {"list": []}}"#, "data.list").rowsRead == 1)
    }

    @Test func aWrongPathNamesTheStepAndTheMembersThere() {
        #expect(
            throws: IngestDiagnostic(
                file: "https://h.cn/api", line: 0, message: #"records_key data.rows: "data" has no member "rows"; members present: list, total"#)
        ) {
            try Self.read(#"{"data": {"total": 2, "list": []}}"#, "data.rows")
        }
        #expect(throws: IngestDiagnostic(file: "https://h.cn/api", line: 0, message: #"records_key data.list: "data" is not an object"#)) {
            try Self.read(#"{"data": 5}"#, "data.list")
        }
        #expect(throws: IngestDiagnostic(file: "https://h.cn/api", line: 0, message: #"records_key data.list: "data.list" is not an array"#)) {
            try Self.read(#"{"data": {"list": {"a": 1}}}"#, "data.list")
        }
    }
}
