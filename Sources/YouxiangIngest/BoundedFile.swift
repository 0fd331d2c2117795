import YouxiangCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening and reading files within `ReadLimits`.
public enum BoundedFile {
    /// Opens `path` for reading; refuses a file that is not a regular file unless the limits allow it.
    /// Opening never blocks (a FIFO without a writer is opened non-blocking, checked, then switched back).
    public static func open(_ path: String, limits: ReadLimits) throws(IngestDiagnostic) -> UnsafeMutablePointer<FILE> {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw IngestDiagnostic(file: path, line: 0, message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        if fstat(fd, &st) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IngestDiagnostic(file: path, line: 0, message: "cannot stat file: \(reason)")
        }
        if (st.st_mode & UInt32(S_IFMT)) == UInt32(S_IFDIR) {
            close(fd)
            throw IngestDiagnostic(file: path, line: 0, message: "is a directory, not a file")
        }
        if (st.st_mode & UInt32(S_IFMT)) != UInt32(S_IFREG), !limits.allowNonRegularFiles {
            close(fd)
            throw IngestDiagnostic(
                file: path, line: 0, message: "not a regular file (a device, FIFO or socket); set global.allow_non_regular_files: true to read it")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        guard let f = fdopen(fd, "rb") else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IngestDiagnostic(file: path, line: 0, message: "cannot open file: \(reason)")
        }
        return f
    }

    /// Why a read must stop now: the task was cancelled (the collector's timeout), or `offset` passed the byte limit.
    static func stopReason(path: String, offset: Int64, limits: ReadLimits) -> IngestDiagnostic? {
        if Task.isCancelled || IOContext.current?.isCancelled == true {
            return IngestDiagnostic(file: path, line: 0, message: "read abandoned: the collector's timeout passed")
        }
        if offset > limits.maxFileBytes {
            return IngestDiagnostic(file: path, line: 0, message: "file is larger than global.max_file_bytes (\(limits.maxFileBytes) bytes)")
        }
        return nil
    }

    /// The whole content of `path`, read in 1 MiB chunks within the limits.
    /// - Throws: ``IngestDiagnostic`` (line 0) when the file cannot be opened or read, is refused, is too large, or the
    ///   task is cancelled.
    public static func contents(of path: String, limits: ReadLimits = .active) throws(IngestDiagnostic) -> [UInt8] {
        let f = try open(path, limits: limits)
        defer { fclose(f) }
        var out: [UInt8] = []
        let chunk = 1 << 20
        var buf = [UInt8](repeating: 0, count: chunk)
        while true {
            if let stop = stopReason(path: path, offset: Int64(out.count), limits: limits) { throw stop }
            let n = fread(&buf, 1, chunk, f)
            if n > 0 { out.append(contentsOf: buf[0..<n]) }
            if n < chunk { break }
        }
        if let stop = stopReason(path: path, offset: Int64(out.count), limits: limits) { throw stop }
        if ferror(f) != 0 {
            throw IngestDiagnostic(file: path, line: 0, message: "cannot read file: \(String(cString: strerror(errno)))")
        }
        return out
    }
}
