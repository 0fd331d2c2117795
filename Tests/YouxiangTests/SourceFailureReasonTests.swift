import Foundation
import Testing
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// The reason a failed read gives (logged as “data incomplete”, shown to operators) names its file or URL once:
/// `<url> failed: <message>`, never `<url> failed: <url>: <message>`.
@Suite struct SourceFailureReasonTests {
    static func problems(_ yaml: String) async throws -> [DataProblem] {
        let path = try TestPaths.temporaryFile(yaml)
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        var out: [DataProblem] = []
        for entry in pipeline.config.collectors { out += try await entry.collector.collect().problems }
        return out
    }

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func anHTTPFailureNamesTheURLOnce() async throws {
        let port = try PostgresServer.freePort()
        let url = "http://127.0.0.1:\(port)/api?year=2023"
        let problems = try await Self.problems(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {n: 数量}, http: {url: '\(url)', year: 2023}}
                metrics: [{name: eduplan_t_n, help: x, aggregate: sum, value: n}]
            """)
        #expect(problems.count == 1, "\(problems)")
        let reason = problems.first?.reason ?? ""
        #expect(reason.hasPrefix("\(url) failed: connection refused"), "\(reason)")
        #expect(Self.occurrences(url, in: reason) == 1, "\(reason)")
        #expect(Self.occurrences(url, in: problems.first?.reasonZh ?? "") == 1, "\(problems)")
    }

    @Test func aFileFailureNamesTheFileOnce() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-reason-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "名称\n1\n2\n".write(toFile: dir + "/n.csv", atomically: true, encoding: .utf8)
        let problems = try await Self.problems(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {n: 数量}, files: [{path: \(dir)/n.csv, year: 2023}]}
                metrics: [{name: eduplan_t_n, help: x, aggregate: sum, value: n}]
            """)
        #expect(problems.count == 1, "\(problems)")
        let reason = problems.first?.reason ?? ""
        #expect(reason.contains("failed: ") && reason.contains("数量"), "\(reason)")
        #expect(Self.occurrences("n.csv", in: reason) == 1, "\(reason)")
    }
}
