#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a field's bytes could not be decoded (thrown by ``FieldDecoder``).
public struct FieldDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The encoding the bytes were decoded as.
    public var encoding: TextEncoding
    /// 0-based offset of the first invalid byte within the field, or `nil` when the converter could not be opened.
    public var offset: Int?
    /// Explanation, e.g. `bytes are not valid GBK at byte 6 (FF FF 31)`.
    public var message: String

    /// Creates an error; see the properties.
    public init(encoding: TextEncoding, offset: Int?, message: String) {
        self.encoding = encoding
        self.offset = offset
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Decodes one field's raw bytes from the file's encoding into a `String`.
///
/// - All-ASCII bytes take a fast path with no conversion (ASCII is identical in UTF-8, GBK and GB18030).
/// - UTF-8 is validated by the standard library; GB18030 is converted with glibc `iconv` (one converter per
///   decoder, reset before each call, closed on deinit); GBK by ``GBKTable``, a lookup table built from that `iconv`.
/// - Invalid or truncated byte sequences throw ``FieldDecodingError``; no replacement characters are ever produced.
///
/// Not thread-safe: use one decoder per task.
public final class FieldDecoder {
    /// The encoding this decoder reads.
    public let encoding: TextEncoding
    private let converter: iconv_t?
    /// GBK only: the lookup table that replaces the per-cell iconv call (nil for other encodings).
    /// (`unowned(unsafe)`: ``GBKTable/shared`` lives as long as the process, and reading it then costs no reference
    /// counting per cell.)
    private unowned(unsafe) let gbkTable: GBKTable?
    private var out: UnsafeMutablePointer<CChar>
    private var outCapacity: Int

    /// Creates a decoder for `encoding`.
    /// - Throws: ``FieldDecodingError`` when the system `iconv` has no converter for the encoding
    ///   (glibc's gconv modules missing).
    public init(_ encoding: TextEncoding) throws {
        self.encoding = encoding
        if encoding == .utf8 {
            converter = nil
        } else {
            let cd = iconv_open("UTF-8", encoding.iconvName)
            guard let cd, cd != iconv_t(bitPattern: -1) else {
                let reason = String(cString: strerror(errno))
                throw FieldDecodingError(
                    encoding: encoding, offset: nil,
                    message: "iconv cannot convert from \(encoding.iconvName): \(reason)")
            }
            converter = cd
        }
        gbkTable = encoding == .gbk ? GBKTable.shared : nil
        outCapacity = 1024
        out = .allocate(capacity: outCapacity)
    }

    deinit {
        if let converter { iconv_close(converter) }
        out.deallocate()
    }

    /// Decodes `bytes` (one field, in ``encoding``) to a `String`.
    /// - Throws: ``FieldDecodingError`` naming the offset of the first invalid byte.
    public func decode(_ bytes: [UInt8]) throws -> String {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    /// Same as ``decode(_:)-([UInt8])`` without copying the input.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let converter else {
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            throw invalid(bytes, at: Self.firstInvalidUTF8(bytes))
        }
        let produced = try transcode(bytes, with: converter)
        return out.withMemoryRebound(to: UInt8.self, capacity: produced) {
            String(decoding: UnsafeBufferPointer(start: $0, count: produced), as: UTF8.self)
        }
    }

    /// Decodes `bytes` like ``decode(_:)-([UInt8])`` and appends the UTF-8 result to `out` (nothing is appended when
    /// the bytes are invalid): no `String` is made.
    /// - Throws: ``FieldDecodingError`` naming the offset of the first invalid byte.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo target: inout [UInt8]) throws {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            target.append(contentsOf: bytes)
            return
        }
        guard let converter else {
            guard Self.isValidUTF8(bytes) else { throw invalid(bytes, at: Self.firstInvalidUTF8(bytes)) }
            target.append(contentsOf: bytes)
            return
        }
        let produced = try transcode(bytes, with: converter)
        out.withMemoryRebound(to: UInt8.self, capacity: produced) { target.append(contentsOf: UnsafeBufferPointer(start: $0, count: produced)) }
    }

    /// Decodes the cell `bytes` for a streaming read without making a `String`: ASCII bytes and valid UTF-8 (in a
    /// UTF-8 decoder) are returned as they are, without a copy; other encodings are converted into `scratch`, which
    /// must have room for ``scratchBytes(for:)`` bytes, and the converted bytes are returned.
    /// - Throws: ``FieldDecodingError`` naming the offset of the first invalid byte (the same as ``decode(_:)-([UInt8])``).
    @inline(__always)
    func view(_ bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) throws -> UnsafeBufferPointer<UInt8> {
        var i = 0
        while i < bytes.count, bytes[i] < 0x80 { i += 1 }
        if i == bytes.count { return bytes }
        guard let converter else {
            // The ASCII prefix ends on a character boundary: validate from there.
            guard Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[i...])) else { throw invalid(bytes, at: Self.firstInvalidUTF8(bytes)) }
            return bytes
        }
        if let table = gbkTable {
            let produced = table.decode(bytes, into: scratch)
            if produced < 0 { throw invalid(bytes, at: -1 - produced) }
            return UnsafeBufferPointer(start: scratch, count: produced)
        }
        let produced = try transcode(bytes, with: converter)
        out.withMemoryRebound(to: UInt8.self, capacity: produced) { scratch.update(from: $0, count: produced) }
        return UnsafeBufferPointer(start: scratch, count: produced)
    }

    /// The room ``view(_:scratch:)`` needs for a cell of `count` bytes: 3 UTF-8 bytes per input byte at most (a
    /// one-byte GBK character may become 3 bytes), plus 16.
    static func scratchBytes(for count: Int) -> Int { count * 3 + 16 }

    /// Converts `bytes` into the reusable output buffer (grown as needed); returns the UTF-8 bytes produced. GBK goes
    /// through ``GBKTable`` (the same result as iconv, without a call per cell), GB18030 through iconv.
    /// - Throws: ``FieldDecodingError`` at the first byte iconv refuses (invalid or truncated input).
    private func transcode(_ bytes: UnsafeBufferPointer<UInt8>, with converter: iconv_t) throws -> Int {
        // Worst case growth is 1 byte → 3 (a one-byte GBK character) or 2 bytes → 3; 4-byte GB18030 sequences stay 4.
        let needed = Self.scratchBytes(for: bytes.count)
        if needed > outCapacity {
            out.deallocate()
            outCapacity = needed
            out = .allocate(capacity: needed)
        }
        if let table = gbkTable {
            let produced = out.withMemoryRebound(to: UInt8.self, capacity: outCapacity) { table.decode(bytes, into: $0) }
            if produced < 0 { throw invalid(bytes, at: -1 - produced) }
            return produced
        }
        _ = iconv(converter, nil, nil, nil, nil)  // reset shift state
        let base = UnsafeMutablePointer(mutating: bytes.baseAddress!).withMemoryRebound(to: CChar.self, capacity: bytes.count) { $0 }
        var inPtr: UnsafeMutablePointer<CChar>? = base
        var inLeft = bytes.count
        var outPtr: UnsafeMutablePointer<CChar>? = out
        var outLeft = outCapacity
        // E2BIG cannot happen with the buffer sized above; EILSEQ / EINVAL mean invalid or truncated input.
        if iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { throw invalid(bytes, at: bytes.count - inLeft) }
        return outCapacity - outLeft
    }

    private func invalid(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> FieldDecodingError {
        let shown = bytes[offset..<min(bytes.count, offset + 4)]
            .map { b -> String in
                let h = String(b, radix: 16, uppercase: true)
                return h.count == 1 ? "0" + h : h
            }
            .joined(separator: " ")
        let name = encoding == .utf8 ? "UTF-8" : encoding.iconvName
        // A Chinese Excel's CSV is GBK: say so when the bytes read as GBK, so the fix is one line of YAML.
        let hint = encoding == .utf8 && Self.isValidGBK(bytes) ? "; they are valid GBK: set `encoding: gbk` for this file" : ""
        return FieldDecodingError(
            encoding: encoding, offset: offset,
            message: "bytes are not valid \(name) at byte \(offset + 1) (\(shown))\(hint)")
    }

    /// Whether `bytes` convert from GBK without error (only asked on the error path of a UTF-8 field).
    static func isValidGBK(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let gbk = try? FieldDecoder(.gbk) else { return false }
        return (try? gbk.decode(bytes)) != nil
    }

    /// Whether `bytes` are well-formed UTF-8 (the same rules as the standard library's validation: no overlong forms,
    /// no surrogates, nothing above U+10FFFF), without making a `String`.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { k < n && bytes[k] >= lo && bytes[k] <= hi }
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // The common non-ASCII case (CJK text): a 3-byte sequence with a lead E1–EC or EE–EF.
            if b &- 0xE1 < 0x0F, b != 0xED, i + 2 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            switch b {
            case 0xC2...0xDF: guard cont(i + 1) else { return false }; i += 2
            case 0xE0: guard cont(i + 1, 0xA0), cont(i + 2) else { return false }; i += 3
            case 0xE1...0xEC, 0xEE...0xEF: guard cont(i + 1), cont(i + 2) else { return false }; i += 3
            case 0xED: guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return false }; i += 3
            case 0xF0: guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return false }; i += 4
            case 0xF1...0xF3: guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }; i += 4
            case 0xF4: guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return false }; i += 4
            default: return false
            }
        }
        return true
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, or `bytes.count` when all are valid.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if isValidUTF8(bytes) { return bytes.count }  // the common case, without the standard library's parser
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}
