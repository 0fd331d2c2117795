#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, in words an operator can act on: the operating system's reason (`strerror`, e.g.
/// "No such file or directory") with a fix for the common ones, or the size limit that was exceeded.
public enum FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `open`/`read` failed with `errno` (e.g. `ENOENT` 2, `EACCES` 13, `EISDIR` 21).
    case system(errno: Int32)
    /// The file holds more than `limit` bytes.
    case tooLarge(limit: Int)

    /// The current thread's `errno` as a ``system(errno:)`` error.
    public static func fromErrno() -> FileReadError { .system(errno: errno) }

    /// E.g. `No such file or directory; check the path`.
    public var description: String {
        switch self {
        case .tooLarge(let limit):
            return "the file has more than \(limit) bytes (the limit)"
        case .system(let code):
            let reason = String(cString: strerror(code))
            switch code {
            case ENOENT: return "\(reason); check the path"
            case EACCES, EPERM: return "\(reason); make the file readable by the user the daemon runs as"
            case EISDIR: return "\(reason); give the path of a file, not a folder"
            default: return reason
            }
        }
    }
}
