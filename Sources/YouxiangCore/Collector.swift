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

/// A collector whose work is synchronous file reading. Its `collect()` runs `read()` on a background thread of its own
/// (`BlockingIO.background`: lowered OS priority, off Swift's cooperative pool), so a source that blocks (a FIFO
/// nobody writes, a hung network mount) can never starve the HTTP server or the other collectors, and its parsing
/// yields the cores to scrapes; the runtime abandons it at its timeout.
public protocol FileCollector: Collector {
    /// Reads the sources and computes samples (synchronously; may block).
    func read() -> CollectionResult
}

extension FileCollector {
    public func collect() async throws -> CollectionResult {
        try await BlockingIO.background { self.read() }
    }
}
