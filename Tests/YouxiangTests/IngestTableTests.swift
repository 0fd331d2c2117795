import Foundation
import Testing
import YouxiangIngest

private func ingestFixture(_ name: String) throws -> String {
    let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return root.appendingPathComponent("ingest").appendingPathComponent(name).path
}

private func ingestTempFile(_ text: String, ext: String = "csv") throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).\(ext)")
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The spec for the `school_basic_*` fixtures (title row, 填报单位 row, two header rows).
private func ingestSchoolSpec(_ encoding: TextEncoding) -> TableSpec {
    TableSpec(
        columns: [
            "id": ColumnSpec(header: "学校标识码"),
            "name": ColumnSpec(header: "学校名称"),
            "classes": ColumnSpec(header: "班数"),
            "students": ColumnSpec(header: "在校学生数/合计"),
            "girls": ColumnSpec(header: "在校学生数 / 其中：女"),
            "migrant": ColumnSpec(header: "在校学生数/其中:随迁子女"),
            "teachers": ColumnSpec(header: "专任教师数/合计"),
            "postgrad": ColumnSpec(header: "专任教师数/其中:研究生"),
            "equipment_yuan": ColumnSpec(header: "教学仪器设备值（万元）", scale: 10_000),
            "boarding": ColumnSpec(header: "是否寄宿"),
        ],
        encoding: encoding, skipRows: 2, headerRows: 2)
}

/// A comparable ingestSnapshot of a row's mapped fields.
private func ingestSnapshot(_ row: TableRow) -> [String] {
    ["id", "name", "classes", "students", "girls", "migrant", "teachers", "postgrad", "equipment_yuan", "boarding"]
        .map { "\($0)=\(row.text($0) ?? "nil")" } + ["line=\(row.line)"]
}

@Suite("Ingest: tables")
struct IngestTableTests {
    @Test("GBK district export: title rows, merged two-row header, subtotal and footer rows")
    func gbkExport() throws {
        let path = try ingestFixture("school_basic_gbk.csv")
        let result = try TableReader.read(path: path, spec: ingestSchoolSpec(.gbk))
        #expect(result.rejected == [])
        #expect(result.rowsRead == 3)
        #expect(result.rowsSkipped == 5)  // blank line, 合计, 其中:公办, 　其中:民办, 填表人
        #expect(result.rows.map(\.line) == [6, 7, 8])  // header cell with a line break spans lines 3–4
        let (a, b, c) = (result.rows[0], result.rows[1], result.rows[2])
        #expect(a.file == path)
        #expect(a.text("name") == "北仑区新碶小学")
        #expect(try a.number("students") == 1620)
        #expect(try a.number("equipment_yuan") == 3_856_000)
        #expect(try a.flag("boarding") == false)
        #expect(try b.number("classes") == 30)
        #expect(try b.number("students") == 1350)
        #expect(try b.number("migrant") == nil)
        #expect(b.text("migrant") == nil)
        #expect(try b.number("postgrad") == nil)
        #expect(try b.flag("boarding") == true)
        #expect(c.text("id") == "2.13301E+09")
        #expect(c.text("name") == "北仑区\"明德\"实验学校")
        #expect(try c.number("girls") == nil)
        #expect(try c.number("migrant") == 0.925)
        #expect(try c.number("postgrad") == nil)
        #expect(try c.number("equipment_yuan") == 12_345_000)
        #expect(try c.flag("boarding") == true)
        #expect(c.has("postgrad"))
        #expect(!c.has("nonexistent"))
    }

    @Test("the UTF-8 (BOM) twin of the GBK export reads identically")
    func utf8Twin() throws {
        let gbk = try TableReader.read(path: ingestFixture("school_basic_gbk.csv"), spec: ingestSchoolSpec(.gbk))
        let utf8 = try TableReader.read(path: ingestFixture("school_basic_utf8.csv"), spec: ingestSchoolSpec(.utf8))
        #expect(utf8.rows.count == 3)
        #expect(utf8.rows.map(ingestSnapshot) == gbk.rows.map(ingestSnapshot))
        #expect(utf8.rowsRead == gbk.rowsRead)
        #expect(utf8.rowsSkipped == gbk.rowsSkipped)
    }

    @Test("reading GBK bytes as UTF-8 rejects rows, never produces replacement characters")
    func wrongEncoding() throws {
        // The header itself is not UTF-8: a file-level error, and it must be the encoding error (a missing file or a
        // header-not-found error would also throw, and prove nothing about decoding).
        let path = try ingestFixture("school_basic_gbk.csv")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect {
            _ = try TableReader.read(path: path, spec: ingestSchoolSpec(.utf8))
        } throws: { error in
            guard let d = error as? IngestDiagnostic else { return false }
            return d.message.contains("not valid UTF-8") && !d.message.contains("\u{FFFD}")
        }
    }

    @Test(
        "invalid byte sequence in one row",
        arguments: [
            ("invalid_gbk.csv", TextEncoding.gbk, "GBK"), ("invalid_utf8.csv", TextEncoding.utf8, "UTF-8"),
        ])
    func invalidBytes(name: String, encoding: TextEncoding, encodingName: String) throws {
        let path = try ingestFixture(name)
        let spec = TableSpec(
            columns: [
                "id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称"),
                "classes": ColumnSpec(header: "班数"),
            ], encoding: encoding)
        let result = try TableReader.read(path: path, spec: spec)
        #expect(result.rows.map(\.line) == [2, 4])
        #expect(result.rows.map { $0.text("name") } == ["北仑区新碶小学", "北仑区霞浦学校"])
        #expect(result.rowsRead == 3)
        try #require(result.rejected.count == 1)
        let d = result.rejected[0]
        #expect(d.file == path)
        #expect(d.line == 3)
        #expect(d.column == 2)
        #expect(d.message.hasPrefix("学校名称: bytes are not valid \(encodingName)"))
        // Only mapped cells are decoded: without the name column the row loads.
        let idOnly = TableSpec(columns: ["id": ColumnSpec(header: "学校标识码")], encoding: encoding)
        #expect(try TableReader.read(path: path, spec: idOnly).rows.count == 3)
    }

    @Test("cell errors name file, line, column and header")
    func cellError() throws {
        let path = try ingestTempFile("园名,在园幼儿数,\n,合计,其中:女\n甲园,12x,3\n乙园,-,\n")
        let spec = TableSpec(
            columns: ["kids": ColumnSpec(header: "在园幼儿数/合计"), "girls": ColumnSpec(header: "在园幼儿数/其中:女")],
            headerRows: 2)
        let result = try TableReader.read(path: path, spec: spec)
        #expect(result.rows.count == 2)
        #expect {
            _ = try result.rows[0].number("kids")
        } throws: { error in
            (error as? IngestDiagnostic)?.description == "\(path):3:2: 在园幼儿数/合计: \"12x\" is not a number"
        }
        #expect(try result.rows[0].number("girls") == 3)
        #expect(try result.rows[1].number("kids") == nil)
        #expect(try result.rows[1].number("girls") == nil)
        #expect(throws: IngestDiagnostic.self) { try result.rows[0].number("kidz") }  // not mapped
        #expect(result.rows[0].text("kidz") == nil)
    }

    @Test("a mapped header that is missing fails the file, listing the headers present")
    func headerNotFound() throws {
        let path = try ingestFixture("school_basic_utf8.csv")
        var spec = ingestSchoolSpec(.utf8)
        spec.columns["students"] = ColumnSpec(header: "学生数")
        #expect {
            _ = try TableReader.read(path: path, spec: spec)
        } throws: { error in
            guard let d = error as? IngestDiagnostic else { return false }
            return d.file == path && d.line == 3 && d.message.contains("\"学生数\"") && d.message.contains("not found")
                && d.message.contains("5:在校学生数/合计") && d.message.contains("10:教学仪器设备值(万元)")
                && d.message.contains("2:学校名称")
        }
    }

    @Test("too few records, bad headerRows, CSV errors in data rows")
    func fileAndSyntaxErrors() throws {
        let short = try ingestTempFile("title\n")
        #expect(throws: IngestDiagnostic.self) {
            try TableReader.read(path: short, spec: TableSpec(columns: [:], skipRows: 1, headerRows: 1))
        }
        #expect(throws: IngestDiagnostic.self) {
            try TableReader.read(path: short, spec: TableSpec(columns: [:], headerRows: 4))
        }
        let path = try ingestTempFile("a,b\n1,x\"y\n2,\"ok\"\n\n3,\"open\n4,z\n")
        let result = try TableReader.read(path: path, spec: TableSpec(columns: ["a": ColumnSpec(header: "a"), "b": ColumnSpec(header: "b")]))
        #expect(result.rows.map { $0.text("a") } == ["2", "4"])
        #expect(result.rows.map(\.line) == [3, 6])
        #expect(result.rejected.map(\.line) == [2, 5])
        #expect(result.rowsRead == 4)
        #expect(result.rowsSkipped == 1)
        let duplicate = try ingestTempFile("a,a\n1,2\n")
        #expect {
            _ = try TableReader.read(path: duplicate, spec: TableSpec(columns: ["a": ColumnSpec(header: "a")]))
        } throws: { ($0 as? IngestDiagnostic)?.message.contains("ambiguous: columns 1, 2") == true }
    }

    @Test("three header rows: nested merges forward-fill under the same parent only")
    func threeHeaderRows() throws {
        let path = try ingestTempFile(
            """
            学校,学生,,,,教师,,备注,
            ,小学,,初中,,,,,
            ,男,女,男,女,专职,兼职,,
            甲,1,2,3,4,5,6,x,
            """)
        let spec = TableSpec(
            columns: [
                "school": ColumnSpec(header: "学校"), "p_boys": ColumnSpec(header: "学生/小学/男"),
                "p_girls": ColumnSpec(header: "学生/小学/女"), "j_girls": ColumnSpec(header: "学生/初中/女"),
                "teachers": ColumnSpec(header: "教师/专职"), "part_time": ColumnSpec(header: "教师/兼职"), "note": ColumnSpec(header: "备注"),
            ], headerRows: 3)
        let row = try #require(try TableReader.read(path: path, spec: spec).rows.first)
        #expect(row.text("school") == "甲")
        #expect(try row.number("p_boys") == 1)
        #expect(try row.number("p_girls") == 2)
        #expect(try row.number("j_girls") == 4)
        #expect(try row.number("teachers") == 5)
        #expect(try row.number("part_time") == 6)
        #expect(row.text("note") == "x")
    }
}

@Suite("Ingest: JSON tables")
struct IngestJSONTests {
    private let columns = [
        "id": ColumnSpec(header: "school_id"), "students": ColumnSpec(header: "students"),
        "rate": ColumnSpec(header: "rate"), "boarding": ColumnSpec(header: "boarding"),
        "budget": ColumnSpec(header: "budget_wan", scale: 10_000),
    ]

    @Test("top-level array; numbers, decorated strings, booleans and nulls; line = record index")
    func array() throws {
        let path = try ingestTempFile(
            """
            [{"school_id": 2133000001, "students": "1,620", "rate": "92.5%", "boarding": true, "budget_wan": 1.5},
             {"school_id": "2133000002", "students": 30, "rate": null, "boarding": "否", "extra": [1]},
             [1, 2],
             {"school_id": "x", "students": "12x", "rate": {"a": 1}}]
            """, ext: "json")
        let result = try JSONTableReader.read(path: path, columns: columns, recordsKey: nil)
        #expect(result.rowsRead == 4)
        #expect(result.rowsSkipped == 0)
        #expect(result.rows.map(\.line) == [1, 2])
        #expect(result.rejected.map(\.line) == [3, 4])
        let (a, b) = (result.rows[0], result.rows[1])
        #expect(a.text("id") == "2133000001")
        #expect(try a.number("students") == 1620)
        #expect(try a.number("rate") == 0.925)
        #expect(try a.flag("boarding") == true)
        #expect(try a.number("budget") == 15_000)
        #expect(try b.number("rate") == nil)
        #expect(try b.number("students") == 30)
        #expect(b.has("rate"))
        #expect(!b.has("budget"))
        #expect(try b.flag("boarding") == false)
        #expect(try b.number("budget") == nil)
    }

    @Test("records under a key; errors for wrong shapes and unknown keys")
    func keyedAndErrors() throws {
        let path = try ingestTempFile(#"{"meta": {"year": 2023}, "schools": [{"school_id": "1", "students": "１２"}]}"#, ext: "json")
        let cols = ["id": ColumnSpec(header: "school_id"), "students": ColumnSpec(header: "students")]
        let result = try JSONTableReader.read(path: path, columns: cols, recordsKey: "schools")
        #expect(try result.rows.first?.number("students") == 12)
        #expect(throws: IngestDiagnostic.self) { try JSONTableReader.read(path: path, columns: cols, recordsKey: nil) }
        #expect(throws: IngestDiagnostic.self) { try JSONTableReader.read(path: path, columns: cols, recordsKey: "meta") }
        #expect {
            _ = try JSONTableReader.read(path: path, columns: ["x": ColumnSpec(header: "studnets")], recordsKey: "schools")
        } throws: { error in
            guard let d = error as? IngestDiagnostic else { return false }
            return d.line == 0 && d.message.contains("studnets") && d.message.contains("school_id, students")
        }
        let broken = try ingestTempFile("[{\"a\": 1,]", ext: "json")
        #expect(throws: IngestDiagnostic.self) { try JSONTableReader.read(path: broken, columns: cols, recordsKey: nil) }
    }
}
