import Logging
import YouxiangConfig
import YouxiangCore

/// Reloads the configuration file, one reload at a time: validate the whole new configuration first; on failure keep
/// the running one (every diagnostic logged, `youxiang_config_last_reload_successful` 0); on success hand it to the
/// engine to swap in.
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

    /// Reloads; `reason` is logged (`SIGHUP`, `HTTP`, `file change`). Reloads run one after another, never
    /// overlapping (an actor alone would interleave them at their awaits).
    @discardableResult
    public func reload(reason: String) async -> Result<ReloadSummary, DiagnosticsError> {
        let previous = tail
        let task = Task { () -> Result<ReloadSummary, DiagnosticsError> in
            _ = await previous?.value
            return await self.perform(reason: reason)
        }
        tail = task
        return await task.value
    }

    private func perform(reason: String) async -> Result<ReloadSummary, DiagnosticsError> {
        switch Pipeline.load(path: path, modules: modules) {
        case .failure(let e):
            for d in e.diagnostics {
                logger.error("configuration error", metadata: ["file": .string(d.file), "line": .stringConvertible(d.line),
                                                                "column": .stringConvertible(d.column), "error": .string(d.description)])
            }
            logger.error("reload failed; keeping the running configuration",
                         metadata: ["reason": .string(reason), "errors": .stringConvertible(e.diagnostics.count)])
            await engine.reloadFailed()
            return .failure(e)
        case .success(let pipeline):
            let s = await engine.apply(pipeline)
            await alerting?.apply(pipeline)
            logger.info("reloaded", metadata: [
                "reason": .string(reason), "added": .string(s.added.joined(separator: ",")),
                "removed": .string(s.removed.joined(separator: ",")), "changed": .string(s.changed.joined(separator: ",")),
                "unchanged": .stringConvertible(s.unchanged.count),
            ])
            return .success(s)
        }
    }
}
