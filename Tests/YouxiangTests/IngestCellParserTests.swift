import Testing
import YouxiangIngest

@Suite("Ingest: cell parsing and decoding")
struct IngestCellParserTests {
    @Test(
        "decorated numbers",
        arguments: [
            ("1,620", 1620.0), ("1，620", 1620), ("１２３", 123), ("92.5%", 0.925), ("９２．５％", 0.925), (" 3 ", 3),
            ("\u{3000}42\u{00A0}", 42), ("2.13301E+09", 2_133_010_000), ("-5", -5), ("－１,２００.５", -1200.5),
            ("+7", 7), ("12,345,678", 12_345_678), (".5", 0.5), ("0", 0), ("50 %", 0.5), ("1e3", 1000), ("5.", 5),
        ] as [(String, Double)])
    func numbers(text: String, value: Double) throws {
        #expect(try CellParser.number(text) == value)
    }

    @Test("missing markers give nil", arguments: ["", "   ", "\u{3000}", "—", "——", "–", "-", "－", "/", "N/A", "n/a", "NA", "无", " — "])
    func missing(text: String) throws {
        #expect(try CellParser.number(text) == nil)
        #expect(try CellParser.year(text) == nil)
    }

    @Test("invalid numbers throw naming the text", arguments: ["12x", "1,62", "1,6200", ",123", "1.2.3", "inf", "nan", "0x10", "1e", "%", "1 2", "十二", "--1"])
    func invalidNumbers(text: String) {
        #expect {
            _ = try CellParser.number(text)
        } throws: { error in
            (error as? CellParseError)?.message == "\"\(text)\" is not a number"
        }
    }

    @Test("flags")
    func flags() throws {
        for t in ["是", "Y", "y", "YES", "true", "1", "√", "有", " 是 ", "通过", "已通过", "达标"] { #expect(try CellParser.flag(t) == true, "\(t)") }
        for t in ["否", "N", "no", "False", "0", "×", "无", "未通过", "不通过", "未达标"] { #expect(try CellParser.flag(t) == false, "\(t)") }
        for t in ["", "—", "-", "N/A", "/"] { #expect(try CellParser.flag(t) == nil, "\(t)") }
        #expect(throws: CellParseError.self) { try CellParser.flag("maybe") }
    }

    @Test("years from year and date cells")
    func years() throws {
        for t in [
            "2023", "2023.09", "2023-09-01", "2023/9/1", "2023年9月", "2023.09.15", "2023年", "2023年9月1日",
            "２０２３．０９", "2023/9/1 0:00", "2023-09-01 08:30:00", "2023.0",
        ] {
            #expect(try CellParser.year(t) == 2023, "\(t)")
        }
        for t in ["20x3", "2023.13", "2023-09-32", "23", "202309", "1850", "2023..09", "2023年13月", "abc"] {
            #expect(throws: CellParseError.self, "\(t)") { try CellParser.year(t) }
        }
    }

    @Test("header normalisation")
    func headers() {
        #expect(CellParser.normalizedHeader(" 教学仪器设备值\r\n（万元） ") == "教学仪器设备值(万元)")
        #expect(CellParser.normalizedHeader("其中：\u{3000}随迁 子女") == "其中:随迁子女")
        #expect(CellParser.normalizedHeader("体育运动场(馆)面积") == "体育运动场(馆)面积")
    }

    @Test("encoding names")
    func encodingNames() {
        #expect(TextEncoding(name: "UTF-8") == .utf8)
        #expect(TextEncoding(name: "utf8") == .utf8)
        #expect(TextEncoding(name: "CP936") == .gbk)
        #expect(TextEncoding(name: "gb2312") == .gbk)
        #expect(TextEncoding(name: " GB18030 ") == .gb18030)
        #expect(TextEncoding(name: "latin1") == nil)
        #expect(TextEncoding.gbk.rawValue == "gbk")
    }

    @Test("FieldDecoder: ASCII, GBK, GB18030 and UTF-8; invalid bytes throw")
    func decoder() throws {
        let gbk = try FieldDecoder(.gbk)
        #expect(try gbk.decode([0xB1, 0xB1, 0xC2, 0xD8]) == "北仑")
        #expect(try gbk.decode(Array("2133000001".utf8)) == "2133000001")
        #expect(try gbk.decode([]) == "")
        #expect(try gbk.decode([0x80]) == "€")  // cp936 extension
        #expect {
            try gbk.decode([0x41, 0xFF, 0xFF])
        } throws: { ($0 as? FieldDecodingError)?.offset == 1 }
        #expect(throws: FieldDecodingError.self) { try gbk.decode([0xB1]) }  // truncated
        #expect(try gbk.decode([0xB1, 0xB1]) == "北")  // state reset after a failure
        let gb18030 = try FieldDecoder(.gb18030)
        #expect(try gb18030.decode([0xA2, 0xE3, 0x94, 0x39, 0xFC, 0x36]) == "€😀")
        let utf8 = try FieldDecoder(.utf8)
        #expect(try utf8.decode(Array("北仑区".utf8)) == "北仑区")
        #expect {
            try utf8.decode([0x61, 0x62, 0xC3, 0x28])
        } throws: { ($0 as? FieldDecodingError)?.offset == 2 }
        let long = String(repeating: "北仑区教育局", count: 500)
        let longGBK: [UInt8] = Array(repeating: [0xB1, 0xB1, 0xC2, 0xD8], count: 1000).flatMap { $0 }
        #expect(try gbk.decode(longGBK) == String(repeating: "北仑", count: 1000))
        #expect(try utf8.decode(Array(long.utf8)) == long)
    }
}
