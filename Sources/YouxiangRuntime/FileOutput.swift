/// Unbuffered writes to stderr (safe from any thread).
public enum StandardError {
    public static func write(_ s: String) { FileOutput.write(fd: 2, Array(s.utf8)) }
}

/// Unbuffered writes to a file descriptor (stdout 1, stderr 2), retried until complete.
public enum FileOutput {
    public static func write(fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            var off = 0
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n <= 0 { if errno == EINTR { continue } else { return } }
                off += n
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
