import Foundation
import Testing
import YouxiangSources

@testable import YouxiangIngest

/// `.xls` (BIFF8) through FreeXL: the LibreOffice fixture (tools/make_xls_fixture.sh, made from the `.xlsx` edge
/// fixture) reads like the `.xlsx`; a damaged or mislabelled file gets a clear error; the limits hold. And the `.xlsx`
/// reader's container: the fuzz finding that spun forever is refused.
@Suite struct XLSWorkbookTests {
    static let path = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xls")

    static func scratch(_ name: String, _ bytes: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("youxiang-xls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = dir + "/" + name
        try bytes.write(to: URL(fileURLWithPath: p))
        return p
    }

    @Test func sameRowsAsTheXLSXItWasSavedFrom() throws {
        let t = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: WorkbookTests.kindergartenSpec)
        let x = try XLSXTableReader.read(
            path: TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.lo.xlsx"),
            sheet: "基础基311", spec: WorkbookTests.kindergartenSpec)
        #expect(t.rows.count == 4)
        #expect(t.rowsRead == x.rowsRead)
        #expect(t.rowsSkipped == 1)  // the 合计 row (the empty row is absent, as in the .xlsx)
        // Text-styled ids stay strings; the one stored as a number reads without exponent.
        #expect(t.rows.map { $0.text("school_id") } == ["3302060001", "3302060002", "3302060003", "3302060004"])
        #expect(t.rows.map { $0.text("name") } == x.rows.map { $0.text("name") })
        // The two-row header joined like the CSV's: 在园幼儿数/合计, 在园幼儿数/其中女.
        #expect(try t.rows.map { try $0.number("children") } == x.rows.map { try $0.number("children") })
        #expect(try t.rows[0].number("girls") == 150)
        #expect(t.rows[0].text("opened") == "2024-09-01")
        #expect(try t.rows[1].year("opened") == 2023)
        // Where FreeXL reads nothing (a formula's cached value, a boolean), the cell is empty: never a number.
        #expect(try t.rows[2].number("girls") == nil)
        #expect(t.rows[0].text("inclusive") == nil)
    }

    @Test func sheetByNameOrIndexAndMissingOnesListed() throws {
        // FreeXL does not report hidden sheets: the default is the first sheet, here the hidden 说明.
        #expect(try XLSTableReader.read(path: Self.path, sheet: "2", spec: WorkbookTests.kindergartenSpec).rows.count == 4)
        do {
            _ = try XLSTableReader.read(path: Self.path, sheet: "基础基312", spec: WorkbookTests.kindergartenSpec)
            Issue.record("a missing sheet must fail")
        } catch {
            #expect(error.message.contains("no sheet \"基础基312\"; sheets: 说明, 基础基311"), "\(error)")
        }
        var spec = WorkbookTests.kindergartenSpec
        spec.columns["children"] = ColumnSpec(header: "在园幼儿数")
        do {
            _ = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: spec)
            Issue.record("a missing header must fail")
        } catch {
            #expect(error.description.contains("kindergartens.xls:基础基311"), "\(error)")
            #expect(error.description.contains("header \"在园幼儿数\" (field children) not found"), "\(error)")
            #expect(error.description.contains("C:在园幼儿数/合计"), "\(error)")
        }
    }

    @Test func badCellNamesTheCell() throws {
        var spec = WorkbookTests.kindergartenSpec
        spec.columns["name"] = ColumnSpec(header: "学校名称")
        let t = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: spec)
        do {
            _ = try t.rows[0].number("name")
            Issue.record("a name is not a number")
        } catch {
            #expect(error.description.hasSuffix("kindergartens.xls:基础基311!B5: 学校名称: \"新碶幼儿园\" is not a number"), "\(error)")
        }
    }

    @Test func damagedTruncatedAndMislabelledFilesGetClearErrors() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        // The OLE2 header intact, the rest garbage.
        var garbage = Data(bytes.prefix(512))
        garbage.append(Data(repeating: 0xAB, count: bytes.count - 512))
        // Cut in half.
        let cut = Data(bytes.prefix(bytes.count / 2))
        for (name, data) in [("garbage.xls", garbage), ("cut.xls", cut), ("text.xls", Data("学校标识码,学校名称\n".utf8))] {
            let p = try Self.scratch(name, data)
            defer { try? FileManager.default.removeItem(atPath: (p as NSString).deletingLastPathComponent) }
            do {
                _ = try XLSTableReader.read(path: p, sheet: nil, spec: WorkbookTests.kindergartenSpec)
                Issue.record("\(name) must fail")
            } catch {
                #expect(error.description.hasPrefix(p + ":"), "\(error)")
                #expect(error.message.contains("not a readable .xls workbook") || error.message.contains("header"), "\(name): \(error)")
            }
        }
        // An .xlsx under an .xls name, and the other way round, say what the file is.
        let xlsx = try Self.scratch(
            "kg.xls", Data(contentsOf: URL(fileURLWithPath: TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.xlsx"))))
        #expect(throws: IngestDiagnostic.self) { try XLSTableReader.read(path: xlsx, sheet: nil, spec: WorkbookTests.kindergartenSpec) }
        do { _ = try XLSTableReader.read(path: xlsx, sheet: nil, spec: WorkbookTests.kindergartenSpec) } catch {
            #expect(error.message.contains("an .xlsx workbook (a zip archive), not an .xls"), "\(error)")
        }
        let xls = try Self.scratch("kg.xlsx", bytes)
        do {
            _ = try XLSXTableReader.read(path: xls, sheet: nil, spec: WorkbookTests.kindergartenSpec)
            Issue.record("an .xls read as .xlsx must fail")
        } catch {
            #expect(error.message.contains("old Excel workbook (.xls), not an .xlsx"), "\(error)")
        }
        // Configured as CSV: the message names the fix.
        let csv = SourceFile(displayPath: "data/kg.csv", path: xls, year: 2024, format: .csv, spec: WorkbookTests.kindergartenSpec)
        do { _ = try csv.read(); Issue.record("an .xls read as CSV must fail") } catch {
            #expect(error.message.contains("set `format: xls`"), "\(error)")
        }
    }

    /// A FIFO (or device) given as a workbook is refused at once: opening it would block outside the collector's timeout.
    @Test func nonRegularFilesAreRefused() throws {
        let dir = NSTemporaryDirectory() + "youxiang-xls-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/kg.xlsx", 0o600) == 0)
        #expect(mkfifo(dir + "/kg.xls", 0o600) == 0)
        do {
            _ = try XLSXTableReader.read(path: dir + "/kg.xlsx", sheet: nil, spec: WorkbookTests.kindergartenSpec); Issue.record("a FIFO must be refused")
        } catch {
            #expect(error.message.contains("not a regular file"), "\(error)")
        }
        do {
            _ = try XLSTableReader.read(path: dir + "/kg.xls", sheet: nil, spec: WorkbookTests.kindergartenSpec); Issue.record("a FIFO must be refused")
        } catch {
            #expect(error.message.contains("not a regular file"), "\(error)")
        }
    }

    @Test func limits() throws {
        do {
            _ = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: WorkbookTests.kindergartenSpec, limits: XLSXLimits(maxPartBytes: 1000))
            Issue.record("the size limit must hold")
        } catch {
            #expect(error.message.contains("over the limit of 1000 bytes for a workbook"), "\(error)")
        }
        do {
            _ = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: WorkbookTests.kindergartenSpec, limits: XLSXLimits(maxCells: 59))
            Issue.record("the cell limit must hold")
        } catch {
            #expect(error.message.contains("10 rows × 6 columns, more than 59 cells (limit maxCells)"), "\(error)")
        }
        _ = try XLSTableReader.read(path: Self.path, sheet: "基础基311", spec: WorkbookTests.kindergartenSpec, limits: XLSXLimits(maxCells: 60))
    }

    @Test func formatFromTheExtension() {
        #expect(SourceFile.Format.implied(by: "data/kg_2024.xls") == .xls)
        #expect(SourceFile.Format.implied(by: "data/kg_2024.XLS") == .xls)
        #expect(SourceFile.Format.implied(by: "data/kg_2024.xlsx") == .xlsx)
        #expect(SourceFile.Format.xls.isWorkbook)
    }

    /// fuzz/run xlsx found a workbook (a deflate stream cut short by the end of the file) on which the old container
    /// reader (ZIPFoundation 0.9.20's inflate on Linux) spun forever. It is now refused with a clear error.
    @Test func fuzzFindingDeflateCutShortIsRefused() throws {
        let p = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/fuzz-xlsx-timeout-1.xlsx")
        do {
            _ = try XLSXTableReader.read(path: p, sheet: nil, spec: WorkbookTests.kindergartenSpec)
            Issue.record("the damaged workbook must be refused")
        } catch {
            #expect(error.message.contains("the workbook is damaged"), "\(error)")
        }
    }

    /// fuzz/run xls found a workbook whose first sheet declares 246,546,456 rows × 0 columns: the reader walked every
    /// row (minutes, holding the collector's worker). It is now refused at once with a clear error.
    @Test func fuzzFindingRowsWithoutColumnsIsRefused() throws {
        let p = TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/fuzz-xls-timeout-1.xls")
        do {
            _ = try XLSTableReader.read(path: p, sheet: nil, spec: WorkbookTests.kindergartenSpec)
            Issue.record("the damaged workbook must be refused")
        } catch {
            #expect(error.message.contains("sheet declares 246546456 rows but no column: the workbook is damaged"), "\(error)")
        }
    }

    /// A zip bomb that lies: a part whose directory entry declares fewer bytes than it inflates to stops at the declared
    /// size (it used to inflate up to the 256 MiB part limit first), and one declared over the limit is refused before
    /// inflating (review finding, 2026-12-01).
    @Test func declaredSizeBoundsInflation() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: TestPaths.repo("Tests/YouxiangTests/Fixtures/workbooks/edge/kindergartens.lo.xlsx")))
        let name = Array("xl/worksheets/sheet".utf8)  // every sheet part
        var patched = 0
        var i = bytes.startIndex
        while i + 46 + name.count <= bytes.endIndex {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02,
                Array(bytes[(i + 46)..<(i + 46 + name.count)]) == name
            {
                for k in 0..<4 { bytes[i + 24 + k] = k == 0 ? 100 : 0 }  // declared uncompressed size: 100 bytes
                patched += 1
            }
            i += 1
        }
        #expect(patched == 2)
        let liar = try Self.scratch("liar.xlsx", bytes)
        do {
            _ = try XLSXTableReader.read(path: liar, sheet: nil, spec: WorkbookTests.kindergartenSpec)
            Issue.record("a part inflating past its declared size must be refused")
        } catch {
            #expect(error.message.contains("more than the 100 bytes its directory entry declares"), "\(error)")
        }
    }

    /// A deflated part whose stream ends early, and one whose bytes are not deflate: errors, not loops.
    @Test func inflateRefusesCutAndDamagedStreams() throws {
        #expect(throws: (any Error).self) { try ZipParts.inflate(Data([0x02]), limit: 1 << 20) }  // fixed-Huffman block, no end
        #expect(throws: (any Error).self) { try ZipParts.inflate(Data([0xFF, 0xFF, 0xFF, 0xFF]), limit: 1 << 20) }
        #expect(try ZipParts.inflate(Data([0x03, 0x00]), limit: 1 << 20) == Data())  // an empty final block
    }
}
