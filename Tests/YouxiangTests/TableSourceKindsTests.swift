import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YouxiangCore
import YouxiangModules
import YouxiangRuntime
import YouxiangTestSupport

/// The generic `table` module with every source kind: the metric's fields count as mapped whether the `columns:`
/// sit on a listed file, a `{year}` pattern entry or an `http:`/`sql:` source; and a source that fails to decode
/// gives its own diagnostic only, never a second one about the metrics' fields.
@Suite struct TableSourceKindsTests {
    static func yaml(_ source: String) -> String {
        """
        collectors:
          - name: t
            module: table
            source: {\(source)}
            metrics: [{name: eduplan_test_children, help: x, aggregate: sum, value: children}]
        """
    }

    static func diagnostics(_ source: String, in folder: String? = nil) throws -> [Diagnostic] {
        switch Pipeline.load(path: try TestPaths.temporaryFile(yaml(source), in: folder), modules: allModules) {
        case .success: return []
        case .failure(let e): return e.diagnostics
        }
    }

    /// The `eduplan_test_children` samples `once` gives for the configuration, by year.
    static func sums(_ source: String, in folder: String) async throws -> [String: Double] {
        let path = try TestPaths.temporaryFile(yaml(source), in: folder)
        let r = try await CSVComparison.collect(path)
        #expect(r.errors == [], "\(r.errors)")
        var out: [String: Double] = [:]
        for s in r.samples where s.family == "eduplan_test_children" { out[s.labels["year"] ?? "?"] = s.value }
        return out
    }

    @Test func yearPatternColumnsCount() async throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/yp", withIntermediateDirectories: true)
        try "学校标识码,在园幼儿数\nA,10\nB,32\n".write(toFile: dir + "/yp/kg_2023.csv", atomically: true, encoding: .utf8)
        let source = "columns: {school_id: 学校标识码, children: 在园幼儿数}, files: [{path: \"yp/kg_{year}.csv\"}]"
        #expect(try Self.diagnostics(source, in: dir).map(\.description) == [])
        #expect(try await Self.sums(source, in: dir) == ["2023": 42])
    }

    @Test func httpColumnsCount() async throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let body = Data(#"{"code":0,"data":{"list":[{"学校标识码":"A","在园幼儿数":10},{"学校标识码":"B","在园幼儿数":32}]}}"#.utf8)
        let router = Router()
        router.get("/kg_2023.json") { _, _ in HTTPSourceTests.json(body) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let source =
                "columns: {school_id: 学校标识码, children: 在园幼儿数}, "
                + "http: {url: \"http://127.0.0.1:\(client.port!)/kg_{year}.json\", years: [2023], records_key: data.list}"
            let diagnostics = try Self.diagnostics(source, in: dir)
            #expect(diagnostics.map(\.description) == [])
            let sums = try await Self.sums(source, in: dir)
            #expect(sums == ["2023": 42])
        }
    }

    /// One mistake in the source block, one diagnostic: no false "field … is not mapped" on the metric.
    @Test func aSourceErrorIsTheOnlyDiagnostic() throws {
        let columns = "columns: {school_id: 学校标识码, children: 在园幼儿数}, "
        for (source, want) in [
            ("files: [{path: 'http://127.0.0.1:9/kg.json'}]", "replace files: with http: {url: …}"),
            ("sql: {host: 127.0.0.1, user: u, query: 'select 1', password: hunter2}", "put the secret in password_file or password_env"),
            ("http: {url: 'http://127.0.0.1:9/kg', auth: {bearer: {token: abc}}}", "put the secret in token_file or token_env"),
        ] {
            let d = try Self.diagnostics(columns + source)
            #expect(d.count == 1 && d.first?.message.contains(want) == true, "\(source): \(d.map(\.description))")
            #expect(!d.contains { $0.message.contains("hunter2") })
        }
    }

    /// A listed path that is a folder is named at load (`check config` skips the folders of `{year}` patterns, which
    /// it watches, instead of warning that they are not files).
    @Test func aListedFolderIsReportedAtLoadAndAPatternsFolderIsNot() throws {
        let dir = try CSVComparison.temporaryDirectory("http")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/yp", withIntermediateDirectories: true)
        try "学校标识码,在园幼儿数\nA,10\n".write(toFile: dir + "/yp/kg_2023.csv", atomically: true, encoding: .utf8)
        let columns = "columns: {school_id: 学校标识码, children: 在园幼儿数}, "
        func problems(_ files: String) throws -> [String] {
            switch Pipeline.load(path: try TestPaths.temporaryFile(Self.yaml(columns + files), in: dir), modules: allModules) {
            case .success(let p): return p.config.dataFileProblems.map(\.message)
            case .failure(let e): return e.diagnostics.map(\.message)
            }
        }
        #expect(try problems("files: [{path: \"yp/kg_{year}.csv\"}]") == [])
        let folder = try problems("files: [{path: yp, year: 2023}]")
        #expect(folder.count == 1 && folder.first?.contains("yp is a folder, not a file") == true, "\(folder)")
    }
}
