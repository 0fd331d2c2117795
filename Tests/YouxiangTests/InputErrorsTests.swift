import Foundation
import Testing
import YouxiangConfig
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime

/// Errors that say what to do: GBK bytes read as UTF-8, a URL where a path belongs, a data file that does not exist.
@Suite struct InputErrorsTests {
    @Test func gbkBytesReadAsUTF8SayToSetTheEncoding() throws {
        let decoder = try FieldDecoder(.utf8)
        // 幼儿园 in GBK.
        let gbk: [UInt8] = [0xD3, 0xD7, 0xB6, 0xF9, 0xD4, 0xB0]
        do {
            _ = try decoder.decode(gbk)
            Issue.record("GBK bytes must not decode as UTF-8")
        } catch {
            #expect("\(error)".contains("they are valid GBK: set `encoding: gbk`"), "\(error)")
        }
        // Bytes that are neither UTF-8 nor GBK get no such hint.
        do {
            _ = try decoder.decode([0x41, 0xFF, 0xFF])
            Issue.record("FF FF is not UTF-8")
        } catch {
            #expect(!"\(error)".contains("GBK"), "\(error)")
        }
    }

    @Test func shippedGBKFileReadAsUTF8NamesTheFix() throws {
        let spec = TableSpec(columns: ["name": ColumnSpec(header: "学校名称")], skipRows: 2, headerRows: 2)
        do {
            _ = try TableReader.read(path: TestPaths.repo("plugins/enrolment/data/kindergartens_2022.csv"), spec: spec)
            Issue.record("a GBK header read as UTF-8 must fail")
        } catch {
            #expect(error.message.contains("set `encoding: gbk`"), "\(error)")
        }
    }

    static func config(_ files: String) throws -> String {
        let dir = NSTemporaryDirectory() + "youxiang-inputs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try "年份,数量\n2024,3\n".write(toFile: dir + "/data/here.csv", atomically: true, encoding: .utf8)
        return try TestPaths.temporaryFile(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {year: 年份, n: 数量}, files: \(files)}
                metrics: [{name: eduplan_t_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: dir)
    }

    @Test func missingDataFileIsReportedUnlessOptional() throws {
        let missing = try Pipeline.load(path: Self.config("[{path: data/here.csv}, {path: data/gone.csv}]"), modules: allModules).get()
        #expect(missing.config.dataFileProblems.count == 1)
        #expect(missing.config.dataFileProblems.first?.message.contains("data file data/gone.csv does not exist") == true)
        #expect(missing.config.dataFileProblems.first?.message.contains("optional: true") == true)
        let optional = try Pipeline.load(path: Self.config("[{path: data/here.csv}, {path: data/gone.csv, optional: true}]"), modules: allModules).get()
        #expect(optional.config.dataFileProblems.isEmpty)
    }

    @Test func urlWherePathBelongsIsAConfigError() throws {
        switch Pipeline.load(path: try Self.config("[{path: \"https://data.example.cn/kg.csv\"}]"), modules: allModules) {
        case .success: Issue.record("a URL in path must be rejected")
        case .failure(let e):
            #expect(e.diagnostics.contains { $0.message.contains("path takes a file path, not a URL") }, "\(e.diagnostics)")
        }
    }
}
