import Crypto
import YouxiangCore
import YouxiangIngest

#if canImport(Glibc)
import Glibc
#endif

/// The SHA-256 of a file's content: what reloads and the file watcher compare, so a touch or a byte-identical rewrite
/// is not a change.
public struct ContentHash: Equatable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Files larger than this are not hashed (their stamp alone tells a change): 256 MiB.
    public static let maxBytes: Int64 = 256 << 20

    /// The hash of `path`'s content, read in 1 MiB chunks; nil when the file is missing, unreadable, not a regular
    /// file, or larger than `maxBytes`.
    public static func of(_ path: String) -> ContentHash? {
        guard let f = try? BoundedFile.open(path, limits: ReadLimits(maxFileBytes: maxBytes)) else { return nil }
        defer { fclose(f) }
        var hasher = SHA256()
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let n = buf.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { buf.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
            total += Int64(n)
            if total > maxBytes { return nil }
            if n < buf.count { break }
        }
        guard ferror(f) == 0 else { return nil }
        return ContentHash(bytes: Array(hasher.finalize()))
    }

    /// Hashes of `paths` (nil for those that cannot be hashed).
    public static func of(_ paths: [String]) -> [String: ContentHash?] {
        Dictionary(paths.map { ($0, ContentHash.of($0)) }, uniquingKeysWith: { a, _ in a })
    }

    public var description: String { bytes.prefix(8).map { String($0, radix: 16) }.joined() }
}
