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

    /// Regression (fresh-eyes review): the office's reason for a GBK file read as UTF-8, or a CSV saved as .xlsx, was
    /// only “内容无法读取”; it now says what is wrong in words the office can pass on.
    @Test func theOfficesReasonSaysWhatIsWrong() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-reason-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0xC3, 0xFB, 0xB3, 0xC6, 0x0A, 0x31, 0x0A]).write(to: URL(fileURLWithPath: dir + "/gbk.csv"))  // 名称 in GBK
        try "名称\n1\n".write(toFile: dir + "/csv.xlsx", atomically: true, encoding: .utf8)
        let problems = try await Self.problems(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {n: 名称}, files: [{path: \(dir)/gbk.csv, year: 2023}, {path: \(dir)/csv.xlsx, year: 2024}]}
                metrics: [{name: eduplan_t_rows, help: rows, aggregate: count}]
            """)
        let zh = problems.map(\.reasonZh)
        #expect(zh.contains { $0.contains("“gbk.csv”") && $0.contains("文字编码与配置不符") }, "\(zh)")
        #expect(zh.contains { $0.contains("“csv.xlsx”") && $0.contains("不是有效的Excel工作簿") }, "\(zh)")
    }

    /// Regression (fresh-eyes review): one bad cell in the 2025 row of a multi-year file (assessments.csv) withheld every
    /// year of the indicators the file feeds. A rejected row whose own year reads withholds only that year.
    @Test func aRejectedRowOfAMultiYearFileWithholdsOnlyItsYear() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-reason-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "年份,数量\n2023,1\n2024,2\n2025,很多\n".write(toFile: dir + "/n.csv", atomically: true, encoding: .utf8)
        let problems = try await Self.problems(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {year: 年份, n: 数量}, files: [{path: \(dir)/n.csv}]}
                metrics: [{name: eduplan_t_total, help: total, aggregate: sum, value: n}]
            """)
        #expect(problems.map(\.year) == [2025], "\(problems)")
        #expect(problems.first?.reasonZh.contains("有1行数据被拒收（共3行）") == true, "\(problems)")
    }
}
