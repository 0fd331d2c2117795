import Foundation
import Testing
import YouxiangCore
import YouxiangIngest
import YouxiangSources

#if canImport(Glibc)
import Glibc
#endif

private func streamingTempFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    return url.path
}

/// What a row shows through its public accessors, for comparing the streaming and the materialising reads.
private func streamingView(_ row: TableRow, _ fields: [String]) -> String {
    "\(row.line): " + fields.map { "\($0)=\(row.text($0) ?? "nil")" }.joined(separator: " ")
}

/// A field decoded, or refused at a byte offset.
private enum Decoded: Equatable {
    case text([UInt8])
    case refused(Int)
}

/// `iconv` from GBK directly: the decoded bytes, or the offset of the first byte it refuses.
private func iconvGBK(_ bytes: [UInt8]) -> Decoded {
    let cd = iconv_open("UTF-8", "GBK")
    defer { iconv_close(cd) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
    return input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr = inBuf.baseAddress
            var inLeft = inBuf.count
            var outPtr = outBuf.baseAddress
            var outLeft = outBuf.count
            if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return .refused(bytes.count - inLeft) }
            return .text(outBuf[0..<(outBuf.count - outLeft)].map { UInt8(bitPattern: $0) })
        }
    }
}

@Suite("Ingest: streaming reads")
struct IngestStreamingTests {
    static let spec = TableSpec(columns: ["id": ColumnSpec(header: "id"), "name": ColumnSpec(header: "名称"), "n": ColumnSpec(header: "n")])

    /// Every kind of record the reader meets, streamed and materialised: the same rows, counts and rejections.
    @Test func streamingGivesWhatTheMaterialisingReadGives() throws {
        let text =
            "\u{FEFF}id,名称,n,other\r\n1,甲,10,x\r\n\r\n\"2\",\"乙,\"\"丙\"\"\",20,y\r\n3,\"多\n行\",30\n合计,,60,\n4,丁,4\"0,z\n5,戊\n 　,,,\n6, 己 ,—,w"
        let path = try streamingTempFile(Array(text.utf8))
        var streamed: [String] = []
        let result = try TableReader.forEachRow(path: path, spec: Self.spec) { streamed.append(streamingView($0, ["id", "name", "n"])) }
        let whole = try TableReader.read(path: path, spec: Self.spec)
        #expect(result.rows.isEmpty)
        #expect(streamed == whole.rows.map { streamingView($0, ["id", "name", "n"]) })
        // Line 10 (an ASCII blank and U+3000) is not blank to the reader, which skips only spaces and tabs: a row of
        // empty cells, as before streaming.
        #expect(
            streamed == [
                "2: id=1 name=甲 n=10", "4: id=2 name=乙,\"丙\" n=20", "5: id=3 name=多\n行 n=30", "9: id=5 name=戊 n=nil",
                "10: id=nil name=nil n=nil", "11: id=6 name=己 n=nil",
            ])
        #expect(result.rowsRead == whole.rowsRead)
        #expect(result.rowsRead == 7)  // six rows and the stray quote on line 8
        #expect(result.rowsSkipped == 2)  // the empty line, 合计
        #expect(result.rejected.map(\.description) == whole.rejected.map(\.description))
        #expect(result.rejected.map(\.line) == [8])
    }

    /// Records across the 1 MiB read-buffer boundary, quoted or not, are read whole and at the right line.
    @Test(arguments: [-3, -1, 0, 1, 2]) func recordsAcrossTheBufferBoundary(shift: Int) throws {
        var bytes = Array("id,名称,n\n".utf8)
        var line = 2
        while bytes.count < (1 << 20) - 40 + shift {
            bytes += Array("\(line),名\(line),\(line)\n".utf8)
            line += 1
        }
        let quotedLine = line
        bytes += Array("\(line),\"跨越\n缓冲区,\"\"边界\"\"\",7\n".utf8)
        line += 2
        let plainLine = line
        bytes += Array("\(line),\(String(repeating: "长", count: 30)),8\n".utf8)
        line += 1
        bytes += Array("\(line),尾,9".utf8)  // no line break at the end
        let path = try streamingTempFile(bytes)
        var rows: [Int: String] = [:]
        var count = 0
        let result = try TableReader.forEachRow(path: path, spec: Self.spec) { row in
            count += 1
            if row.line >= quotedLine { rows[row.line] = streamingView(row, ["id", "name", "n"]) }
            #expect(row.text("id") == String(row.line))
        }
        #expect(result.rejected.isEmpty)
        #expect(count == line - 2 - 1 + 1)  // every data record; the quoted one spans two lines
        #expect(rows[quotedLine] == "\(quotedLine): id=\(quotedLine) name=跨越\n缓冲区,\"边界\" n=7")
        #expect(rows[plainLine] == "\(plainLine): id=\(plainLine) name=\(String(repeating: "长", count: 30)) n=8")
        #expect(rows[line] == "\(line): id=\(line) name=尾 n=9")
    }

    /// A regular file over `max_file_bytes` fails before its first row: a streaming read hands on nothing of it.
    @Test func aFileOverTheLimitHandsOnNoRow() throws {
        let path = try streamingTempFile(Array("id,名称,n\n1,甲,1\n2,乙,2\n".utf8))
        var seen = 0
        #expect(throws: IngestDiagnostic.self) {
            try TableReader.forEachRow(path: path, spec: Self.spec, limits: ReadLimits(maxFileBytes: 20)) { _ in seen += 1 }
        }
        #expect(seen == 0)
    }

    /// The GBK table decodes exactly as the system iconv: the same text, or a refusal at the same byte, on every
    /// two-byte sequence and on random byte strings.
    @Test func gbkTableAgreesWithIconv() throws {
        let decoder = try FieldDecoder(.gbk)
        func check(_ bytes: [UInt8]) {
            let ours: Decoded
            do {
                ours = .text(Array(try decoder.decode(bytes).utf8))
            } catch let e as FieldDecodingError {
                ours = .refused(e.offset ?? -1)
            } catch {
                ours = .refused(-2)
            }
            #expect(ours == iconvGBK(bytes), "\(bytes)")
        }
        for lead in 0x80...0xFF {
            check([UInt8(lead)])
            for trail in stride(from: 0, through: 0xFF, by: 1) where trail % 7 == lead % 7 { check([UInt8(lead), UInt8(trail), 0x41]) }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let n = Int.random(in: 1...12, using: &rng)
            check((0..<n).map { _ in Bool.random(using: &rng) ? UInt8.random(in: 0x81...0xFE, using: &rng) : UInt8.random(in: 0x20...0xFF, using: &rng) })
        }
    }

    /// A source's file over its rejection share, streamed: its rows reach the module, its counts and rejections are
    /// the file's (the reader's first, then the module's), and a problem withholds its year.
    @Test func rejectionShareOfAStreamedFile() throws {
        let path = try streamingTempFile(Array("id,名称,n\n1,甲,1\n2,乙,x\"y\n3,丙,3\n4,丁,-5\n".utf8))
        let file = SourceFile(displayPath: "t.csv", path: path, year: 2024, format: .csv, spec: Self.spec)
        var result = CollectionResult()
        var sum = 0.0
        SourceConfig(files: [file]).forEachRow(into: &result) { row, year in
            #expect(year == 2024)
            let n = try row.requiredNumber("n")
            if n < 0 { throw RowRejection("n is negative") }
            sum += n
        }
        #expect(sum == 4)
        #expect(result.rowsRead == 4)
        #expect(result.rejectedRows.count == 2)
        #expect(result.rejectedRows.first?.contains(":3:") == true)  // the reader's stray quote
        #expect(result.rejectedRows.last?.hasSuffix(":5: n is negative") == true)
        #expect(result.problems.map(\.year) == [2024])
        #expect(result.problems.first?.reasonZh.contains("有2行数据被拒收（共4行）") == true)
        #expect(result.errors.isEmpty)

        var tolerant = CollectionResult()
        SourceConfig(files: [file], maxRejectedShare: 0.5).forEachRow(into: &tolerant) { row, _ in
            if try row.requiredNumber("n") < 0 { throw RowRejection("n is negative") }
        }
        #expect(tolerant.problems.isEmpty)  // 2 of 4 is not above 0.5
    }
}
