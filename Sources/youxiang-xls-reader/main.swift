// youxiang-xls-reader: reads one sheet of one .xls workbook through FreeXL and writes its typed cells to stdout, for
// youxiangd's XLSTableReader, which runs it as a child process so that FreeXL crashing, aborting, hanging or eating
// memory on a damaged or hostile file costs that file, never the daemon.
//
//   youxiang-xls-reader FILE MAX_CELLS MAX_MEMORY_BYTES MAX_CPU_SECONDS [SHEET]
//
// SHEET is a sheet name, or a 1-based index when no sheet has that name; without it, the first sheet. The address
// space (RLIMIT_AS) and CPU time (RLIMIT_CPU) limits are set on this process before FreeXL opens the file.
//
// Output (stdout), integers little-endian; the format is decoded by YouxiangIngest's XLSCellStream:
//   'H' u8 date1904  u32 n  n bytes (the chosen sheet's name, UTF-8)      once, before any cell
//   'C' u32 row  u16 column  u8 type  payload                            one per non-empty cell, rows in order
//        type 102 (int): i64; 103 (double): f64 bits as u64; 104–108 (text, shared text, date, date-time, time):
//        u32 n + n bytes (UTF-8, as FreeXL gives it)
//   'Z'                                                                  end: everything was written
// Exit status 0: read (ends with 'Z'). 2: the file is refused, the reason (one line, for the operator) on stderr.
// 64: wrong arguments. A signal: FreeXL crashed or a limit killed it.
import CFreeXL
import Glibc

/// The output, buffered; written to fd 1 in large blocks.
struct Output {
    var buffer: [UInt8] = []

    mutating func byte(_ b: UInt8) { buffer.append(b) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func text(_ p: UnsafePointer<CChar>?) {
        guard let p else { u32(0); return }
        let n = strlen(p)
        u32(UInt32(truncatingIfNeeded: n))
        p.withMemoryRebound(to: UInt8.self, capacity: n) { buffer.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
    }
    /// Writes the buffer out (whole, retrying short writes); exits 74 when stdout is gone.
    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                exit(74)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes `message` on stderr and exits 2 (a refused file).
func refuse(_ message: String, _ out: inout Output) -> Never {
    out.flush()
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

/// FreeXL's error codes in words.
func describe(_ code: Int32) -> String {
    switch code {
    case FREEXL_FILE_NOT_FOUND: return "no such file"
    case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory (the sheet dimensions are absurd)"
    case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE: return "not an OLE2 compound document (not an .xls file)"
    case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: return "the file is cut short"
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "no workbook stream inside (not an Excel file)"
    case FREEXL_CRAFTED_FILE: return "severely damaged (FreeXL refuses it as crafted)"
    case FREEXL_UNSUPPORTED_CHARSET, FREEXL_INVALID_CHARACTER: return "its text is in a character set FreeXL cannot convert"
    default: return "damaged (FreeXL error \(code))"
    }
}

let args = CommandLine.arguments
guard args.count == 5 || args.count == 6, let maxCells = Int(args[2]), let maxMemory = UInt64(args[3]), let maxCPU = UInt64(args[4]) else {
    _ = "usage: youxiang-xls-reader FILE MAX_CELLS MAX_MEMORY_BYTES MAX_CPU_SECONDS [SHEET]\n".withCString { write(2, $0, strlen($0)) }
    exit(64)
}
let path = args[1]
let sheet: String? = args.count == 6 ? args[5] : nil
var out = Output()

// The limits first: whatever FreeXL does with the file happens inside them.
/// Sets the soft and hard limit of `resource` (an `RLIMIT_*`) to `value`.
func limit(_ resource: __rlimit_resource, _ value: UInt64) {
    var l = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    _ = setrlimit(__rlimit_resource_t(resource.rawValue), &l)
}
limit(RLIMIT_AS, maxMemory)
// At the soft CPU limit the kernel sends SIGXCPU (which ends the process).
limit(RLIMIT_CPU, maxCPU)
// A crash writes no core file (a hostile workbook's memory image is of no use, and may be large).
limit(RLIMIT_CORE, 0)

var handle: UnsafeRawPointer?
let opened = freexl_open(path, &handle)
guard opened == FREEXL_OK, let handle else { refuse("not a readable .xls workbook: \(describe(opened)); re-save it from Excel or WPS", &out) }

var info: UInt32 = 0
if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK, info == UInt32(FREEXL_BIFF_OBFUSCATED) {
    refuse("the workbook is password-protected; save an unprotected copy", &out)
}
var dateMode: UInt32 = 0
_ = freexl_get_info(handle, UInt16(FREEXL_BIFF_DATEMODE), &dateMode)
var count: UInt32 = 0
guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK, count > 0 else { refuse("workbook has no sheets", &out) }
var names: [String] = []
for i in 0..<min(count, UInt32(UInt16.max)) {
    var name: UnsafePointer<CChar>?
    names.append(freexl_get_worksheet_name(handle, UInt16(i), &name) == FREEXL_OK ? name.map { String(cString: $0) } ?? "" : "")
}
let index: Int
if let sheet {
    if let i = names.firstIndex(of: sheet) {
        index = i
    } else if let i = Int(sheet), (1...names.count).contains(i) {
        index = i - 1
    } else {
        refuse("no sheet \"\(sheet)\"; sheets: \(names.joined(separator: ", ")) (or give `sheet:` as a 1-based index)", &out)
    }
} else {
    index = 0
}
let sheetName = names[index]
out.byte(UInt8(ascii: "H"))
out.byte(dateMode == UInt32(FREEXL_BIFF_DATEMODE_1904) ? 1 : 0)
sheetName.withCString { out.text($0) }
// From here on the parent names the sheet in a refusal (the 'H' record is out before the message).
guard freexl_select_active_worksheet(handle, UInt16(index)) == FREEXL_OK else { refuse("cannot select the sheet", &out) }
var lastRow: UInt32 = 0
var lastColumn: UInt16 = 0
guard freexl_worksheet_dimensions(handle, &lastRow, &lastColumn) == FREEXL_OK else { refuse("cannot read the size of the sheet", &out) }
// FreeXL gives the count of rows and columns (an empty sheet: 0 × 0).
let rows = Int(lastRow), columns = Int(lastColumn)
// Rows without a column hold no cell, but walking them is not free: a damaged dimension record declaring
// 246,546,456 rows × 0 columns kept the reader busy for minutes (found by fuzz/run xls).
if columns == 0, rows > 0 { refuse("sheet declares \(rows) rows but no column: the workbook is damaged; re-save it from Excel or WPS", &out) }
if rows * columns > maxCells { refuse("sheet is \(rows) rows × \(columns) columns, more than \(maxCells) cells (limit maxCells)", &out) }

var value = FreeXL_CellValue()
for r in 0..<rows {
    for c in 0..<columns {
        guard freexl_get_cell_value(handle, UInt32(r), UInt16(c), &value) == FREEXL_OK else { continue }
        let type = Int32(value.type)
        switch type {
        case FREEXL_CELL_INT, FREEXL_CELL_DOUBLE, FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
            out.byte(UInt8(ascii: "C"))
            out.u32(UInt32(r))
            out.u16(UInt16(c))
            out.byte(UInt8(type))
        default: continue
        }
        switch type {
        case FREEXL_CELL_INT: out.u64(UInt64(bitPattern: Int64(value.value.int_value)))
        case FREEXL_CELL_DOUBLE: out.u64(value.value.double_value.bitPattern)
        default: out.text(value.value.text_value)
        }
    }
    if out.buffer.count >= 1 << 20 { out.flush() }
}
out.byte(UInt8(ascii: "Z"))
out.flush()
freexl_close(handle)
exit(0)
