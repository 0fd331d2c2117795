import FuzzSupport
import YouxiangIngest

/// One input: the bytes as what `youxiang-xls-reader` writes on its stdout (the typed cells of one sheet, FreeXL's
/// reading of an `.xls`), decoded and built into a table by `XLSTableReader.table(readerOutput:)` with a one-row header
/// and with a title row and a two-row header. That decoding is what runs inside youxiangd on the child's output; FreeXL
/// itself runs in the child (a crash there costs that file only), so it is not fuzzed here.
func fuzzXLS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let columns = ["id": ColumnSpec(header: "学校标识码"), "n": ColumnSpec(header: "在园幼儿数", scale: 1)]
    for (skip, headers) in [(0, 1), (1, 2)] {
        let spec = TableSpec(columns: columns, skipRows: skip, headerRows: headers)
        if let t = try? XLSTableReader.table(readerOutput: bytes, path: "fuzz.xls", spec: spec) {
            precondition(t.rows.count <= t.rowsRead)
            for row in t.rows { _ = try? row.number("n"); _ = row.text("id"); _ = row.has("id") }
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
