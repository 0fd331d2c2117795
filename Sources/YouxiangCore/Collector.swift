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
    /// Runs `body` on a global Dispatch queue and resumes with its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}

import Dispatch
