import FuzzSupport
import YouxiangIngest

#if canImport(Glibc)
import Glibc
#endif

let scratch = "/tmp/youxiang-fuzz-csv-\(getpid()).csv"

/// One input: the bytes as a CSV file, read both by the raw record reader and as a table (GBK, two header rows,
/// one title row, three mapped columns), kept and streamed. Rows come back or are rejected with a position, the same
/// rows either way; nothing else may happen.
func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FuzzDriver.write(data, size, to: scratch) else { return 0 }
    if let reader = try? CSVReader(path: scratch) {
        for r in reader {
            if case .success(let rec) = r { precondition(rec.line >= 1) }
        }
    }
    for encoding in [TextEncoding.utf8, .gbk] {
        var spec = TableSpec(columns: [
            "id": ColumnSpec(header: "学校标识码"), "n": ColumnSpec(header: "在园幼儿数/合计", scale: 1),
            "v": ColumnSpec(header: "a", scale: 10000),
        ])
        spec.encoding = encoding
        spec.skipRows = 1
        spec.headerRows = 2
        if let t = try? TableReader.read(path: scratch, spec: spec) {
            precondition(t.rows.count <= t.rowsRead)
            for row in t.rows { _ = try? row.number("n"); _ = try? row.number("v"); _ = row.text("id") }
            // The streaming read gives the same rows (the materialising read is built on it) and the same counts.
            var streamed: [String?] = []
            if let s = try? TableReader.forEachRow(path: scratch, spec: spec, { row in streamed.append(row.text("id")) }) {
                precondition(s.rows.isEmpty && s.rowsRead == t.rowsRead && s.rowsSkipped == t.rowsSkipped)
                precondition(streamed == t.rows.map { $0.text("id") })
            }
        }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_csv_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in data.map { fuzzCSV($0, size) } ?? 0 }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzCSV(data, size) }
