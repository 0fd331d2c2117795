/// File reading without Foundation's URL machinery (works for relative and absolute paths).
public enum FileReading {
    /// The bytes of `path`, or nil when it cannot be read or holds more than `maxBytes` (the default: 64 MiB).
    public static func contents(of path: String, maxBytes: Int = 64 << 20) -> [UInt8]? {
        try? read(path, maxBytes: maxBytes)
    }

    /// The bytes of `path`; throws the operating system's reason when it cannot be read, or
    /// ``FileReadError/tooLarge(limit:)`` when it holds more than `maxBytes` (the default: 64 MiB).
    public static func read(_ path: String, maxBytes: Int = 64 << 20) throws(FileReadError) -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw .fromErrno() }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n > 0 { out.append(contentsOf: buf[0..<n]) }
            if out.count > maxBytes { throw .tooLarge(limit: maxBytes) }
            if n < buf.count { break }
        }
        if ferror(f) != 0 { throw .fromErrno() }
        return out
    }

    /// The size of a regular file at `path`; nil when it cannot be stat'ed or is not a regular file.
    public static func size(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & UInt32(S_IFMT)) == UInt32(S_IFREG) else { return nil }
        return Int(st.st_size)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
