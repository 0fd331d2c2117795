import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import YouxiangModules

@testable import YouxiangRuntime

@Suite struct HTTPTests {
    @Test func metricsNegotiatesAndHealthEndpointsAnswer() async throws {
        let pipeline = try Pipeline.load(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "test"))
        await engine.rebuild()
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/-/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            await engine.collectAll()
            try await client.execute(uri: "/-/ready", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { res in
                #expect(res.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let body = String(buffer: res.body)
                #expect(body.contains("eduplan_kindergarten_enrolment_inclusive_ratio{district=\"330206\",year=\"2022\"} 0.9\n"))
                #expect(body.contains("process_resident_memory_bytes "))
                #expect(!body.contains("# EOF"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.accept: "application/openmetrics-text; version=1.0.0"]) { res in
                #expect(res.headers[.contentType] == "application/openmetrics-text; version=1.0.0; charset=utf-8")
                #expect(String(buffer: res.body).hasSuffix("# EOF\n"))
            }
            try await client.execute(uri: "/", method: .get) { res in
                #expect(String(buffer: res.body).contains("kindergarten_enrolment_public"))
            }
        }
    }

    /// Each parse is checked against literal fields (not against another parse, which would share any parser bug).
    @Test func listenAddresses() {
        let any = ListenAddress(":9096")
        #expect(any?.host == "0.0.0.0" && any?.port == 9096)
        let loopback = ListenAddress("127.0.0.1:8080")
        #expect(loopback?.host == "127.0.0.1" && loopback?.port == 8080)
        let v6 = ListenAddress("[::1]:80")
        #expect(v6?.host == "::1" && v6?.port == 80)
        #expect(ListenAddress("localhost") == nil)
        #expect(ListenAddress("localhost:65536") == nil)
        #expect(ListenAddress("localhost:http") == nil)
    }
}
