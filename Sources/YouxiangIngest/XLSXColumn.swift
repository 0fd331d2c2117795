/// Excel's column letters for a 1-based column index (1 → `A`, 27 → `AA`), and back.
public enum XLSXColumn {
    /// `A`, `B`, …, `Z`, `AA`, … for 1, 2, …
    public static func letters(_ column: Int) -> String {
        var n = column
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(out.reversed())
    }

    /// The 1-based column and the row of a cell reference such as `D17`; nil when malformed.
    static func parse(_ ref: String) -> (column: Int, row: Int)? { parse(bytes: ref.utf8) }

    /// The same from the reference's bytes (the sheet scanner reads them in place).
    static func parse<C: Collection>(bytes: C) -> (column: Int, row: Int)? where C.Element == UInt8 {
        var column = 0
        var row = 0
        var sawDigit = false
        for b in bytes {
            switch b {
            case 65...90 where !sawDigit: column = column * 26 + Int(b - 64)
            case 97...122 where !sawDigit: column = column * 26 + Int(b - 96)
            case 36: continue  // `$`
            case 48...57:
                sawDigit = true
                row = row * 10 + Int(b - 48)
                if row > 10_000_000 { return nil }
            default: return nil
            }
            if column > 16_384 { return nil }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }
}
