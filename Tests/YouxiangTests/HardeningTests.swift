import Foundation
import GRDB
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import Testing
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangNotify

@testable import YouxiangRuntime

/// Issue 13: exact auth, HTTP limits, bounded reads, configuration limits, content-aware reloads, a damaged store.
@Suite struct HardeningTests {
    static func engine() async throws -> Engine { try await TestEngines.shipped() }

    static func basic(_ bytes: [UInt8]) -> HTTPFields { [.authorization: "Basic " + Data(bytes).base64EncodedString()] }

    // MARK: auth

    @Test func credentialsAreComparedOnEveryByte() async throws {
        let engine = try await Self.engine()
        let long = String(repeating: "p", count: 72)
        let users = [
            "prometheus": try WebConfig.load(path: TestPaths.repo("deploy/web/web-config.example.yml")).get().users["prometheus"]!,
            "long": Bcrypt.hash(long, cost: 4),
        ]
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics", users: users))
        try await app.test(.router) { client in
            let ok = Array("prometheus:example-password".utf8)
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(ok)) { #expect($0.status == .ok) }
            // The right password, then a NUL and anything: C's bcrypt would stop at the NUL.
            for tail: [UInt8] in [[0], [0] + Array("junk".utf8), [0, 0xff]] {
                try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(ok + tail)) { #expect($0.status == .unauthorized) }
            }
            // After a successful login (remembered), the same password with a NUL is still refused.
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(ok + [0])) { #expect($0.status == .unauthorized) }
            // A NUL in the user name, invalid UTF-8, a different Unicode normalisation of the name.
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(Array("prometheus\u{0}:example-password".utf8))) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(Array("prometheus:example-passwor".utf8) + [0xff])) {
                #expect($0.status == .unauthorized)
            }
            // 72 bytes is bcrypt's whole input: accepted; one byte more would be ignored by bcrypt, so it is refused.
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(Array("long:\(long)".utf8))) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(Array("long:\(long)x".utf8))) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: Self.basic(Array("long:\(long)\u{0}".utf8))) {
                #expect($0.status == .unauthorized)
            }
        }
        #expect(!BasicAuthMiddleware<BasicRequestContext>.checkable(Array("a\u{0}b".utf8)))
        #expect(!BasicAuthMiddleware<BasicRequestContext>.checkable(Array(repeating: 0x61, count: 73)))
        #expect(BasicAuthMiddleware<BasicRequestContext>.checkable(Array(repeating: 0x61, count: 72)))
    }

    // MARK: HTTP

    @Test func unknownMethodsOnKnownPathsAre405WithAllow() async throws {
        let engine = try await Self.engine()
        await engine.collectAll()  // the office's pages below answer from collected data
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics"))
        try await app.test(.router) { client in
            for m: HTTPRequest.Method in [.options, .trace, .post, .delete, .put] {
                try await client.execute(uri: "/metrics", method: m) { res in
                    #expect(res.status == .methodNotAllowed)
                    #expect(res.headers[.allow] == "GET, HEAD")
                }
            }
            try await client.execute(uri: "/-/reload", method: .options) { res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers[.allow] == "POST, PUT")
            }
            try await client.execute(uri: "/-/reload", method: .get) { #expect($0.headers[.allow] == "POST, PUT") }
            // The office's pages too, an indicator page by its folder's entry (regression: these were 404).
            for uri in ["/status", "/report?year=2025", "/indicator/kindergarten_enrolment_public"] {
                try await client.execute(uri: uri, method: .delete) { res in
                    #expect(res.status == .methodNotAllowed, "\(uri)")
                    #expect(res.headers[.allow] == "GET, HEAD", "\(uri)")
                }
            }
            // HEAD answers like GET without a body (regression: HEAD on these two was 404).
            try await client.execute(uri: "/report?year=2025", method: .head) { #expect($0.status == .ok) }
            try await client.execute(uri: "/indicator/kindergarten_enrolment_public", method: .head) { #expect($0.status == .ok) }
            try await client.execute(uri: "/indicator/no_such_indicator", method: .head) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/nowhere", method: .options) { #expect($0.status == .notFound) }
            // An unknown id is echoed cut to 64 characters (review: a 9,000-character id came back whole).
            let long = String(repeating: "x", count: 9000)
            try await client.execute(uri: "/indicator/" + long, method: .get) { res in
                #expect(res.status == .notFound)
                let body = String(buffer: res.body)
                #expect(body.contains(String(repeating: "x", count: 64) + "……") && !body.contains(String(repeating: "x", count: 65)))
            }
            // …decoded as typed, then escaped (fresh-eyes review: “%3Cscript%3E” came back percent-encoded).
            try await client.execute(uri: "/indicator/%3Cscript%3E%E5%AD%A6", method: .get) { res in
                let body = String(buffer: res.body)
                #expect(body.contains("“&lt;script&gt;学”") && !body.contains("%3C"), "\(body)")
            }
        }
    }

    @Test func bodyLimitCountsBytesReadNotContentLength() async throws {
        let engine = try await Self.engine()
        let reloader = Reloader(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules, engine: engine, logger: Logger(label: "t"))
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics", reloader: reloader, maxBodyBytes: 1024))
        try await app.test(.live) { client in
            // Declared too large.
            try await client.execute(uri: "/-/reload", method: .post, headers: [.contentLength: "5000"], body: ByteBuffer(repeating: 0x61, count: 5000)) {
                #expect($0.status == .contentTooLarge)
            }
            // Within the limit: reloads.
            try await client.execute(uri: "/-/reload", method: .post, body: ByteBuffer(repeating: 0x61, count: 100)) { #expect($0.status == .ok) }
        }
        await engine.stop()
    }

    // MARK: bounded reads

    @Test func nonRegularFilesAreRefusedUnlessAllowed() throws {
        let spec = TableSpec(columns: ["a": ColumnSpec(header: "a")])
        #expect(throws: IngestDiagnostic.self) { try TableReader.read(path: "/dev/zero", spec: spec, limits: ReadLimits()) }
        do {
            _ = try BoundedFile.contents(of: "/dev/null", limits: ReadLimits())
            Issue.record("a device must be refused")
        } catch {
            #expect("\(error)".contains("not a regular file"))
        }
        #expect(try BoundedFile.contents(of: "/dev/null", limits: ReadLimits(allowNonRegularFiles: true)).isEmpty)
    }

    @Test func aByteLimitStopsAnEndlessDevice() throws {
        let limits = ReadLimits(maxFileBytes: 8 << 20, allowNonRegularFiles: true)
        do {
            _ = try BoundedFile.contents(of: "/dev/zero", limits: limits)
            Issue.record("reading /dev/zero must stop")
        } catch {
            #expect("\(error)".contains("max_file_bytes"))
        }
        // The CSV reader: one endless record of zero bytes is dropped at 1 MiB, then the byte limit fails the file.
        #expect(throws: IngestDiagnostic.self) {
            try TableReader.read(path: "/dev/zero", spec: TableSpec(columns: ["a": ColumnSpec(header: "a")]), limits: limits)
        }
        var reader = try CSVReader(path: "/dev/zero", limits: limits)
        var last: Result<CSVRecord, IngestDiagnostic>?
        while let r = reader.next() { last = r }
        guard case .failure(let d)? = last else { Issue.record("expected a final failure"); return }
        #expect(d.message.contains("max_file_bytes"))
    }

    @Test func aCancelledReadStops() async throws {
        // Cancelled at once: the reader stops at its next chunk (the byte limit only bounds a broken check).
        let task = Task { () -> String in
            do {
                _ = try BoundedFile.contents(of: "/dev/zero", limits: ReadLimits(maxFileBytes: 256 << 20, allowNonRegularFiles: true)); return "finished"
            } catch { return "\(error)" }
        }
        task.cancel()
        #expect(await task.value.contains("timeout"))
    }

    @Test func aRunAbandonedAtItsTimeoutStopsItsReaderOnTheWorkerThread() async throws {
        // As a collector runs: limits and cancellation through IOContext, the read on a Dispatch thread.
        let context = IOContext(maxFileBytes: 256 << 20, allowNonRegularFiles: true)
        let reading = Task {
            try await IOContext.$current.withValue(context) {
                try await BlockingIO.run { () -> String in
                    do { _ = try BoundedFile.contents(of: "/dev/zero"); return "finished" } catch { return "\(error)" }
                }
            }
        }
        context.cancel()
        #expect(try await reading.value.contains("timeout"))
    }

    @Test func overlongCSVRecordsAreRejectedNotKept() throws {
        let big = String(repeating: "x", count: ReadLimits.maxRecordBytes + 10)
        let path = try TestPaths.temporaryFile("a,b\n\(big),1\n2,3\n", name: "long.csv")
        let t = try TableReader.read(path: path, spec: TableSpec(columns: ["a": ColumnSpec(header: "a"), "b": ColumnSpec(header: "b")]))
        #expect(t.rows.count == 1)
        #expect(t.rejected.count == 1)
        #expect(t.rejected.first?.message.contains("record longer than") == true)
    }

    // MARK: configuration limits

    static func check(_ yaml: String) -> [Diagnostic] {
        let path = try! TestPaths.temporaryFile(yaml)
        switch ConfigLoader.load(path: path, modules: allModules) {
        case .success: return []
        case .failure(let e): return e.diagnostics
        }
    }

    @Test func aliasBombUnderYearsIsRefusedWithItsPosition() {
        var yaml = "global: {interval: 1h}\nanchors:\n  a0: &a0 [2022, 2023, 2024, 2025, 2026, 2027, 2022, 2023, 2024, 2025]\n"
        for i in 1...8 { yaml += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "collectors:\n  - name: t\n    module: table\n    years: [*a8, *a8]\n"
        let d = Self.check(yaml)
        #expect(d.count == 1)
        #expect(d.first?.message.contains("aliases expand to more than") == true)
        #expect(d.first.map { $0.line > 0 && $0.column > 0 } == true)
    }

    @Test func aliasBombInsideTheCollectorIsRefusedAtTheAlias() {
        let yaml = """
            collectors:
              - name: t
                module: table
                years: &y [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]
                a: &a [*y, *y, *y, *y, *y, *y, *y, *y, *y, *y]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]

            """
        let d = Self.check(yaml)
        #expect(d.count == 1)
        #expect(d.first?.line == 8)  // d: ten aliases of c (11,111 nodes each) cross 100,000
    }

    @Test func tagsThatContradictTheTypeAreErrors() {
        for (yaml, needle) in [
            ("global: {interval: !!float 5m}\ncollectors: []\n", "!!float contradicts"),
            ("global: {interval: !custom 5m}\ncollectors: []\n", "unsupported YAML tag !custom"),
            ("global: {interval: !!python/object:os.system 5m}\ncollectors: []\n", "unsupported YAML tag !!python/object:os.system"),
            ("global: {keep_last_good: !!str 3}\ncollectors: []\n", "!!str contradicts"),
            ("global: !!seq {interval: 5m}\ncollectors: []\n", "!!seq contradicts"),
        ] {
            let d = Self.check(yaml)
            #expect(d.contains { $0.message.contains(needle) }, "\(yaml): \(d)")
        }
        #expect(Self.check("global: {interval: !!str 5m, keep_last_good: !!int 3}\ncollectors: []\n").isEmpty)
    }

    @Test func numericSettingsHaveRanges() {
        #expect(Self.check("global: {keep_last_good: 9223372036854775807}\ncollectors: []\n").contains { $0.message.contains("from 0 to 1000") })
        let table = """
            collectors:
              - name: t
                module: table
                source:
                  skip_rows: 9223372036854775807
                  columns: {v: {header: v, scale: 0}}
                  files: [{path: x.csv, year: -2147483649}]
                metrics: [{name: eduplan_x, help: x, aggregate: sum, value: v}]

            """
        let d = Self.check(table)
        #expect(d.contains { $0.message.contains("from 0 to 1000000") }, "\(d)")
        #expect(d.contains { $0.message.contains("greater than 0") }, "\(d)")
        #expect(d.contains { $0.message.contains("from 1900 to 2100") }, "\(d)")
    }

    @Test func labelValuesAndStringsHaveLengthLimits() {
        let long = String(repeating: "x", count: YAMLLimits.maxLabelValueBytes + 1)
        #expect(Self.check("global: {external_labels: {district: \"\(long)\"}}\ncollectors: []\n").contains { $0.message.contains("label value has") })
    }

    // MARK: reloads

    @Test func aReloadOfIdenticalContentDoesNotMoveTheTimestamp() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-reload-" + UUID().uuidString
        let yaml = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
        let path = try TestPaths.temporaryFile(yaml, name: "youxiang.yml", in: dir)
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "t"))
        let reloader = Reloader(path: path, modules: allModules, engine: engine, logger: Logger(label: "t"))
        await reloader.recordStart(pipeline)
        await engine.rebuild()
        func stamp() -> Double? {
            engine.published.current.snapshot.families.first { $0.family.name == "youxiang_config_last_reload_success_timestamp_seconds" }?.series.first?.value
        }
        let first = stamp()
        #expect(first != nil)
        try await Task.sleep(for: .milliseconds(50))
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)  // byte-identical rewrite
        _ = await reloader.reload(reason: "test")
        #expect(stamp() == first)
        #expect(await reloader.loadedHash(of: path) == .some(ContentHash.of(path)))
        try (yaml + "\n# edited\n").write(toFile: path, atomically: true, encoding: .utf8)
        _ = await reloader.reload(reason: "test")
        #expect(stamp() != first)
        await engine.stop()
    }

    // MARK: state store

    @Test func aCorruptStateStoreIsMovedAsideAndReplaced() throws {
        let dir = NSTemporaryDirectory() + "youxiang-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: dir + "/youxiang.db"))
        let (outbox, recovery) = try Outbox.openRecovering(directory: dir, logger: Logger(label: "t"))
        #expect(recovery != nil)
        #expect(FileManager.default.fileExists(atPath: recovery!.movedTo))
        #expect(try outbox.state("x") == nil)
        try outbox.commit([], states: ["x": Data([1])])
        // A sound store opens as it is.
        let (again, none) = try Outbox.openRecovering(directory: dir + "2", logger: Logger(label: "t"))
        #expect(none == nil)
        _ = again
    }

    @Test func aStoreOfAnUnknownSchemaIsMovedAside() throws {
        let dir = NSTemporaryDirectory() + "youxiang-store-" + UUID().uuidString
        do {
            let o = try Outbox(directory: dir)
            try o.commit([], states: ["k": Data([1])])
        }
        // A later version's migration.
        let q = try DatabaseQueue(path: dir + "/youxiang.db")
        try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')") }
        let (_, recovery) = try Outbox.openRecovering(directory: dir, logger: Logger(label: "t"))
        #expect(recovery?.reason.contains("unknown schema") == true)
    }
}
