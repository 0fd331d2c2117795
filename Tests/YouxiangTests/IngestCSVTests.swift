import Foundation
import Testing
import YouxiangIngest

/// Writes `bytes` to a fresh temporary file and returns its path.
private func ingestTempCSV(_ bytes: [UInt8], ext: String = "csv") throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).\(ext)")
    try Data(bytes).write(to: url)
    return url.path
}

private func ingestTempCSV(_ text: String) throws -> String { try ingestTempCSV(Array(text.utf8)) }

/// All results of a reader as (line, fields as strings) or diagnostics.
private enum IngestCSVItem: Equatable {
    case row(Int, [String])
    case error(Int, Int?)
}

private func ingestReadAll(_ path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [IngestCSVItem] {
    var items: [IngestCSVItem] = []
    for result in try CSVReader(path: path, delimiter: delimiter) {
        switch result {
        case .success(let r): items.append(.row(r.line, r.fields.map { String(decoding: $0, as: UTF8.self) }))
        case .failure(let d): items.append(.error(d.line, d.column))
        }
    }
    return items
}

@Suite("Ingest: CSV reader (RFC 4180)")
struct IngestCSVTests {
    @Test("RFC 4180 §2.1/2.2: CRLF records, with and without trailing line break")
    func rfcBasic() throws {
        let expected: [IngestCSVItem] = [.row(1, ["aaa", "bbb", "ccc"]), .row(2, ["zzz", "yyy", "xxx"])]
        #expect(try ingestReadAll(ingestTempCSV("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n")) == expected)
        #expect(try ingestReadAll(ingestTempCSV("aaa,bbb,ccc\r\nzzz,yyy,xxx")) == expected)
    }

    @Test("RFC 4180 §2.5–2.7: quoted fields, commas, CRLF inside quotes, doubled quotes")
    func rfcQuoted() throws {
        #expect(
            try ingestReadAll(ingestTempCSV("\"aaa\",\"bbb\",\"ccc\"\r\nzzz,yyy,xxx\r\n"))
                == [.row(1, ["aaa", "bbb", "ccc"]), .row(2, ["zzz", "yyy", "xxx"])])
        #expect(
            try ingestReadAll(ingestTempCSV("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx\r\n"))
                == [.row(1, ["aaa", "b\r\nbb", "ccc"]), .row(3, ["zzz", "yyy", "xxx"])])
        #expect(try ingestReadAll(ingestTempCSV("\"aaa\",\"b\"\"bb\",\"ccc\"\n")) == [.row(1, ["aaa", "b\"bb", "ccc"])])
        #expect(
            try ingestReadAll(ingestTempCSV("\"a,b\",\"\",c\n\"x\ny\nz\",\"\"\"\"\nlast\n"))
                == [.row(1, ["a,b", "", "c"]), .row(2, ["x\ny\nz", "\""]), .row(5, ["last"])])
    }

    @Test("LF, lone CR and mixed line ends; empty lines; trailing delimiter")
    func lineEnds() throws {
        #expect(try ingestReadAll(ingestTempCSV("a,b\rc,d\re\r")) == [.row(1, ["a", "b"]), .row(2, ["c", "d"]), .row(3, ["e"])])
        #expect(
            try ingestReadAll(ingestTempCSV("a\n\nb,\r\n\r\n,c\rd"))
                == [.row(1, ["a"]), .row(2, [""]), .row(3, ["b", ""]), .row(4, [""]), .row(5, ["", "c"]), .row(6, ["d"])])
        // CR inside quotes counts one line, CRLF inside quotes counts one line.
        #expect(try ingestReadAll(ingestTempCSV("\"1\r2\r\n3\n4\",x\ny\n")) == [.row(1, ["1\r2\r\n3\n4", "x"]), .row(5, ["y"])])
        #expect(try ingestReadAll(ingestTempCSV("")) == [])
        #expect(try ingestReadAll(ingestTempCSV("\n")) == [.row(1, [""])])
    }

    @Test("UTF-8 BOM at the start is skipped, elsewhere kept")
    func bom() throws {
        let path = try ingestTempCSV([0xEF, 0xBB, 0xBF] + Array("学校,班数\r\n\u{FEFF}x,1\r\n".utf8))
        #expect(try ingestReadAll(path) == [.row(1, ["学校", "班数"]), .row(2, ["\u{FEFF}x", "1"])])
        let quotedFirst = try ingestTempCSV([0xEF, 0xBB, 0xBF] + Array("\"a\",b".utf8))
        #expect(try ingestReadAll(quotedFirst) == [.row(1, ["a", "b"])])
    }

    @Test("stray quote in an unquoted field: diagnostic with line and field; next lines still read")
    func strayQuote() throws {
        let path = try ingestTempCSV("h1,h2\na,b\"c,d\nx,y\n\"q\"z,1\nlast,2\n")
        #expect(try ingestReadAll(path) == [.row(1, ["h1", "h2"]), .error(2, 2), .row(3, ["x", "y"]), .error(4, 1), .row(5, ["last", "2"])])
        var reader = try CSVReader(path: path)
        _ = reader.next()
        guard case .failure(let d)? = reader.next() else { Issue.record("expected a failure"); return }
        #expect(d.file == path)
        #expect(d.description.hasPrefix("\(path):2:2: "))
        #expect(d.message.contains("stray"))
    }

    @Test("unterminated quote: diagnostic names the line the quote opened on; reading resumes on the next line")
    func unterminatedQuote() throws {
        let path = try ingestTempCSV("a,b\r\nc,\"d\r\ne,f\r\ng,h\r\n")
        #expect(try ingestReadAll(path) == [.row(1, ["a", "b"]), .error(2, 2), .row(3, ["e", "f"]), .row(4, ["g", "h"])])
        #expect(try ingestReadAll(ingestTempCSV("a\n\"b")) == [.row(1, ["a"]), .error(2, 1)])
    }

    /// Regression (fresh-eyes review): a stray `"` at the start of a row swallowed every line up to the next quote, the
    /// whole span was rejected as one row at the line where the quote closed, and with `max_rejected_share` the
    /// ratio of the remaining rows was published as complete. Now only the line the quote opened on is rejected, named
    /// as such, and the swallowed lines are read.
    @Test("stray quote swallowing lines up to a later quote: only its own line is rejected, the others are read")
    func strayQuoteSpanningLines() throws {
        let path = try ingestTempCSV("h\n\"a,1\nb,2\nc,\"x\"y\nd,4\n")
        #expect(try ingestReadAll(path) == [.row(1, ["h"]), .error(2, 1), .row(3, ["b", "2"]), .error(4, 2), .row(5, ["d", "4"])])
        var reader = try CSVReader(path: path)
        _ = reader.next()
        guard case .failure(let d)? = reader.next() else { Issue.record("expected a failure"); return }
        #expect(d.description.hasPrefix("\(path):2:1: "), "\(d)")
        #expect(d.message.contains("closed only on line 4") && d.message.contains("stray"), "\(d)")
    }

    @Test("tab delimiter and GBK bytes pass through untouched")
    func delimiterAndRawBytes() throws {
        let gbk: [UInt8] = [0xB1, 0xB1, 0xC2, 0xD8, 0xB4, 0x5C]  // 北仑碶: trail byte 0x5C is '\'
        let path = try ingestTempCSV(gbk + [0x09, 0x31, 0x0D, 0x0A, 0x22, 0xB1, 0x2C, 0xB1, 0x22, 0x09, 0x32])
        let records = try CSVReader(path: path, delimiter: 0x09).map { try $0.get() }
        #expect(records == [CSVRecord(line: 1, fields: [gbk, [0x31]]), CSVRecord(line: 2, fields: [[0xB1, 0x2C, 0xB1], [0x32]])])
    }

    @Test("missing file is a line-0 diagnostic")
    func missingFile() {
        #expect {
            _ = try CSVReader(path: "/nonexistent/ingest/nope.csv")
        } throws: { error in
            guard let d = error as? IngestDiagnostic else { return false }
            return d.line == 0 && d.column == nil && d.description.hasPrefix("/nonexistent/ingest/nope.csv: cannot open file")
        }
        #expect(throws: IngestDiagnostic.self) { _ = try CSVReader(path: FileManager.default.temporaryDirectory.path) }
    }

    @Test("records crossing 1 MiB chunk boundaries keep content and line numbers")
    func chunkBoundaries() throws {
        var text = ""
        var expectedSum = 0
        var expectedLines: [Int] = []
        var line = 1
        for i in 0..<120_000 {
            expectedLines.append(line)
            expectedSum += i
            if i % 7 == 0 {
                text += "\(i),\"multi\r\nline, \"\"\(i)\"\"\",\u{5317}\u{4ED1}\r\n"
                line += 2
            } else {
                text += "\(i),plain \(i),\u{5317}\r\n"
                line += 1
            }
        }
        let path = try ingestTempCSV(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sum = 0, count = 0
        for result in try CSVReader(path: path) {
            let r = try result.get()
            #expect(r.fields.count == 3)
            let id = Int(String(decoding: r.fields[0], as: UTF8.self))!
            if r.line != expectedLines[count] { Issue.record("record \(count) on line \(r.line), expected \(expectedLines[count])") }
            if id % 7 == 0, String(decoding: r.fields[1], as: UTF8.self) != "multi\r\nline, \"\(id)\"" {
                Issue.record("bad quoted field in record \(id)")
            }
            sum += id
            count += 1
        }
        #expect(count == 120_000)
        #expect(sum == expectedSum)
    }

    @Test("IngestDiagnostic description omits a nil column")
    func diagnosticDescription() {
        #expect(IngestDiagnostic(file: "a.csv", line: 3, column: 9, message: "m").description == "a.csv:3:9: m")
        #expect(IngestDiagnostic(file: "a.csv", line: 3, column: nil, message: "m").description == "a.csv:3: m")
    }
}
