import Foundation
import YouxiangAlerting
import YouxiangCore
import YouxiangPlan
import YouxiangWeb

/// What the office's pages need besides the series, captured with each snapshot: the plan, the evaluated sources
/// (`plan.prefer`), the trajectory rule's minimum years, and each collector's families, files and last success.
public struct OfficeContext: Sendable {
    public var plan: PlanTargets?
    public var prefer: [String: String] = [:]
    public var projectionMinYears = 3
    public var sources: [DataSource] = []

    public init() {}

    /// Reads the context off a pipeline and the collectors' statuses (by collector name).
    init(pipeline: Pipeline, statuses: [String: CollectorStatus]) {
        plan = pipeline.evaluator?.plan
        prefer = pipeline.config.plan?.prefer ?? [:]
        projectionMinYears = pipeline.alerting.trajectoryMinYears
        sources = pipeline.config.collectors.map { e in
            let st = statuses[e.name]
            return DataSource(
                collector: e.name, module: e.module, families: Set(e.collector.families.map(\.name)),
                files: e.collector.inputFiles, lastSuccess: st?.lastSuccessTimestamp.map(UnixTime.init(seconds:)),
                success: st?.success ?? false, errors: st?.lastErrors ?? [])
        }
    }

    /// The pages' input for a snapshot and the active alerts at `now`; nil without a plan (no `plan:` configured).
    public func input(_ snapshot: SeriesSnapshot, alerts: [AlertInstance], now: UnixTime = SystemClock().now) -> OfficeInput? {
        guard let plan else { return nil }
        return OfficeInput(
            snapshot: snapshot, plan: plan, prefer: prefer, alerts: alerts, sources: sources, now: now,
            projectionMinYears: projectionMinYears)
    }
}
