import Foundation
import Testing
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime
import YouxiangSources

/// `.xlsx` sources: the shipped data converted by LibreOffice (tools/make_workbook_fixtures.sh) gives the same series
/// as the CSV files; the edge cases written by openpyxl (tools/make_workbook_edge_fixtures.py) read as documented.
@Suite(.serialized) struct WorkbookTests {
    static let plugins = ["enrolment", "vocational_progression", "lifelong_learning", "digital_infrastructure", "table"]

    /// The `eduplan_*` samples of every collector of a config, and the collection errors.
    static func collect(_ path: String) async throws -> (samples: Set<Sample>, errors: [String], rows: Int) {
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        var samples = Set<Sample>()
        var errors: [String] = []
        var rows = 0
        for entry in pipeline.config.collectors {
            let r = try await entry.collector.collect()
            samples.formUnion(r.samples.filter { $0.family.hasPrefix("eduplan_") })
            errors += r.errors + r.rejectedRows
            rows += r.rowsRead
        }
        return (samples, errors, rows)
    }

    @Test(arguments: plugins)
    func shippedDataAsWorkbooksGivesTheSameSeries(plugin: String) async throws {
        let example = TestPaths.repo("plugins/\(plugin)/example.yml")
        var yaml = try String(contentsOfFile: example, encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("youxiang-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        yaml = yaml.replacingOccurrences(of: "../plan/", with: TestPaths.repo("plugins/plan/"))
            .replacingOccurrences(of: "path: data/", with: "path: \(TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/\(plugin)/data/"))")
            .replacingOccurrences(of: ".csv", with: ".xlsx")
        let config = dir + "/example.yml"
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        #expect(yaml.contains(".xlsx"))

        let csv = try await Self.collect(example)
        let xlsx = try await Self.collect(config)
        #expect(xlsx.errors == [], "\(xlsx.errors.prefix(5))")
        #expect(!csv.samples.isEmpty)
        #expect(xlsx.rows == csv.rows)
        let onlyCSV = csv.samples.subtracting(xlsx.samples).map { "\($0.family)\($0.labels) \($0.value)" }.sorted()
        let onlyXLSX = xlsx.samples.subtracting(csv.samples).map { "\($0.family)\($0.labels) \($0.value)" }.sorted()
        #expect(onlyCSV == [], "only from CSV: \(onlyCSV.prefix(5))")
        #expect(onlyXLSX == [], "only from the workbooks: \(onlyXLSX.prefix(5))")
    }

    static let kindergartenSpec = TableSpec(
        columns: [
            "school_id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称"),
            "children": ColumnSpec(header: "在园幼儿数/合计"), "girls": ColumnSpec(header: "在园幼儿数/其中女"),
            "inclusive": ColumnSpec(header: "普惠性"), "opened": ColumnSpec(header: "投用日期"),
        ],
        skipRows: 2, headerRows: 2)

    @Test(arguments: ["kindergartens.xlsx", "kindergartens.lo.xlsx"])
    func titleRowsMergedHeaderTotalsTextIdsDatesAndFormulas(file: String) throws {
        let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/\(file)")
        // The first sheet is hidden: the default is the first visible one, 基础基311.
        let t = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.kindergartenSpec)
        #expect(t.rows.count == 4)
        #expect(t.rowsRead == 4)
        #expect(t.rowsSkipped == 1)  // the 合计 row (the empty row is absent from the sheet)
        #expect(t.rows.map { $0.text("school_id") } == ["3302060001", "3302060002", "3302060003", "3302060004"])
        #expect(try t.rows[0].number("children") == 320)
        #expect(try t.rows[0].number("girls") == 150)
        #expect(try t.rows[0].flag("inclusive") == true)
        #expect(try t.rows[1].flag("inclusive") == false)
        #expect(t.rows[0].text("opened") == "2024-09-01")
        #expect(try t.rows[1].year("opened") == 2023)
        if file == "kindergartens.lo.xlsx" {
            #expect(try t.rows[2].number("girls") == 90)  // a formula's cached value
            do {
                _ = try t.rows[3].number("girls")
                Issue.record("#DIV/0! must not read as a number")
            } catch {
                #expect(error.description.hasSuffix("kindergartens.lo.xlsx:基础基311!D8: 在园幼儿数/其中女: \"#DIV/0!\" is not a number"), "\(error)")
            }
        } else {
            // openpyxl stores formulas without a cached value: the cell has no value.
            #expect(try t.rows[2].number("girls") == nil)
        }
        // By name and by index.
        #expect(try XLSXTableReader.read(path: path, sheet: "基础基311", spec: Self.kindergartenSpec).rows.count == 4)
        #expect(try XLSXTableReader.read(path: path, sheet: "2", spec: Self.kindergartenSpec).rows.count == 4)
    }

    @Test func missingSheetAndHeaderNameWhatIsThere() throws {
        let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xlsx")
        #expect(throws: IngestDiagnostic.self) { try XLSXTableReader.read(path: path, sheet: "基础基312", spec: Self.kindergartenSpec) }
        do {
            _ = try XLSXTableReader.read(path: path, sheet: "基础基312", spec: Self.kindergartenSpec)
        } catch {
            #expect(error.message.contains("sheets: 说明 (hidden), 基础基311"), "\(error)")
        }
        var spec = Self.kindergartenSpec
        spec.columns["children"] = ColumnSpec(header: "在园幼儿数")
        do {
            _ = try XLSXTableReader.read(path: path, sheet: nil, spec: spec)
            Issue.record("a missing header must fail")
        } catch {
            #expect(error.description.contains("header \"在园幼儿数\" (field children) not found"), "\(error)")
            #expect(error.description.contains("C:在园幼儿数/合计"), "\(error)")
        }
    }

    /// Regression (fresh-eyes review): a CSV saved with an .xlsx name got “not an .xlsx workbook (not a zip archive):
    /// not a zip archive (…)”; it now says it is text and how to read it.
    @Test func aCSVNamedXlsxIsToldAsText() throws {
        let path = try TestPaths.temporaryFile("学校标识码,在园幼儿数\n1133013767,410\n", name: "kg.xlsx")
        do {
            _ = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.kindergartenSpec)
            Issue.record("a CSV named .xlsx must fail")
        } catch {
            #expect(error.message.contains("this file is text") && error.message.contains("`format: csv`"), "\(error)")
        }
        let binary = try TestPaths.temporaryFile("\u{0}\u{1}\u{2}not a workbook", name: "b.xlsx")
        do {
            _ = try XLSXTableReader.read(path: binary, sheet: nil, spec: Self.kindergartenSpec)
            Issue.record("a binary file named .xlsx must fail")
        } catch {
            #expect(error.message.hasPrefix("not an .xlsx workbook (") && error.message.contains("re-save it"), "\(error)")
            #expect(error.message.components(separatedBy: "not a zip archive").count == 2, "said once: \(error)")
        }
    }

    @Test func date1904() throws {
        let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/mac1904.xlsx")
        let t = try XLSXTableReader.read(path: path, sheet: nil, spec: TableSpec(columns: ["d": ColumnSpec(header: "日期")]))
        #expect(t.rows.map { $0.text("d") } == ["2024-09-01"])
    }

    @Test func limitsAgainstZipBombsAndAbsurdSheets() throws {
        let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.lo.xlsx")
        do {
            _ = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.kindergartenSpec, limits: XLSXLimits(maxPartBytes: 1000))
            Issue.record("the part limit must hold")
        } catch {
            #expect(
                error.message.contains("over the limit of 1000 bytes") || error.message.contains("more than 1000 bytes, the limit for one part"), "\(error)")
        }
        do {
            _ = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.kindergartenSpec, limits: XLSXLimits(maxCells: 10))
            Issue.record("the cell limit must hold")
        } catch {
            #expect(error.message.contains("more than 10 cells (limit maxCells)"), "\(error)")
        }
    }

    @Test func workbookConfiguredAsCSVSaysHowToConfigureIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("youxiang-xlsx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A workbook saved under a .csv name, as happens when a file is renamed by hand.
        try FileManager.default.copyItem(atPath: TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xlsx"), toPath: dir + "/kg.csv")
        let file = SourceFile(displayPath: "data/kg.csv", path: dir + "/kg.csv", year: 2024, format: .csv, spec: Self.kindergartenSpec)
        do {
            _ = try file.read()
            Issue.record("a workbook read as CSV must fail")
        } catch {
            #expect(error.message.contains("Excel workbook (.xlsx), not csv; set `format: xlsx`"), "\(error)")
        }
        // The same file under its .xlsx name needs no `format:`.
        #expect(SourceFile.Format.implied(by: "data/kg_2024.xlsx") == .xlsx)
        #expect(SourceFile.Format.implied(by: "data/kg_2024.XLSM") == .xlsx)
        #expect(SourceFile.Format.implied(by: "data/kg_2024.csv") == .csv)
    }
}

/// The shipped workbook (tools/make_sample_workbook.py): title row, merged two-row header, 合计 rows, read with the
/// same settings as the CSV export it was made from, gives the same rows.
@Suite struct ShippedWorkbookTests {
    @Test func sameRowsAsTheCSVExport() throws {
        let spec = TableSpec(
            columns: [
                "school_id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称"),
                "classes": ColumnSpec(header: "班数"), "children": ColumnSpec(header: "在园幼儿数/合计"),
            ],
            encoding: .gbk, skipRows: 2, headerRows: 2)
        let csv = try TableReader.read(path: TestPaths.repo("plugins/enrolment/data/kindergartens_2022.csv"), spec: spec)
        let xlsx = try XLSXTableReader.read(path: TestPaths.repo("plugins/enrolment/data/kindergartens_2022.xlsx"), sheet: nil, spec: spec)
        #expect(xlsx.rows.count == csv.rows.count)
        #expect(xlsx.rowsSkipped >= 3)  // 合计, 其中:公办, 其中:民办
        #expect(csv.rows.count > 50)
        for (a, b) in zip(csv.rows, xlsx.rows) {
            #expect(a.text("school_id") == b.text("school_id"))
            #expect(try a.number("children") == b.number("children"))
            #expect(try a.number("classes") == b.number("classes"))
        }
    }
}
