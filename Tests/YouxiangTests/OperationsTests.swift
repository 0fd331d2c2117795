import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

@Suite struct OperationsTests {
    static func engine() async throws -> Engine { try await TestEngines.shipped() }

    @Test func lifecycleEndpoint() async throws {
        let engine = try await Self.engine()
        let disabled = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics"))
        try await disabled.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .post) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/-/reload", method: .get) { #expect($0.status == .methodNotAllowed) }
        }
        let reloader = Reloader(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules, engine: engine, logger: Logger(label: "t"))
        let enabled = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics", reloader: reloader))
        try await enabled.test(.router) { client in
            try await client.execute(uri: "/-/reload", method: .post) { #expect($0.status == .ok) }
            try await client.execute(uri: "/-/reload", method: .put) { #expect($0.status == .ok) }
        }
        await engine.stop()
    }

    @Test func basicAuth() async throws {
        let engine = try await Self.engine()
        let web = try WebConfig.load(path: TestPaths.repo("deploy/web/web-config.example.yml")).get()
        #expect(web.tls != nil)
        _ = try web.tlsConfiguration()
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics", users: web.users))
        @Sendable func basic(_ s: String) -> HTTPFields { [.authorization: "Basic " + Data(s.utf8).base64EncodedString()] }
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { res in
                #expect(res.status == .unauthorized)
                #expect(res.headers[.wwwAuthenticate] == "Basic realm=\"youxiangd\"")
            }
            try await client.execute(uri: "/metrics", method: .get, headers: basic("prometheus:wrong")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: basic("nobody:example-password")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: basic("prometheus:example-password")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/-/healthy", method: .get, headers: basic("prometheus:example-password")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func webConfigErrors() throws {
        let path = try TestPaths.temporaryFile(
            """
            tls_server_config:
              cert_file: missing.crt
              key_file: missing.key
              cipher_suites: [TLS_AES_128_GCM_SHA256]
            basic_auth_users:
              alice: plaintext
            extra: 1
            """, name: "web.yml")
        guard case .failure(let e) = WebConfig.load(path: path) else { Issue.record("should fail"); return }
        let text = e.description
        #expect(text.contains("cipher_suites is not supported"))
        #expect(text.contains("expected a bcrypt hash"))
        #expect(text.contains("unknown key \"extra\""))
        #expect(text.contains("cannot load the certificate or key"))
    }

    @Test func fileStampSeesRenameSavesAndSymlinkSwaps() throws {
        let dir = NSTemporaryDirectory() + "youxiang-stamp-" + UUID().uuidString
        let a = try TestPaths.temporaryFile("one", name: "a.yml", in: dir)
        let before = FileStamp(path: a)
        // Rename-save: write a new file and move it over the old one (same size, new inode).
        let tmp = try TestPaths.temporaryFile("two", name: ".a.yml.swp", in: dir)
        #expect(rename(tmp, a) == 0)
        #expect(FileStamp(path: a) != before)
        // ConfigMap-style: config → ..data/config, ..data a symlink swapped to a new folder.
        try FileManager.default.createDirectory(atPath: dir + "/v1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/v2", withIntermediateDirectories: true)
        try "x: 1".write(toFile: dir + "/v1/c.yml", atomically: false, encoding: .utf8)
        try "x: 2".write(toFile: dir + "/v2/c.yml", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/..data", withDestinationPath: "v1")
        try FileManager.default.createSymbolicLink(atPath: dir + "/c.yml", withDestinationPath: "..data/c.yml")
        let v1 = FileStamp(path: dir + "/c.yml")
        try FileManager.default.createSymbolicLink(atPath: dir + "/..data_tmp", withDestinationPath: "v2")
        #expect(rename(dir + "/..data_tmp", dir + "/..data") == 0)
        #expect(FileStamp(path: dir + "/c.yml") != v1)
        #expect(FileStamp(path: dir + "/missing") == nil)
    }

    @Test func logLines() {
        #expect(
            LineLogHandler.logfmt([("msg", "collector failed"), ("collector", "enrolment"), ("file", "a b.csv")])
                == #"msg="collector failed" collector=enrolment file="a b.csv""#)
        #expect(LineLogHandler.json([("msg", "say \"hi\"\n")]) == #"{"msg":"say \"hi\"\n"}"#)
    }
}
