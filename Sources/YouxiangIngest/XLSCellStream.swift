import Foundation

/// The typed cells `youxiang-xls-reader` writes on its stdout (the format is described in
/// `Sources/youxiang-xls-reader/main.swift`), decoded for ``XLSTableReader``. FreeXL's cell type codes are kept as
/// numbers here, so the daemon's library code does not link FreeXL.
struct XLSCellStream {
    /// One non-empty cell as FreeXL typed it.
    struct Cell {
        /// 0-based row and column, as FreeXL counts them.
        var row: Int
        var column: Int
        var value: Value
    }

    /// A cell's value by FreeXL's type (`FREEXL_CELL_*`).
    enum Value: Equatable {
        /// `FREEXL_CELL_INT` (102).
        case int(Int64)
        /// `FREEXL_CELL_DOUBLE` (103).
        case double(Double)
        /// `FREEXL_CELL_TEXT` (104) and `FREEXL_CELL_SST_TEXT` (105).
        case text(String)
        /// `FREEXL_CELL_DATE` (106, `yyyy-mm-dd`) and `FREEXL_CELL_DATETIME` (107, `yyyy-mm-dd hh:mm:ss`).
        case date(String)
        /// `FREEXL_CELL_TIME` (108, `hh:mm:ss`).
        case time(String)
    }

    /// The chosen sheet's name, once the reader got that far.
    var sheet: String?
    /// Whether the workbook counts dates from 1904.
    var date1904 = false
    /// The cells, rows in order.
    var cells: [Cell] = []
    /// Whether the end record came: the reader wrote everything.
    var complete = false

    /// A stream that breaks the format (a reader of another version, or output cut short).
    struct Malformed: Error {}

    /// Decodes `bytes`; a stream cut short (the reader died) decodes up to its last whole record, `complete` false.
    /// - Throws: ``Malformed`` for an unknown record or cell type.
    init(_ bytes: [UInt8]) throws(Malformed) {
        var p = 0
        func need(_ n: Int) -> Bool { p + n <= bytes.count }
        func u16() -> Int { defer { p += 2 }; return Int(bytes[p]) | Int(bytes[p + 1]) << 8 }
        func u32() -> Int { defer { p += 4 }; return (0..<4).reduce(0) { $0 | Int(bytes[p + $1]) << (8 * $1) } }
        func u64() -> UInt64 { defer { p += 8 }; return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[p + $1]) << (8 * UInt64($1)) } }
        func string() -> String? {
            guard need(4) else { return nil }
            let n = u32()
            guard need(n) else { return nil }
            defer { p += n }
            return String(decoding: bytes[p..<(p + n)], as: UTF8.self)
        }
        records: while p < bytes.count {
            let start = p
            let kind = bytes[p]
            p += 1
            switch kind {
            case UInt8(ascii: "H"):
                guard need(1) else { break records }
                let mode = bytes[p]
                p += 1
                guard let name = string() else { p = start; break records }
                date1904 = mode == 1
                sheet = name
            case UInt8(ascii: "C"):
                guard need(7) else { break records }
                let row = u32(), column = u16(), type = bytes[p]
                p += 1
                let value: Value
                switch type {
                case 102, 103:
                    guard need(8) else { break records }
                    let bits = u64()
                    value = type == 102 ? .int(Int64(bitPattern: bits)) : .double(Double(bitPattern: bits))
                case 104, 105, 106, 107, 108:
                    guard let s = string() else { break records }
                    value = type <= 105 ? .text(s) : type == 108 ? .time(s) : .date(s)
                default: throw Malformed()
                }
                cells.append(Cell(row: row, column: column, value: value))
            case UInt8(ascii: "Z"):
                complete = p == bytes.count
                if !complete { throw Malformed() }
            default: throw Malformed()
            }
        }
    }
}
