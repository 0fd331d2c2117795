import Hummingbird
import Logging
import Synchronization
import YouxiangConfig
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
    /// The configured external labels (for series rendered at scrape time).
    public var externalLabels = Labels()
}

/// A lock-protected slot holding the current `Exposition`; readers never wait on collection.
public final class PublishedExposition: Sendable {
    private let slot = Mutex(Exposition())
    public init() {}
    public var current: Exposition { slot.withLock { $0 } }
    func publish(_ e: Exposition) { slot.withLock { $0 = e } }
}

/// What a successful reload changed, by collector name.
public struct ReloadSummary: Sendable, Equatable {
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
}

/// Owns the running pipeline, each collector's schedule and status; rebuilds and publishes the snapshot after every
/// run and every reload.
public actor Engine {
    public private(set) var pipeline: Pipeline
    private var statuses: [String: CollectorStatus] = [:]
    private var gates: [String: RunGate] = [:]
    private var loops: [String: (token: Int, task: Task<Void, Never>)] = [:]
    private var nextToken = 0
    public nonisolated let published: PublishedExposition
    private let logger: Logger
    private var reloadSuccessful = true
    private var reloadTimestamp: Double

    public init(pipeline: Pipeline, logger: Logger, published: PublishedExposition = PublishedExposition()) {
        self.pipeline = pipeline
        self.logger = logger
        self.published = published
        self.reloadTimestamp = WallClock.now()
        for e in pipeline.config.collectors {
            statuses[e.name] = CollectorStatus(name: e.name, module: e.module)
            gates[e.name] = RunGate()
        }
    }

    /// The status of a collector (a fresh one when unknown).
    public func status(of name: String) -> CollectorStatus {
        statuses[name] ?? CollectorStatus(name: name, module: "")
    }

    // MARK: scheduling

    /// Starts every collector's schedule (first run at once).
    public func start() {
        for e in pipeline.config.collectors { startLoop(e, runFirst: true) }
    }

    /// Stops every schedule (runs in flight are abandoned).
    public func stop() {
        for (_, l) in loops { l.task.cancel() }
        loops = [:]
    }

    /// Runs the named collectors now (a data file they read changed), then continues their schedules.
    public func runNow(_ names: Set<String>) {
        for e in pipeline.config.collectors where names.contains(e.name) { startLoop(e, runFirst: true) }
    }

    private func startLoop(_ entry: CollectorEntry, runFirst: Bool) {
        loops[entry.name]?.task.cancel()
        nextToken += 1
        let token = nextToken
        let task = Task { [weak self] in
            var first = runFirst
            while !Task.isCancelled {
                if !first {
                    // Up to 10% jitter so collectors that share an interval do not stay in lock-step.
                    let jitterMs = Int64(Double.random(in: 0...0.1) * Double(min(entry.interval.components.seconds, DurationParser.maximumSeconds)) * 1000)
                    do { try await Task.sleep(for: entry.interval + .milliseconds(jitterMs)) } catch { return }
                }
                first = false
                guard let self else { return }
                await self.runAndRecord(entry, token: token)
            }
        }
        loops[entry.name] = (token, task)
    }

    private func runAndRecord(_ entry: CollectorEntry, token: Int) async {
        let gate = gates[entry.name] ?? RunGate()
        let status = await CollectorRunner.run(entry, previous: status(of: entry.name), gate: gate, logger: logger)
        // A run of a schedule that a reload or trigger replaced is dropped.
        guard loops[entry.name]?.token == token, !Task.isCancelled else { return }
        statuses[entry.name] = status
        rebuild()
    }

    /// Records a finished run and republishes (for callers running collectors themselves).
    public func record(_ status: CollectorStatus) {
        guard pipeline.config.collectors.contains(where: { $0.name == status.name }) else { return }
        statuses[status.name] = status
        rebuild()
    }

    /// Runs every collector once, concurrently, and publishes the result.
    public func collectAll() async {
        let results = await run(pipeline.config.collectors)
        for s in results { statuses[s.name] = s }
        rebuild()
    }

    private func run(_ entries: [CollectorEntry]) async -> [CollectorStatus] {
        let logger = self.logger
        var jobs: [(CollectorEntry, CollectorStatus, RunGate)] = []
        for e in entries {
            if gates[e.name] == nil { gates[e.name] = RunGate() }
            jobs.append((e, statuses[e.name] ?? CollectorStatus(name: e.name, module: e.module), gates[e.name]!))
        }
        return await withTaskGroup(of: CollectorStatus.self) { group in
            for (e, prior, gate) in jobs {
                group.addTask { await CollectorRunner.run(e, previous: prior, gate: gate, logger: logger) }
            }
            var out: [CollectorStatus] = []
            for await s in group { out.append(s) }
            return out
        }
    }

    // MARK: reload

    /// Swaps in a new pipeline. Collectors are matched by name: unchanged ones (same configuration) keep their state
    /// and schedule; added and changed ones run once *before* the swap, so the first snapshot after it already holds
    /// their series; removed ones stop and their series leave that snapshot.
    public func apply(_ new: Pipeline) async -> ReloadSummary {
        var summary = ReloadSummary()
        let old = Dictionary(uniqueKeysWithValues: pipeline.config.collectors.map { ($0.name, $0) })
        var toStart: [CollectorEntry] = []
        for e in new.config.collectors {
            if let o = old[e.name] {
                if o.fingerprint == e.fingerprint { summary.unchanged.append(e.name) } else { summary.changed.append(e.name); toStart.append(e) }
            } else {
                summary.added.append(e.name)
                toStart.append(e)
            }
        }
        let newNames = Set(new.config.collectors.map(\.name))
        summary.removed = old.keys.filter { !newNames.contains($0) }.sorted()
        for name in summary.changed { statuses[name] = CollectorStatus(name: name, module: old[name]!.module) }
        let primed = await run(toStart)
        // The swap: no awaits from here on, so no scrape sees a half-applied reload.
        pipeline = new
        for name in summary.removed {
            loops[name]?.task.cancel()
            loops[name] = nil
            statuses[name] = nil
            gates[name] = nil
        }
        for s in primed { statuses[s.name] = s }
        for e in toStart { startLoop(e, runFirst: false) }
        reloadSuccessful = true
        reloadTimestamp = WallClock.now()
        rebuild()
        return summary
    }

    /// Records a failed reload: the running configuration stays, the gauge goes to 0.
    public func reloadFailed() {
        reloadSuccessful = false
        rebuild()
    }

    /// Every file the running configuration depends on: the config file, the targets file, and each collector's
    /// input files (with the collectors reading them).
    public func watchedFiles() -> (config: [String], data: [String: Set<String>]) {
        var config = [pipeline.config.file] + pipeline.alerting.ruleFiles
        if let p = pipeline.config.plan { config.append(p.targetsFile) }
        var data: [String: Set<String>] = [:]
        for e in pipeline.config.collectors {
            for f in e.collector.inputFiles { data[f, default: []].insert(e.name) }
        }
        return (config, data)
    }

    // MARK: snapshot

    /// Assembles, renders and publishes the snapshot.
    public func rebuild() {
        let pairs = pipeline.config.collectors.compactMap { e in statuses[e.name].map { (entry: e, status: $0) } }
        let ordered = pairs.map(\.status)
        var latest: [String: [Sample]] = [:]
        for p in pairs where p.status.consecutiveFailures <= p.entry.keepLastGood {
            latest[p.status.name] = p.status.samples
        }
        var builder = pipeline.assemble(latest: latest, selfFamilies: SelfMetrics.families)
        var selfSamples = SelfMetrics.samples(statuses: ordered, keepLastGood: pairs.map(\.entry.keepLastGood),
                                              reloadSuccessful: reloadSuccessful, reloadTimestamp: reloadTimestamp)
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
        e.externalLabels = pipeline.config.externalLabels
        published.publish(e)
    }
}
