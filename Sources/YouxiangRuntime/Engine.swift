import Foundation
import Logging
import YouxiangConfig
import YouxiangCore
import YouxiangPlan

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
    private var rebuildPending = false
    /// The incomplete indicator-years last logged, so each change is logged once, not at every rebuild.
    private var loggedIncomplete: [String: [String]] = [:]
    /// Whether the `youxiang_*` self-metrics are part of the snapshot (`--web.disable-exporter-metrics` turns them off).
    public let selfMetrics: Bool
    /// The time of the collection schedules, of run and reload timestamps and of completeness (which years have
    /// closed); `SystemClock` in the daemon, a `SimulatedClock` in tests that run a day in milliseconds.
    public nonisolated let clock: any DaemonClock

    public init(
        pipeline: Pipeline, logger: Logger, published: PublishedExposition = PublishedExposition(), selfMetrics: Bool = true,
        clock: any DaemonClock = SystemClock()
    ) {
        // Freed collection and rendering memory goes back to the system instead of staying resident (see there).
        MemoryRelease.configure()
        self.pipeline = pipeline
        self.logger = logger
        self.published = published
        self.selfMetrics = selfMetrics
        self.clock = clock
        self.reloadTimestamp = clock.now.seconds
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
        let clock = self.clock
        let delay = entry.interval + Self.spread(entry)
        // The schedule, its runs and the rebuilds they trigger run on the background executor (lowered priority), never
        // on the cooperative pool the HTTP handlers need.
        let task = Task(executorPreference: BackgroundExecutor.shared) { [weak self] in
            var first = runFirst
            while !Task.isCancelled {
                if !first {
                    do { try await clock.sleep(for: delay) } catch { return }
                }
                first = false
                guard let self else { return }
                await self.runAndRecord(entry, token: token)
            }
        }
        loops[entry.name] = (token, task)
    }

    /// What a collector waits beyond its interval between runs: up to 10% of the interval, fixed per collector (hashed
    /// from its name, as Prometheus offsets each target's scrapes), so collectors that share an interval do not run in
    /// lock-step and a schedule is the same from one start to the next.
    static func spread(_ entry: CollectorEntry) -> Duration {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in entry.name.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        let fraction = Double(h % 10_000) / 10_000 * 0.1
        return .milliseconds(Int64(fraction * Double(min(entry.interval.components.seconds, DurationParser.maximumSeconds)) * 1000))
    }

    private func runAndRecord(_ entry: CollectorEntry, token: Int) async {
        let gate = gates[entry.name] ?? RunGate()
        let status = await CollectorRunner.run(entry, previous: status(of: entry.name), gate: gate, logger: logger, clock: clock)
        // A run of a schedule that a reload or trigger replaced is dropped.
        guard loops[entry.name]?.token == token, !Task.isCancelled else { return }
        statuses[entry.name] = status
        scheduleRebuild()
    }

    /// Whether finished runs wait for the coalesced rebuild (its wait is one more sleeper on the clock; tests driving a
    /// `SimulatedClock` count it).
    var isRebuildPending: Bool { rebuildPending }

    /// Rebuilds soon (20 ms on the engine's clock), once for a burst of finished runs (a thousand collectors starting
    /// together rebuild a few times, not a thousand).
    private func scheduleRebuild() {
        guard !rebuildPending else { return }
        rebuildPending = true
        let clock = self.clock
        Task(executorPreference: BackgroundExecutor.shared) { [weak self] in
            try? await clock.sleep(for: .milliseconds(20))
            await self?.rebuildIfPending()
        }
    }

    private func rebuildIfPending() {
        guard rebuildPending else { return }
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

    /// How many collectors a reload runs at once: one fewer than the cores (at least one), so the HTTP server keeps a
    /// core while a reload re-runs many changed collectors. Without the bound, a reload of 1,000 collectors queued
    /// 1,000 runs on Swift's cooperative pool (as wide as the cores) and the Dispatch workers, and a scrape's handler
    /// task waited behind them (worst scrape 36× the steady median in the benchmark). A run abandoned at its timeout
    /// frees its place, so a hung source delays the reload by at most its timeout per place.
    public static let reloadParallelism = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// Runs `entries` once, at most `limit` at a time (nil: all at once). Collectors in `fresh` (changed by a reload)
    /// start from a new status and a new run gate: a run of their old configuration still in progress neither blocks
    /// nor feeds the new one.
    private func run(_ entries: [CollectorEntry], fresh: Set<String> = [], limit: Int? = nil) async -> [CollectorStatus] {
        let logger = self.logger, clock = self.clock
        var jobs: [(CollectorEntry, CollectorStatus, RunGate)] = []
        for e in entries {
            if gates[e.name] == nil || fresh.contains(e.name) { gates[e.name] = RunGate() }
            let prior = fresh.contains(e.name) ? nil : statuses[e.name]
            jobs.append((e, prior ?? CollectorStatus(name: e.name, module: e.module), gates[e.name]!))
        }
        let width = max(1, limit ?? jobs.count)
        return await withTaskGroup(of: CollectorStatus.self) { group in
            var out: [CollectorStatus] = []
            var next = 0
            while next < jobs.count || !group.isEmpty {
                while next < jobs.count, next - out.count < width {
                    let (e, prior, gate) = jobs[next]
                    group.addTask(executorPreference: BackgroundExecutor.shared) {
                        await CollectorRunner.run(e, previous: prior, gate: gate, logger: logger, clock: clock)
                    }
                    next += 1
                }
                if let s = await group.next() { out.append(s) }
            }
            return out
        }
    }

    // MARK: reload

    /// Swaps in a new pipeline. Collectors are matched by name: unchanged ones (same configuration) keep their state
    /// and schedule; added and changed ones run once *before* the swap, so the first snapshot after it already holds
    /// their series; removed ones stop and their series leave that snapshot.
    /// `contentChanged` false (the files were byte-identical to the running configuration's) leaves the reload success
    /// timestamp where it was.
    public func apply(_ new: Pipeline, contentChanged: Bool = true) async -> ReloadSummary {
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
        // Changed collectors start afresh, but their old status stays in place until the swap: a rebuild while the
        // new ones run (another collector finishing) must still show the old set whole.
        let primed = await run(toStart, fresh: Set(summary.changed), limit: Self.reloadParallelism)
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
        if contentChanged { reloadTimestamp = clock.now.seconds }
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
        rebuildPending = false
        let pairs = pipeline.config.collectors.compactMap { e in statuses[e.name].map { (entry: e, status: $0) } }
        let ordered = pairs.map(\.status)
        var latest: [String: SampleTable] = [:]
        var staleCollectors = Set<String>()
        for p in pairs {
            let served = p.status.servedSamples(keepLastGood: p.entry.keepLastGood)
            latest[p.status.name] = served.samples
            if served.stale { staleCollectors.insert(p.status.name) }
        }
        var problems: [String: [DataProblem]] = [:]
        for p in pairs where !p.status.problems.isEmpty { problems[p.status.name] = p.status.problems }
        let completeness = pipeline.completeness(latest: latest, problems: problems, now: clock.now)
        logCompletenessChanges(completeness)
        var builder = pipeline.assemble(
            latest: latest, selfFamilies: selfMetrics ? SelfMetrics.families : [],
            completeness: completeness)
        var selfSamples = SelfMetrics.samples(
            statuses: ordered, stale: staleCollectors,
            reloadSuccessful: reloadSuccessful, reloadTimestamp: reloadTimestamp)
        selfSamples.append(Sample(SelfMetrics.series.name, Labels(), Double(builder.seriesCount)))
        selfSamples.append(Sample(SelfMetrics.dropped.name, ["reason": "duplicate"], Double(builder.duplicatesDropped)))
        selfSamples.append(Sample(SelfMetrics.dropped.name, ["reason": "undeclared"], Double(builder.undeclaredDropped)))
        if builder.duplicatesDropped + builder.undeclaredDropped > 0 {
            logger.warning("samples dropped", metadata: ["duplicate": "\(builder.duplicatesDropped)", "undeclared": "\(builder.undeclaredDropped)"])
        }
        if selfMetrics { builder.add(selfSamples) }
        let snapshot = builder.build()
        var e = Exposition()
        e.snapshot = snapshot
        // Render what scrapes asked for last time now, so the first scrape of this snapshot does not pay for it.
        e.renderings.prepare(published.current.renderings.requested)
        e.ready = ordered.allSatisfy(\.ran)
        e.statuses = ordered
        e.externalLabels = pipeline.config.externalLabels
        e.completeness = completeness
        e.office = OfficeContext(pipeline: pipeline, statuses: statuses)
        published.publish(e)
        // Collection and assembly churn through memory the allocator would otherwise keep; give it back (on a worker
        // at normal priority: see `trimSoon`).
        MemoryRelease.trimSoon()
    }

    /// Logs each indicator-year that became incomplete (with its reasons) or complete again since the last rebuild.
    private func logCompletenessChanges(_ entries: [IndicatorCompleteness]) {
        var now: [String: [String]] = [:]
        for e in entries where !e.complete { now["\(e.indicator)/\(e.year)\(e.labels.isEmpty ? "" : e.labels.description)"] = e.reasons }
        for (key, reasons) in now.sorted(by: { $0.key < $1.key }) where loggedIncomplete[key] != reasons {
            logger.warning("indicator data incomplete", metadata: ["indicator_year": .string(key), "reasons": .string(reasons.joined(separator: "; "))])
        }
        for key in loggedIncomplete.keys.sorted() where now[key] == nil {
            logger.info("indicator data complete again", metadata: ["indicator_year": .string(key)])
        }
        loggedIncomplete = now
    }
}
