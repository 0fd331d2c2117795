import FuzzSupport
import YouxiangIngest

#if canImport(Glibc)
import Glibc
#endif

let scratch = "/tmp/youxiang-fuzz-xls-\(getpid()).xls"

/// One input: the bytes as an `.xls` workbook (BIFF8 in an OLE2 compound file, read by Debian's FreeXL), its first
/// sheet and its second (by index) read with a one-row header and with a title row and a two-row header, under small
/// limits so a huge sheet stops early.
func fuzzXLS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FuzzDriver.write(data, size, to: scratch) else { return 0 }
    let columns = ["id": ColumnSpec(header: "学校标识码"), "n": ColumnSpec(header: "在园幼儿数", scale: 1)]
    let limits = XLSXLimits(maxPartBytes: 8 << 20, maxCells: 200_000, maxSharedStrings: 50_000)
    for sheet in [nil, "2"] as [String?] {
        for (skip, headers) in [(0, 1), (1, 2)] {
            let spec = TableSpec(columns: columns, skipRows: skip, headerRows: headers)
            if let t = try? XLSTableReader.read(path: scratch, sheet: sheet, spec: spec, limits: limits) {
                precondition(t.rows.count <= t.rowsRead)
                for row in t.rows { _ = try? row.number("n"); _ = row.text("id"); _ = row.has("id") }
            }
        }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_xls_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in data.map { fuzzXLS($0, size) } ?? 0 }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzXLS(data, size) }
