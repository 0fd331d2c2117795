import FuzzSupport
import YouxiangIngest

#if canImport(Glibc)
import Glibc
#endif

let scratch = "/tmp/youxiang-fuzz-xlsx-\(getpid()).xlsx"

/// One input: the bytes as an .xlsx workbook (a ZIP of XML parts), its first visible sheet read with a one-row header
/// and with a title row and a two-row header, under small limits so an inflating part or a huge sheet stops early.
func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FuzzDriver.write(data, size, to: scratch) else { return 0 }
    let columns = ["id": ColumnSpec(header: "学校标识码"), "n": ColumnSpec(header: "在园幼儿数", scale: 1)]
    let limits = XLSXLimits(maxPartBytes: 8 << 20, maxCells: 200_000, maxSharedStrings: 50_000)
    for (skip, headers) in [(0, 1), (1, 2)] {
        let spec = TableSpec(columns: columns, skipRows: skip, headerRows: headers)
        if let t = try? XLSXTableReader.read(path: scratch, sheet: nil, spec: spec, limits: limits) {
            precondition(t.rows.count <= t.rowsRead)
            for row in t.rows { _ = try? row.number("n"); _ = row.text("id"); _ = row.has("id") }
        }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_xlsx_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in data.map { fuzzXLSX($0, size) } ?? 0 }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzXLSX(data, size) }
