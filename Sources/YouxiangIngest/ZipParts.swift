import CSystemZlib
import Foundation

/// The parts of a ZIP archive (an `.xlsx` workbook is one), read one at a time and bounded: the central directory is
/// read from the end of the file, a part's compressed bytes are read from its local header on, and a deflated part is
/// inflated by the system zlib with every byte of output counted against a limit and its CRC-32 checked.
///
/// Why not ZIPFoundation's `extract`: on Linux, its 0.9.20 inflate loop spins forever when a deflate stream ends
/// before its end-of-stream marker (the file runs out first: `fuzz/findings/xlsx-timeout-1.xlsx`), and hands zlib a
/// whole buffer's length of input for a short last chunk. Here a damaged stream is an error, every loop consumes input
/// or produces output, and nothing reads past the part.
///
/// Supported: stored (0) and deflated (8) parts, ZIP64 sizes and offsets. Encrypted parts are refused.
struct ZipParts {
    /// One entry of the central directory.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// Why a read failed, for the reader's message.
    enum Failure: Error, CustomStringConvertible {
        case notZip(String)
        case damaged(String)
        case tooLarge(Int)
        var description: String {
            switch self {
            case .notZip(let m), .damaged(let m): return m
            case .tooLarge(let limit): return "inflates to more than \(limit) bytes"
            }
        }
    }

    let handle: FileHandle
    let fileSize: UInt64
    private(set) var entries: [String: Entry] = [:]

    /// Opens `path` and reads its central directory (at most `maxEntries` entries).
    init(path: String, maxEntries: Int = 100_000) throws {
        // Only a regular file: opening a FIFO would block here, outside the collector's timeout.
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular else {
            throw Failure.notZip("not a regular file (a device, FIFO, socket or folder)")
        }
        guard let h = FileHandle(forReadingAtPath: path) else { throw Failure.notZip("cannot open file") }
        handle = h
        fileSize = try h.seekToEnd()
        // End of central directory record: 22 bytes + a comment of up to 65 535 bytes, at the end of the file.
        let tailLength = min(fileSize, 22 + 65_535)
        let tail = try Self.read(h, at: fileSize - tailLength, count: Int(tailLength))
        guard tail.count >= 22, let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: { Self.u32(tail, $0) == 0x0605_4B50 }) else {
            throw Failure.notZip("not a zip archive (no end of central directory)")
        }
        var count = UInt64(Self.u16(tail, eocd + 10))
        var cdSize = UInt64(Self.u32(tail, eocd + 12))
        var cdOffset = UInt64(Self.u32(tail, eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: the locator (20 bytes) sits right before the record and points at the ZIP64 record.
            guard eocd >= 20, Self.u32(tail, eocd - 20) == 0x0706_4B50 else { throw Failure.damaged("ZIP64 locator missing") }
            let recordOffset = Self.u64(tail, eocd - 20 + 8)
            guard recordOffset < fileSize else { throw Failure.damaged("ZIP64 record offset past the end of the file") }
            let record = try Self.read(h, at: recordOffset, count: 56)
            guard record.count == 56, Self.u32(record, 0) == 0x0606_4B50 else { throw Failure.damaged("ZIP64 record damaged") }
            count = Self.u64(record, 32)
            cdSize = Self.u64(record, 40)
            cdOffset = Self.u64(record, 48)
        }
        guard count <= UInt64(maxEntries) else { throw Failure.damaged("\(count) entries (more than \(maxEntries))") }
        guard cdOffset <= fileSize, cdSize <= fileSize - cdOffset else { throw Failure.damaged("central directory past the end of the file") }
        let cd = try Self.read(h, at: cdOffset, count: Int(cdSize))
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= cd.count, Self.u32(cd, at) == 0x0201_4B50 else { throw Failure.damaged("central directory entry damaged") }
            let nameLength = Int(Self.u16(cd, at + 28)), extraLength = Int(Self.u16(cd, at + 30)), commentLength = Int(Self.u16(cd, at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= cd.count else { throw Failure.damaged("central directory entry runs past its end") }
            let nameBytes = cd[cd.startIndex + at + 46..<cd.startIndex + at + 46 + nameLength]
            var e = Entry(
                name: String(decoding: nameBytes, as: UTF8.self), method: Self.u16(cd, at + 10), flags: Self.u16(cd, at + 8),
                crc32: Self.u32(cd, at + 16), compressedSize: UInt64(Self.u32(cd, at + 20)), uncompressedSize: UInt64(Self.u32(cd, at + 24)),
                localHeaderOffset: UInt64(Self.u32(cd, at + 42)))
            // The ZIP64 extra field (0x0001) holds, in this order, the sizes and the offset that are 0xFFFFFFFF above.
            var x = at + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = Self.u16(cd, x), size = Int(Self.u16(cd, x + 2))
                guard x + 4 + size <= extraEnd else { break }
                if id == 0x0001 {
                    var f = x + 4
                    func next() -> UInt64? { guard f + 8 <= x + 4 + size else { return nil }; defer { f += 8 }; return Self.u64(cd, f) }
                    if e.uncompressedSize == 0xFFFF_FFFF, let v = next() { e.uncompressedSize = v }
                    if e.compressedSize == 0xFFFF_FFFF, let v = next() { e.compressedSize = v }
                    if e.localHeaderOffset == 0xFFFF_FFFF, let v = next() { e.localHeaderOffset = v }
                }
                x += 4 + size
            }
            if entries[e.name] == nil { entries[e.name] = e }
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The uncompressed bytes of the part `name` (nil: no such part), at most `limit` of them.
    func read(_ name: String, limit: Int) throws -> Data? {
        guard let e = entries[name] else { return nil }
        if e.flags & 1 != 0 { throw Failure.damaged("part is encrypted") }
        guard e.localHeaderOffset <= fileSize - min(fileSize, 30) else { throw Failure.damaged("local header past the end of the file") }
        let header = try Self.read(handle, at: e.localHeaderOffset, count: 30)
        guard header.count == 30, Self.u32(header, 0) == 0x0403_4B50 else { throw Failure.damaged("local header damaged") }
        let dataOffset = e.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
        guard dataOffset <= fileSize, e.compressedSize <= fileSize - dataOffset else { throw Failure.damaged("data past the end of the file") }
        switch e.method {
        case 0:
            guard e.compressedSize <= UInt64(limit) else { throw Failure.tooLarge(limit) }
            let data = try Self.read(handle, at: dataOffset, count: Int(e.compressedSize))
            guard Self.crc(data) == e.crc32 else { throw Failure.damaged("CRC-32 mismatch") }
            return data
        case 8:
            // The central directory's declared size bounds the inflation too: a part declared larger than the limit is
            // refused before any byte is inflated, and one that inflates past what it declared (a lying bomb) stops there.
            guard e.uncompressedSize <= UInt64(limit) else { throw Failure.tooLarge(limit) }
            let input = try Self.read(handle, at: dataOffset, count: Int(e.compressedSize))
            let declared = Int(e.uncompressedSize)
            let data: Data
            do {
                data = try Self.inflate(input, limit: declared)
            } catch Failure.tooLarge {
                throw Failure.damaged("part inflates to more than the \(declared) bytes its directory entry declares")
            }
            guard data.count == declared else { throw Failure.damaged("part inflates to \(data.count) bytes, not the \(declared) it declares") }
            guard Self.crc(data) == e.crc32 else { throw Failure.damaged("CRC-32 mismatch") }
            return data
        default:
            throw Failure.damaged("compression method \(e.method) is not supported (only stored and deflated)")
        }
    }

    /// Raw deflate → bytes. Every turn of the loop consumes input or produces output; input that ends before the
    /// stream's end marker, or bytes that are not deflate, are an error.
    static func inflate(_ input: Data, limit: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.damaged("zlib init failed") }
        defer { inflateEnd(&stream) }
        var out = Data()
        let chunk = 64 << 10
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = input
        return try input.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) throws -> Data in
            stream.next_in = raw.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(raw.count)
            while true {
                let (rc, produced) = buffer.withUnsafeMutableBufferPointer { b -> (Int32, Int) in
                    stream.next_out = b.baseAddress
                    stream.avail_out = uInt(chunk)
                    let rc = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                    return (rc, chunk - Int(stream.avail_out))
                }
                if produced > 0 {
                    if out.count + produced > limit { throw Failure.tooLarge(limit) }
                    out.append(contentsOf: buffer[0..<produced])
                }
                switch rc {
                case Z_STREAM_END: return out
                case Z_OK: continue
                case Z_BUF_ERROR:
                    // No progress possible: with output room left, the input ran out before the end of the stream.
                    throw Failure.damaged("deflate stream is cut short")
                default:
                    throw Failure.damaged("deflate data is damaged (zlib \(rc))")
                }
            }
        }
    }

    static func crc(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(CSystemZlib.crc32(0, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count)))
        }
    }

    private static func read(_ h: FileHandle, at offset: UInt64, count: Int) throws -> Data {
        try h.seek(toOffset: offset)
        return try h.read(upToCount: count) ?? Data()
    }

    private static func u16(_ d: Data, _ i: Int) -> UInt16 {
        UInt16(d[d.startIndex + i]) | UInt16(d[d.startIndex + i + 1]) << 8
    }
    private static func u32(_ d: Data, _ i: Int) -> UInt32 {
        UInt32(u16(d, i)) | UInt32(u16(d, i + 2)) << 16
    }
    private static func u64(_ d: Data, _ i: Int) -> UInt64 {
        UInt64(u32(d, i)) | UInt64(u32(d, i + 4)) << 32
    }
}
