import Foundation
import Testing
import YouxiangIngest

/// The sheet reader scans the sheet part's bytes itself. Before, Foundation's `XMLParser` refused any part over 10 MB
/// (libxml2's default limit), so a sheet of about 48,000 rows of six columns failed with "sheet XML does not parse"
/// (found by the workbook benchmark). The workbooks here are built in the test as stored (uncompressed) zip archives.
struct XLSXSheetScannerTests {
    static let spec = TableSpec(columns: [
        "id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称"),
        "n": ColumnSpec(header: "在校学生数"),
    ])

    @Test func aSheetOverTenMegabytesReadsCompletely() async throws {
        let rows = 60_000
        // Seconds of work in a debug build: on its own thread, not one of the few of the shared concurrency pool that
        // other suites' timeouts run on.
        let (bytes, t) = try await SQLSourceTests.offPool { () throws -> (Int, TableReadResult) in
            var xml = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
            for i in 0..<rows {
                let r = i + 2
                xml +=
                    "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>\(2_133_000_000 + i)</t></is></c>"
                    + "<c r=\"B\(r)\" t=\"inlineStr\"><is><t>北仑区新碶小学\(i % 97)号</t></is></c><c r=\"C\(r)\" s=\"0\"><v>\(300 + i % 1700)</v></c>"
                    + "<c r=\"D\(r)\"><v>\(i)</v></c><c r=\"E\(r)\"><v>\(i)</v></c><c r=\"F\(r)\"><v>\(i)</v></c></row>"
            }
            xml += "</sheetData>"
            let path = try Self.workbook(sheetData: xml, shared: ["学校标识码", "学校名称", "在校学生数"])
            return (xml.utf8.count, try XLSXTableReader.read(path: path, sheet: nil, spec: Self.spec))
        }
        #expect(bytes > 10_000_000)
        #expect(t.rows.count == rows)
        #expect(t.rejected.isEmpty)
        #expect(t.rows.last?.text("id") == String(2_133_000_000 + rows - 1))
        #expect(try t.rows.last?.number("n") == Double(300 + (rows - 1) % 1700))
    }

    @Test func entitiesCDATACommentsPrefixesAndSelfClosingRows() throws {
        let xml = """
            <x:sheetData><!-- a comment --><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>\
            <x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>
            <x:row r="2"><x:c r="A2" t="str"><x:f>A1&amp;""</x:f><x:v>3302060001</x:v></x:c>\
            <x:c r="B2" t="inlineStr"><x:is><x:r><x:t>甲&amp;乙 &lt;一&gt; &#x4E19;&#19969;</x:t></x:r><x:r><x:t xml:space="preserve"> 校</x:t></x:r></x:is></x:c>\
            <x:c r="C2"><x:v><![CDATA[1,620]]></x:v></x:c></x:row>
            <x:row r="3"/>
            <x:row r="4"><x:c r="A4" t="s"><x:v>3</x:v></x:c><x:c r="C4"><x:v>7</x:v></x:c><x:c r="D4" s="0"/></x:row></x:sheetData>
            """
        let path = try Self.workbook(sheetData: xml, shared: ["学校标识码", "学校名称", "在校学生数", "3302060002"], prefix: "x:")
        let t = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.spec)
        #expect(t.rows.count == 2)
        #expect(t.rowsSkipped == 1, "the empty row 3")
        #expect(t.rows.first?.text("id") == "3302060001")
        #expect(t.rows.first?.text("name") == "甲&乙 <一> 丙丁 校")
        #expect(try t.rows.first?.number("n") == 1620)
        #expect(t.rows.last?.text("id") == "3302060002")
        #expect(t.rows.last?.text("name") == nil)
        #expect(t.rows.last?.line == 4)
    }

    @Test func brokenXMLAndDoctypeAreRefusedWithTheirOffset() throws {
        for (xml, want) in [
            ("<sheetData><row r=\"1\"><c r=\"A1\"", "an attribute without a value"),
            ("<!DOCTYPE x [<!ENTITY a \"b\">]><sheetData/>", "DOCTYPE"),
            ("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&bogus;</t></is></c></row></sheetData>", "unknown entity"),
        ] {
            let path = try Self.workbook(sheetData: xml, shared: [])
            do {
                _ = try XLSXTableReader.read(path: path, sheet: nil, spec: Self.spec)
                Issue.record("\(want): must fail")
            } catch {
                #expect(error.message.contains("sheet XML does not parse: "), "\(error)")
                #expect(error.message.contains(want), "\(error)")
                #expect(error.message.contains("at byte "), "\(error)")
            }
        }
    }

    // MARK: building a workbook

    /// A one-sheet workbook whose sheet part holds `sheetData` (element names with `prefix` bound to the main
    /// namespace), as a stored zip in a temporary file.
    static func workbook(sheetData: String, shared: [String], prefix: String = "") throws -> String {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let p = prefix.isEmpty ? "" : String(prefix.dropLast())
        let xmlns = p.isEmpty ? "xmlns=\"\(ns)\"" : "xmlns:\(p)=\"\(ns)\""
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
            ),
            (
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
            (
                "xl/sharedStrings.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(ns)\">" + shared.map { "<si><t>\(esc($0))</t></si>" }.joined() + "</sst>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<\(prefix)worksheet \(xmlns)>\(sheetData)</\(prefix)worksheet>"
            ),
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("youxiang-scan-\(UUID().uuidString).xlsx").path
        try Data(storedZip(parts.map { ($0.0, Array($0.1.utf8)) })).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A zip archive of `files`, each stored (method 0) with its CRC-32.
    static func storedZip(_ files: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le(_ v: UInt32, _ n: Int, _ to: inout [UInt8]) { for k in 0..<n { to.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for (name, data) in files {
            let crc = crc32(data), offset = UInt32(out.count), nameBytes = Array(name.utf8)
            le(0x0403_4B50, 4, &out); le(20, 2, &out); le(0, 2, &out); le(0, 2, &out); le(0, 2, &out); le(0x21, 2, &out)
            le(crc, 4, &out); le(UInt32(data.count), 4, &out); le(UInt32(data.count), 4, &out); le(UInt32(nameBytes.count), 2, &out); le(0, 2, &out)
            out += nameBytes
            out += data
            le(0x0201_4B50, 4, &central); le(20, 2, &central); le(20, 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 2, &central)
            le(0x21, 2, &central); le(crc, 4, &central); le(UInt32(data.count), 4, &central); le(UInt32(data.count), 4, &central)
            le(UInt32(nameBytes.count), 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 4, &central)
            le(offset, 4, &central)
            central += nameBytes
        }
        let centralOffset = UInt32(out.count)
        out += central
        le(0x0605_4B50, 4, &out); le(0, 2, &out); le(0, 2, &out); le(UInt32(files.count), 2, &out); le(UInt32(files.count), 2, &out)
        le(UInt32(central.count), 4, &out); le(centralOffset, 4, &out); le(0, 2, &out)
        return out
    }

    static let crcTable: [UInt32] = (0..<256).map { (n: UInt32) -> UInt32 in
        var c = n
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        data.withUnsafeBufferPointer { p in crcTable.withUnsafeBufferPointer { t in for b in p { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) } } }
        return c ^ 0xFFFF_FFFF
    }
}
