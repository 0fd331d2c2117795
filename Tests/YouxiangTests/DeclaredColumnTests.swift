import Foundation
import Testing
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime

/// Columns declared `type: date` / `type: year` in workbooks (tools/make_declared_column_fixtures.py): a date typed as
/// a number into a `General` cell reads as its date, a year typed into a date-formatted cell reads as the year, in the
/// 1900 and 1904 date systems and through FreeXL (.xls).
@Suite struct DeclaredColumnTests {
    static func read(_ file: String, declared: Bool) throws -> [(String?, String?)] {
        let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/\(file)")
        let spec = TableSpec(columns: [
            "id": ColumnSpec(header: "学校标识码"),
            "opened": ColumnSpec(header: "投用日期", kind: declared ? .date : nil),
            "year": ColumnSpec(header: "认定年份", kind: declared ? .year : nil),
        ])
        let t =
            file.hasSuffix(".xls")
            ? try XLSTableReader.read(path: path, sheet: nil, spec: spec)
            : try XLSXTableReader.read(path: path, sheet: nil, spec: spec)
        #expect(t.rows.map { $0.text("id") } == ["3302060001", "3302060002", "3302060003"])
        return t.rows.map { ($0.text("opened"), $0.text("year")) }
    }

    @Test(arguments: ["declared.xlsx", "declared1904.xlsx", "declared.xls"])
    func declaredColumnsReadAsDatesAndYears(file: String) throws {
        let rows = try Self.read(file, declared: true)
        #expect(rows.map(\.0) == ["2024-09-01", "2023-09-01", "2024-09-02"])
        #expect(rows.map(\.1) == ["2024", "2023", "2022"])
    }

    @Test(arguments: ["declared.xlsx", "declared.xls"])
    func undeclaredColumnsReadAsTheCellsSay(file: String) throws {
        // What the declaration fixes: the serial in a General cell, and 2024 in a date cell read as 1905-07-16.
        let rows = try Self.read(file, declared: false)
        #expect(rows.map(\.0) == ["45536", "2023-09-01", "45537"])
        #expect(rows.map(\.1) == ["1905-07-16", "2023", "2022-09-01"])
    }

    static func config(_ yearColumn: String) throws -> String {
        let dir = NSTemporaryDirectory() + "youxiang-declared-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try "年份,数量\n2024,3\n".write(toFile: dir + "/data/here.csv", atomically: true, encoding: .utf8)
        return try TestPaths.temporaryFile(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {year: \(yearColumn), n: 数量}, files: [{path: data/here.csv}]}
                metrics: [{name: eduplan_t_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: dir)
    }

    @Test func typeIsDecodedAndAnUnknownOneNamed() throws {
        _ = try Pipeline.load(path: Self.config("{header: 年份, type: year}"), modules: allModules).get()
        switch Pipeline.load(path: try Self.config("{header: 年份, type: datum}"), modules: allModules) {
        case .success: Issue.record("an unknown column type must be rejected")
        case .failure(let e):
            #expect(e.diagnostics.contains { $0.message.contains("unknown column type \"datum\" (expected date or year") }, "\(e.diagnostics)")
        }
    }
}
