import Logging
import YouxiangConfig
import YouxiangCore

/// Reloads the configuration file, one reload at a time: validate the whole new configuration first; on failure keep
/// the running one (every diagnostic logged, `youxiang_config_last_reload_successful` 0); on success hand it to the
/// engine to swap in.
///
/// Every reload, whatever triggered it (SIGHUP, `POST /-/reload`, the file watcher), records the content hash of each
/// configuration file it read (the configuration, rule files, the targets file), so the watcher does not reload again
/// for a change already loaded. A reload whose files are byte-identical to the last successful one changes nothing:
/// it is logged (`content_changed=false`) but does not move `youxiang_config_last_reload_success_timestamp_seconds`.
public actor Reloader {
    let path: String
    let modules: [CollectorModule]
    let engine: Engine
    let alerting: AlertingCoordinator?
    let logger: Logger

    public init(path: String, modules: [CollectorModule], engine: Engine, alerting: AlertingCoordinator? = nil, logger: Logger) {
        self.path = path
        self.modules = modules
        self.engine = engine
        self.alerting = alerting
        self.logger = logger
    }

    private var tail: Task<Result<ReloadSummary, DiagnosticsError>, Never>?
    /// Content hash of each configuration file as the last reload (or the start) read it.
    private var loaded: [String: ContentHash?] = [:]
    /// The hashes of the last successfully loaded configuration.
    private var lastSuccess: [String: ContentHash?] = [:]

    /// Records the files of the configuration running at start (their content now).
    public func recordStart(_ pipeline: Pipeline) {
        let hashes = ContentHash.of(Self.configFiles(pipeline))
        loaded = hashes
        lastSuccess = hashes
    }

    /// The hash of `path` as the last reload read it; `.none` when no reload read it.
    public func loadedHash(of path: String) -> ContentHash?? { loaded[path] }

    /// The configuration file, the rule files and the targets file of a pipeline.
    static func configFiles(_ p: Pipeline) -> [String] {
        [p.config.file] + p.alerting.ruleFiles + (p.config.plan.map { [$0.targetsFile] } ?? [])
    }

    /// Reloads; `reason` is logged (`SIGHUP`, `HTTP`, `file change`). Reloads run one after another, never
    /// overlapping (an actor alone would interleave them at their awaits).
    @discardableResult
    public func reload(reason: String) async -> Result<ReloadSummary, DiagnosticsError> {
        let previous = tail
        // The reload (loading, the changed collectors' runs, the swap's rebuild) runs on the background executor,
        // whoever triggered it (a signal, the file watcher, an HTTP request's handler).
        let task = Task(executorPreference: BackgroundExecutor.shared) { () -> Result<ReloadSummary, DiagnosticsError> in
            _ = await previous?.value
            return await self.perform(reason: reason)
        }
        tail = task
        return await task.value
    }

    private func perform(reason: String) async -> Result<ReloadSummary, DiagnosticsError> {
        // Hash before loading: an edit landing during the load is then seen as a change next time.
        let running = await engine.pipeline
        var before = ContentHash.of([path] + Self.configFiles(running))
        // Loading (reading, parsing and checking every file: tens of milliseconds for 1,000 collectors) runs on a
        // background thread (lowered priority), not on the cooperative pool the HTTP handlers run on (2 threads on 2
        // cores): on the pool it held a thread for the whole load, and scrapes queued behind it.
        let (path, modules) = (self.path, self.modules)
        let result =
            (try? await BlockingIO.background { Pipeline.load(path: path, modules: modules) })
            ?? Pipeline.load(path: path, modules: modules)
        switch result {
        case .failure(let e):
            for (p, h) in before { loaded.updateValue(h, forKey: p) }
            for d in e.diagnostics {
                logger.error(
                    "configuration error",
                    metadata: [
                        "file": .string(d.file), "line": .stringConvertible(d.line),
                        "column": .stringConvertible(d.column), "error": .string(d.description),
                    ])
            }
            // Recorded (and the snapshot with the failed-reload gauge published) before it is logged, so the log line
            // means /metrics already says so.
            await engine.reloadFailed()
            logger.error(
                "reload failed; keeping the running configuration",
                metadata: ["reason": .string(reason), "errors": .stringConvertible(e.diagnostics.count)])
            return .failure(e)
        case .success(let pipeline):
            for p in Self.configFiles(pipeline) where before[p] == nil { before[p] = ContentHash.of(p) }
            let now = Dictionary(Self.configFiles(pipeline).map { ($0, before[$0] ?? nil) }, uniquingKeysWith: { a, _ in a })
            let changed = now != lastSuccess
            for (p, h) in now { loaded.updateValue(h, forKey: p) }
            lastSuccess = now
            let s = await engine.apply(pipeline, contentChanged: changed)
            await alerting?.apply(pipeline)
            logger.info(
                "reloaded",
                metadata: [
                    "reason": .string(reason), "content_changed": .stringConvertible(changed), "added": .string(s.added.joined(separator: ",")),
                    "removed": .string(s.removed.joined(separator: ",")), "changed": .string(s.changed.joined(separator: ",")),
                    "unchanged": .stringConvertible(s.unchanged.count),
                ])
            return .success(s)
        }
    }
}
