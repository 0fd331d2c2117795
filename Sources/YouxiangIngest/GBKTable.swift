#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GBK → UTF-8 by table lookup, for ``FieldDecoder``: the table is built once per process from the system `iconv`
/// itself (every byte 0x80–0xFF alone, then every lead byte with every second byte: about 32,000 conversions,
/// a few milliseconds), so decoding accepts, refuses and converts exactly what `iconv` does, at a lookup per
/// character instead of an `iconv` call per cell.
///
/// GBK (glibc's `GBK` converter) is stateless: a byte below 0x80 is ASCII; a byte 0x80–0xFF is either a character by
/// itself, the lead byte of a two-byte character, or invalid. An invalid or truncated sequence is reported at its
/// first byte, where `iconv` stops. If the system converter ever produced more than 3 UTF-8 bytes for a character the
/// table is not built (``shared`` is nil) and ``FieldDecoder`` keeps calling `iconv`.
///
/// Memory: 127 × 256 four-byte entries (130 KB), allocated once and never freed.
final class GBKTable: @unchecked Sendable {
    /// The process's table, or nil when the system has no GBK converter (``FieldDecoder`` then reports that error).
    static let shared: GBKTable? = GBKTable()

    /// Per byte 0x00–0xFF: 0 invalid, 1 lead byte, 2 a character by itself (its UTF-8 in `singles`), 3 ASCII.
    private let kind: UnsafeMutablePointer<UInt8>
    /// Per byte: packed UTF-8 of a one-byte character (see `pack`).
    private let singles: UnsafeMutablePointer<UInt32>
    /// Per (lead − 0x80) × 256 + second byte: packed UTF-8 of the two-byte character, 0 when invalid.
    private let pairs: UnsafeMutablePointer<UInt32>

    /// UTF-8 bytes packed in a UInt32: the count (1–3) in the top byte, then the bytes from the most significant.
    private static func pack(_ out: UnsafeMutablePointer<UInt8>, _ n: Int) -> UInt32 {
        var v = UInt32(n) << 24
        for k in 0..<n { v |= UInt32(out[k]) << (16 - 8 * k) }
        return v
    }

    private init?() {
        let cd = iconv_open("UTF-8", TextEncoding.gbk.iconvName)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        let input = UnsafeMutablePointer<CChar>.allocate(capacity: 2)
        let output = UnsafeMutablePointer<CChar>.allocate(capacity: 16)
        defer {
            input.deallocate()
            output.deallocate()
        }
        /// Converts `n` bytes of `input`: (errno, bytes produced); errno 0 on success.
        func convert(_ n: Int) -> (Int32, Int) {
            _ = iconv(cd, nil, nil, nil, nil)
            var inPtr: UnsafeMutablePointer<CChar>? = input
            var inLeft = n
            var outPtr: UnsafeMutablePointer<CChar>? = output
            var outLeft = 16
            if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return (errno == 0 ? EILSEQ : errno, 0) }
            return inLeft == 0 ? (0, 16 - outLeft) : (EILSEQ, 0)
        }
        let kind = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        let singles = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        let pairs = UnsafeMutablePointer<UInt32>.allocate(capacity: 128 * 256)
        kind.initialize(repeating: 3, count: 0x80)
        (kind + 0x80).initialize(repeating: 0, count: 0x80)
        singles.initialize(repeating: 0, count: 256)
        pairs.initialize(repeating: 0, count: 128 * 256)
        var usable = true
        output.withMemoryRebound(to: UInt8.self, capacity: 16) { out in
            for b in 0x80...0xFF {
                input[0] = CChar(bitPattern: UInt8(b))
                let (err, produced) = convert(1)
                if err == 0 {
                    guard (1...3).contains(produced) else { usable = false; return }
                    kind[b] = 2
                    singles[b] = Self.pack(out, produced)
                    continue
                }
                guard err == EINVAL else { continue }
                kind[b] = 1
                for t in 0...0xFF {
                    input[1] = CChar(bitPattern: UInt8(t))
                    let (e2, n2) = convert(2)
                    guard e2 == 0 else { continue }
                    guard (1...3).contains(n2) else { usable = false; return }
                    pairs[(b - 0x80) * 256 + t] = Self.pack(out, n2)
                }
            }
        }
        guard usable else {
            kind.deallocate()
            singles.deallocate()
            pairs.deallocate()
            return nil
        }
        self.kind = kind
        self.singles = singles
        self.pairs = pairs
    }

    /// Decodes `p` into `out`, which has room for `3 × p.count` bytes.
    /// - Returns: the number of UTF-8 bytes written, or `-1 - offset` where `offset` is the 0-based position of the
    ///   first byte of the first invalid or truncated character.
    @inline(__always)
    func decode(_ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = p.count
        guard let src = p.baseAddress else { return 0 }
        var i = 0
        var o = 0
        while i < n {
            let b = src[i]
            if b < 0x80 {
                out[o] = b
                o &+= 1
                i &+= 1
                continue
            }
            let packed: UInt32
            switch kind[Int(b)] {
            case 1:
                guard i &+ 1 < n else { return -1 - i }
                packed = pairs[(Int(b) &- 0x80) &* 256 &+ Int(src[i &+ 1])]
                guard packed != 0 else { return -1 - i }
                i &+= 2
            case 2:
                packed = singles[Int(b)]
                i &+= 1
            default:
                return -1 - i
            }
            let count = Int(packed >> 24)
            out[o] = UInt8(truncatingIfNeeded: packed >> 16)
            if count > 1 { out[o &+ 1] = UInt8(truncatingIfNeeded: packed >> 8) }
            if count > 2 { out[o &+ 2] = UInt8(truncatingIfNeeded: packed) }
            o &+= count
        }
        return o
    }
}
