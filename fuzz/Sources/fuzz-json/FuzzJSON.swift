import FuzzSupport
import YouxiangIngest

#if canImport(Glibc)
import Glibc
#endif

let scratch = "/tmp/youxiang-fuzz-json-\(getpid()).json"

/// One input: the bytes as a JSON export, read as a top-level array and as an object with a `records` member.
func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FuzzDriver.write(data, size, to: scratch) else { return 0 }
    let columns = ["id": ColumnSpec(header: "school_id"), "n": ColumnSpec(header: "children", scale: 1)]
    for key in [nil, "records"] as [String?] {
        if let t = try? JSONTableReader.read(path: scratch, columns: columns, recordsKey: key) {
            precondition(t.rows.count <= t.rowsRead)
            for row in t.rows { _ = try? row.number("n"); _ = row.text("id"); _ = row.has("id") }
        }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_json_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in data.map { fuzzJSON($0, size) } ?? 0 }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzJSON(data, size) }
