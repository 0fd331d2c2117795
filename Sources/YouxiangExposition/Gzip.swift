import CSystemZlib

/// gzip for `/metrics` (`Content-Encoding: gzip`), built so the large, unchanging part of a response is compressed
/// once per snapshot and each scrape compresses only its small changing tail.
///
/// The snapshot is compressed as raw deflate ending in a full flush (byte-aligned, no final block, no references
/// reaching past it); a scrape appends the tail as a fresh raw deflate stream that ends the member, and a trailer
/// whose CRC-32 is `crc32_combine` of the two parts. The result is one ordinary gzip member (RFC 1952), which every
/// client decodes (zlib's own `crc32_combine` is the documented way to join them, as pigz does).
public enum Gzip {
    /// A compressed prefix of a gzip member.
    public struct Prefix: Sendable {
        /// Raw deflate blocks, ending in a full flush (not final).
        public let deflated: [UInt8]
        public let crc: UInt32
        public let length: Int
    }

    /// The 10-byte gzip header (no name, no mtime, OS unknown).
    public static let header: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]

    /// Compresses `bytes` as the prefix of a member (level 1: scrape bodies are large and repetitive; speed wins).
    public static func prefix(_ bytes: [UInt8], level: Int32 = 1) -> Prefix {
        bytes.withUnsafeBytes { prefix($0, level: level) }
    }

    /// The same, from raw memory (a rendered body, without copying it first).
    public static func prefix(_ bytes: UnsafeRawBufferPointer, level: Int32 = 1) -> Prefix {
        let p = bytes.bindMemory(to: UInt8.self)
        return Prefix(
            deflated: deflate(p, finish: false, level: level),
            crc: UInt32(crc32(0, p.baseAddress, uInt(p.count))), length: p.count)
    }

    /// The rest of the member after `prefix`: the tail's deflate stream (final) and the trailer.
    public static func finish(after prefix: Prefix, tail: [UInt8], level: Int32 = 1) -> [UInt8] {
        var out = deflate(tail, finish: true, level: level)
        let combined = UInt32(crc32_combine(uLong(prefix.crc), uLong(crc(tail)), off_t(tail.count)))
        let total = UInt32(truncatingIfNeeded: prefix.length + tail.count)
        for v in [combined, total] { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xff)) } }
        return out
    }

    /// A whole member for `bytes` (tests and small bodies).
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let p = prefix([])
        return header + p.deflated + finish(after: p, tail: bytes)
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    static func deflate(_ bytes: [UInt8], finish: Bool, level: Int32) -> [UInt8] {
        bytes.withUnsafeBufferPointer { deflate($0, finish: finish, level: level) }
    }

    /// Raw deflate (no zlib/gzip wrapper) of `bytes`, ending with Z_FINISH or Z_FULL_FLUSH; the result is sized to
    /// its content (the working buffer, sized for the worst case, is not kept).
    static func deflate(_ bytes: UnsafeBufferPointer<UInt8>, finish: Bool, level: Int32) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return []
        }
        defer { deflateEnd(&stream) }
        // The working buffer is sized for the worst case but left uninitialised: only the pages deflate writes are
        // touched, so rendering a 100 MB body does not fault in another 100 MB that is thrown away.
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 64
        var produced = 0
        let work = [UInt8](unsafeUninitializedCapacity: bound) { outp, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = outp.baseAddress
            stream.avail_out = uInt(outp.count)
            _ = CSystemZlib.deflate(&stream, finish ? Z_FINISH : Z_FULL_FLUSH)
            produced = outp.count - Int(stream.avail_out)
            initialized = produced
        }
        return Array(work[0..<produced])
    }
}
