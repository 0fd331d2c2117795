/// Bounds on reading a source file (README, "Limits"). Every read stops at the first of: end of file, `maxFileBytes`,
/// the collector's timeout (the reader checks for task cancellation between chunks), or a refused file type.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file read, in bytes (`global.max_file_bytes`, default 1 GiB); a larger file fails its source.
    public var maxFileBytes: Int64 = 1 << 30
    /// Whether devices, FIFOs and sockets may be read (`global.allow_non_regular_files`, default false). A device such
    /// as `/dev/zero` never ends; by default it is refused when opened.
    public var allowNonRegularFiles = false
    /// Longest CSV record, in bytes (1 MiB): a longer one is rejected as a row and skipped to its line end, without
    /// being kept in memory.
    public static let maxRecordBytes = 1 << 20
    /// Longest string in a JSON document (a file or an `http` source's body), in bytes as written in the document
    /// (1 MiB, like a CSV record): a longer one refuses the document, before it is decoded, with the string's line and
    /// a short prefix; the string is never copied out of the document.
    public static let maxJSONStringBytes = 1 << 20
    /// Deepest nesting of arrays and objects in a JSON document (64; a table's records need 3): a deeper document is
    /// refused before it is decoded, with the line where it passes the limit.
    public static let maxJSONDepth = 64

    public init(maxFileBytes: Int64 = 1 << 30, allowNonRegularFiles: Bool = false) {
        self.maxFileBytes = maxFileBytes
        self.allowNonRegularFiles = allowNonRegularFiles
    }

    /// The limits readers apply by default: those of the collector run this code belongs to (`IOContext.current`,
    /// bound by the runtime from the configuration), else the defaults.
    public static var active: ReadLimits {
        guard let c = IOContext.current else { return ReadLimits() }
        return ReadLimits(maxFileBytes: c.maxFileBytes, allowNonRegularFiles: c.allowNonRegularFiles)
    }
}
