import Hummingbird
import Logging
import Synchronization
import YouxiangCore
import YouxiangExposition

/// What a scrape reads: the last complete snapshot, pre-rendered in both formats.
///
/// Rendering happens once per collection (in `Engine`), never on the scrape path; a scrape copies a reference.
public struct Exposition: Sendable {
    public var snapshot = SeriesSnapshot()
    /// Text 0.0.4 bytes of the snapshot.
    public var text = ByteBuffer()
    /// OpenMetrics bytes of the snapshot, without the final `# EOF` (the process metrics follow it).
    public var openMetrics = ByteBuffer()
    /// Whether every collector has run at least once.
    public var ready = false
    public var statuses: [CollectorStatus] = []
}

/// A lock-protected slot holding the current `Exposition`; readers never wait on collection.
public final class PublishedExposition: Sendable {
    private let slot = Mutex(Exposition())
    public init() {}
    public var current: Exposition { slot.withLock { $0 } }
    func publish(_ e: Exposition) { slot.withLock { $0 = e } }
}

/// Owns the running pipeline and the collectors' statuses; rebuilds and publishes the snapshot after every run.
public actor Engine {
    public private(set) var pipeline: Pipeline
    private var statuses: [String: CollectorStatus] = [:]
    public nonisolated let published: PublishedExposition
    private let logger: Logger
    private var reloadSuccessful = true
    private var reloadTimestamp: Double

    public init(pipeline: Pipeline, logger: Logger, published: PublishedExposition = PublishedExposition()) {
        self.pipeline = pipeline
        self.logger = logger
        self.published = published
        self.reloadTimestamp = WallClock.now()
        for e in pipeline.config.collectors { statuses[e.name] = CollectorStatus(name: e.name, module: e.module) }
    }

    /// The status of a collector (a fresh one when unknown).
    public func status(of name: String) -> CollectorStatus {
        statuses[name] ?? CollectorStatus(name: name, module: "")
    }

    /// Records a finished run and republishes.
    public func record(_ status: CollectorStatus) {
        guard pipeline.config.collectors.contains(where: { $0.name == status.name }) else { return }
        statuses[status.name] = status
        rebuild()
    }

    /// Runs every collector once, concurrently, and publishes the result.
    public func collectAll() async {
        let entries = pipeline.config.collectors
        let logger = self.logger
        let previous = statuses
        let results = await withTaskGroup(of: CollectorStatus.self) { group in
            for e in entries {
                let prior = previous[e.name] ?? CollectorStatus(name: e.name, module: e.module)
                group.addTask { await CollectorRunner.run(e, previous: prior, logger: logger) }
            }
            var out: [CollectorStatus] = []
            for await s in group { out.append(s) }
            return out
        }
        for s in results { statuses[s.name] = s }
        rebuild()
    }

    /// Assembles, renders and publishes the snapshot.
    public func rebuild() {
        let ordered = pipeline.config.collectors.compactMap { statuses[$0.name] }
        let latest = Dictionary(uniqueKeysWithValues: ordered.map { ($0.name, $0.samples) })
        var builder = pipeline.assemble(latest: latest, selfFamilies: SelfMetrics.families)
        var selfSamples = SelfMetrics.samples(statuses: ordered, reloadSuccessful: reloadSuccessful, reloadTimestamp: reloadTimestamp)
        selfSamples.append(Sample(SelfMetrics.series.name, Labels(), Double(builder.seriesCount)))
        selfSamples.append(Sample(SelfMetrics.dropped.name, ["reason": "duplicate"], Double(builder.duplicatesDropped)))
        selfSamples.append(Sample(SelfMetrics.dropped.name, ["reason": "undeclared"], Double(builder.undeclaredDropped)))
        if builder.duplicatesDropped + builder.undeclaredDropped > 0 {
            logger.warning("samples dropped", metadata: ["duplicate": "\(builder.duplicatesDropped)", "undeclared": "\(builder.undeclaredDropped)"])
        }
        builder.add(selfSamples)
        let snapshot = builder.build()
        var e = Exposition()
        e.snapshot = snapshot
        var text = ExpositionWriter(format: .text, reserve: snapshot.seriesCount * 96)
        text.write(snapshot)
        var om = ExpositionWriter(format: .openMetrics, reserve: snapshot.seriesCount * 96)
        om.write(snapshot)
        e.text = ByteBuffer(bytes: text.bytes)
        e.openMetrics = ByteBuffer(bytes: om.bytes)
        e.ready = ordered.allSatisfy(\.ran)
        e.statuses = ordered
        published.publish(e)
    }
}
