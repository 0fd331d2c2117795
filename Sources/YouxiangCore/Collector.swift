/// What one collection run produced.
///
/// A collector reads its sources and returns samples for the families it declared. File-level problems (a file
/// missing, a header not found) go to `errors` and the collector still returns what the other files gave; row-level
/// problems go to `rejectedRows` (each `file:line[:column]: message`) and the row is skipped.
public struct CollectionResult: Sendable {
    public var samples: [Sample]
    /// Data rows read from all sources (after headers; excluding subtotal and footer rows).
    public var rowsRead: Int
    /// Rows dropped, one diagnostic each (`file:line: message`).
    public var rejectedRows: [String]
    /// Rows left out of a computation because a value it needs is marked missing (`—`, blank, `N/A`): not errors.
    public var rowsIncomplete = 0
    /// File-level failures; non-empty means the collection did not fully succeed.
    public var errors: [String]
    /// What makes some families' years incomplete (a failed file, rejected rows, a missing institution), per source.
    /// The runtime withholds the affected samples and serves `eduplan_indicator_data_complete` from these; see
    /// `DataProblem`. Reported by `SourceConfig.forEachRow(into:feeds:)`.
    public var problems: [DataProblem] = []

    public init(samples: [Sample] = [], rowsRead: Int = 0, rejectedRows: [String] = [], errors: [String] = []) {
        self.samples = samples
        self.rowsRead = rowsRead
        self.rejectedRows = rejectedRows
        self.errors = errors
    }

    /// Appends another partial result (samples, counts and problems).
    public mutating func absorb(_ other: CollectionResult) {
        samples += other.samples
        rowsRead += other.rowsRead
        rejectedRows += other.rejectedRows
        rowsIncomplete += other.rowsIncomplete
        errors += other.errors
        problems += other.problems
    }
}

/// A configured collector: one instance of a collector module with its settings.
///
/// Built once per configuration load by the module's factory. `families` is declared up front, so a configuration that
/// makes two collectors produce the same series is rejected at load and the exposition always has HELP and TYPE.
public protocol Collector: Sendable {
    /// Every family this collector may emit. Samples of undeclared families are dropped (and counted).
    var families: [MetricFamily] { get }
    /// The files this collector reads, absolute paths (for `check config` and file watching).
    var inputFiles: [String] { get }
    /// Reads the sources and computes samples. Must not throw for data problems (put them in the result); throwing
    /// means the whole collection failed (cancellation, an unexpected I/O failure).
    func collect() async throws -> CollectionResult
    /// Configuration read beyond the YAML entry, for the entry's fingerprint (see the default below).
    var configFingerprint: String { get }
}

extension Collector {
    /// Text that stands for configuration the collector read beyond its YAML entry (e.g. the content of a criteria
    /// file it validated at load), added to the entry's fingerprint: a reload after that file changed re-runs the
    /// collector as for a changed entry. Empty by default.
    public var configFingerprint: String { "" }
}

/// A collector whose work is synchronous file reading. Its `collect()` runs `read()` on a Dispatch worker thread,
/// off Swift's cooperative pool, so a source that blocks (a FIFO nobody writes, a hung network mount) can never
/// starve the HTTP server or the other collectors; the runtime abandons it at its timeout.
public protocol FileCollector: Collector {
    /// Reads the sources and computes samples (synchronously; may block).
    func read() -> CollectionResult
}

extension FileCollector {
    public func collect() async throws -> CollectionResult {
        try await BlockingIO.run { self.read() }
    }
}

/// Runs blocking work on a Dispatch worker thread.
public enum BlockingIO {
    /// Runs `body` on a global Dispatch queue and resumes with its result. The caller's `IOContext` (read limits and
    /// the run's cancellation) goes with it to the worker thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let context = IOContext.current
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                IOContext.$current.withValue(context) { continuation.resume(with: Result { try body() }) }
            }
        }
    }
}

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

import Dispatch
import Synchronization
