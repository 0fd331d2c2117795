/// Byte-level helpers over UTF-8 cell text shared by ``CellParser`` and ``TableRow``. No `Character` iteration.
enum CellText {
    /// Length of the whitespace sequence starting at `i` (0 when none): ASCII blanks, NBSP, U+2002–U+200B,
    /// U+202F, U+3000 and U+FEFF.
    @inline(__always)
    static func whitespaceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        if b < 0x80 { return 0 }
        let n = p.count - i
        if b == 0xC2, n >= 2, p[i + 1] == 0xA0 { return 2 }
        guard n >= 3 else { return 0 }
        let b1 = p[i + 1], b2 = p[i + 2]
        if b == 0xE3, b1 == 0x80, b2 == 0x80 { return 3 }
        if b == 0xEF, b1 == 0xBB, b2 == 0xBF { return 3 }
        if b == 0xE2, b1 == 0x80, (b2 >= 0x82 && b2 <= 0x8B) || b2 == 0xAF { return 3 }
        return 0
    }

    /// Length of a whitespace sequence ending just before `end` (0 when none).
    @inline(__always)
    static func whitespaceLength(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Int {
        let b = p[end - 1]
        if b < 0x80 { return (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? 1 : 0 }
        if end - start >= 2, p[end - 2] == 0xC2, b == 0xA0 { return 2 }
        if end - start >= 3, whitespaceLength(p, at: end - 3) == 3 { return 3 }
        return 0
    }

    /// The range of `p` without leading and trailing whitespace.
    static func trimmedRange(_ p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lo = 0, hi = p.count
        while lo < hi {
            let n = whitespaceLength(p, at: lo)
            if n == 0 { break }
            lo += n
        }
        while hi > lo {
            let n = whitespaceLength(p, endingAt: hi, from: lo)
            if n == 0 { break }
            hi -= n
        }
        return lo..<hi
    }

    /// Missing-value markers (already trimmed): empty, `—` `——` `–` `-` `－` `−` `/` `／` `N/A` `NA` (any case), `无`.
    static let missingMarkers: [[UInt8]] = [
        "—", "——", "–", "-", "－", "−", "/", "／", "无",
    ].map { Array($0.utf8) }

    static func isMissing(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, allowNone: Bool = true) -> Bool {
        let n = r.count
        if n == 0 { return true }
        // Fast path (every cell of every row comes here): a first byte no marker starts with.
        let f = p[r.lowerBound]
        if f < 0x80 {
            if f != UInt8(ascii: "-"), f != UInt8(ascii: "/"), f | 0x20 != UInt8(ascii: "n") { return false }
        } else if f != 0xE2, f != 0xEF, f != 0xE6 {
            return false
        }
        if n == 2 || n == 3 {
            // NA, N/A in any case
            let a = p[r.lowerBound] | 0x20
            let z = p[r.upperBound - 1] | 0x20
            if a == UInt8(ascii: "n"), z == UInt8(ascii: "a"), n == 2 || p[r.lowerBound + 1] == UInt8(ascii: "/") {
                return true
            }
        }
        if n > 6 { return false }
        for m in missingMarkers where m.count == n {
            if !allowNone, m == noneMarker { continue }
            if p[r].elementsEqual(m) { return true }
        }
        return false
    }

    static let noneMarker: [UInt8] = Array("无".utf8)

    /// Trimmed text of `s`, or `nil` when it is empty or a missing marker.
    static func presentText(_ s: String) -> String? {
        var copy = s
        var unchanged = false
        let trimmed: String? = copy.withUTF8 { p in
            let r = trimmedRange(p)
            if isMissing(p, r) { return nil }
            if r.count == p.count {
                unchanged = true
                return nil
            }
            return String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
        return unchanged ? s : trimmed
    }

    /// Maps one UTF-8 sequence at `i` to an ASCII byte for number/date parsing: ASCII passes through, full-width
    /// digits, `．` `，` `％` `－` `＋` `／` `：` `Ｅ` `ｅ` and `−` (U+2212) map to ASCII, whitespace maps to a space.
    /// Returns the ASCII byte (0 when the sequence has no ASCII equivalent) and the sequence length.
    @inline(__always)
    static func asciiEquivalent(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int) {
        let b = p[i]
        if b < 0x80 { return (b, 1) }
        let ws = whitespaceLength(p, at: i)
        if ws > 0 { return (0x20, ws) }
        guard p.count - i >= 3 else { return (0, 1) }
        let b1 = p[i + 1], b2 = p[i + 2]
        if b == 0xEF, b1 == 0xBC {
            switch b2 {
            case 0x90...0x99: return (b2 - 0x90 + UInt8(ascii: "0"), 3)
            case 0x8E: return (UInt8(ascii: "."), 3)
            case 0x8C: return (UInt8(ascii: ","), 3)
            case 0x85: return (UInt8(ascii: "%"), 3)
            case 0x8D: return (UInt8(ascii: "-"), 3)
            case 0x8B: return (UInt8(ascii: "+"), 3)
            case 0x8F: return (UInt8(ascii: "/"), 3)
            case 0x9A: return (UInt8(ascii: ":"), 3)
            case 0xA5: return (UInt8(ascii: "E"), 3)
            default: return (0, 3)
            }
        }
        if b == 0xEF, b1 == 0xBD, b2 == 0x85 { return (UInt8(ascii: "e"), 3) }
        if b == 0xE2, b1 == 0x88, b2 == 0x92 { return (UInt8(ascii: "-"), 3) }
        return (0, 1)
    }
}
