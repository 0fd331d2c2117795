import Synchronization

/// What a collector run's reads must respect, bound around the run (`IOContext.$current.withValue`) and carried to
/// the worker thread by `BlockingIO.run`: the read limits from the configuration, and whether the run was abandoned at
/// its timeout (readers check `isCancelled` between chunks and stop).
public final class IOContext: Sendable {
    /// Largest file read, in bytes.
    public let maxFileBytes: Int64
    /// Whether devices, FIFOs and sockets may be read.
    public let allowNonRegularFiles: Bool
    private let cancelled = Atomic<Bool>(false)

    public init(maxFileBytes: Int64, allowNonRegularFiles: Bool) {
        self.maxFileBytes = maxFileBytes
        self.allowNonRegularFiles = allowNonRegularFiles
    }

    /// Marks the run abandoned.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    /// Whether the run was abandoned (or the current task cancelled).
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// The context of the run this code belongs to, if any.
    @TaskLocal public static var current: IOContext?
}
