import Foundation
import Logging
import Synchronization
import YouxiangAlerting
import YouxiangCore
import YouxiangNotify

/// What `/metrics` and the API read about alerts: rebuilt at every evaluation.
public struct AlertingView: Sendable {
    /// `ALERTS` and `ALERTS_FOR_STATE`.
    public var series = SeriesSnapshot()
    /// `/api/v1/alerts` and `/api/v1/rules` bodies.
    public var alertsJSON: [UInt8] = Array(#"{"status":"success","data":{"alerts":[]}}"#.utf8)
    public var rulesJSON: [UInt8] = Array(#"{"status":"success","data":{"groups":[]}}"#.utf8)
    /// Pending and firing alerts, for the status page.
    public var active: [AlertInstance] = []
}

/// Evaluates the rules against the engine's snapshot, drives the dispatcher, and commits notifications and states to
/// the outbox in one transaction.
public actor AlertingCoordinator {
    private var rules: RuleEngine
    private var dispatcher = Dispatcher()
    private var pipeline: Pipeline
    let engine: Engine
    public nonisolated let notifier: Notifier
    let logger: Logger
    /// The time of evaluations and of the notifications they produce.
    let clock: any DaemonClock
    public nonisolated let view = Mutex(AlertingView())
    private var configFile: String
    /// `--web.external-url`, which wins over `alerting.external_url`.
    private let externalURLFlag: String?

    static let rulesKey = "alert-states", dispatcherKey = "dispatcher"

    /// A coordinator whose time is read from `clock` (Unix seconds).
    public init(
        pipeline: Pipeline, engine: Engine, notifier: Notifier, logger: Logger, clock: @escaping @Sendable () -> Double,
        externalURL: String? = nil
    ) {
        self.init(pipeline: pipeline, engine: engine, notifier: notifier, logger: logger, clock: ReadingClock(clock), externalURL: externalURL)
    }

    public init(
        pipeline: Pipeline, engine: Engine, notifier: Notifier, logger: Logger, clock: any DaemonClock = SystemClock(),
        externalURL: String? = nil
    ) {
        self.externalURLFlag = externalURL
        self.pipeline = pipeline
        self.engine = engine
        self.notifier = notifier
        self.logger = logger
        self.clock = clock
        self.configFile = pipeline.config.file
        var r = RuleEngine(rules: pipeline.rules)
        var restored = 0
        if let data = try? notifier.outbox.state(Self.rulesKey), let saved = try? JSONDecoder().decode([String: [AlertInstance]].self, from: data) {
            r.restore(saved)
            restored = saved.values.reduce(0) { $0 + $1.count }
        }
        if let data = try? notifier.outbox.state(Self.dispatcherKey), let d = try? JSONDecoder().decode(Dispatcher.self, from: data) {
            dispatcher = d
        }
        rules = r
        notifier.apply(pipeline.receivers)
        if restored > 0 { logger.info("alert states restored", metadata: ["alerts": "\(restored)"]) }
    }

    /// A reload: new rules (states kept by rule id), receivers and route.
    public func apply(_ new: Pipeline) {
        pipeline = new
        configFile = new.config.file
        rules.replacingRules(new.rules)
        notifier.apply(new.receivers, resendDelay: new.alerting.resendDelay)
    }

    /// One evaluation at the current time.
    @discardableResult
    public func evaluate() async -> [(rule: AlertRule, transition: AlertTransition)] {
        let now = clock.now
        // Kept to roll back to if the outbox cannot be written (disk full): the next evaluation then produces the same
        // transitions and notifications again instead of losing them.
        let rulesBefore = rules, dispatcherBefore = dispatcher
        let exposition = engine.published.current
        let keep = Dictionary(pipeline.config.collectors.map { ($0.name, $0.keepLastGood) }, uniquingKeysWith: { a, _ in a })
        let health = exposition.statuses.map {
            CollectorHealth(
                name: $0.name, module: $0.module, consecutiveFailures: $0.consecutiveFailures, lastError: $0.lastErrors.first ?? "",
                keepLastGood: keep[$0.name])
        }
        let external = pipeline.config.externalLabels
        let url = externalURL
        var ctx = EvaluationContext(
            snapshot: exposition.snapshot, plan: pipeline.evaluator?.plan, prefer: pipeline.config.plan?.prefer ?? [:],
            declaredFamilies: Set(pipeline.config.collectors.flatMap { $0.collector.families.map(\.name) }),
            collectors: health, now: now, externalLabels: external, externalURL: url,
            completeness: exposition.completeness)
        ctx.dataAsOf = DataAsOf.byFamily(pipeline, configured: pipeline.alerting.dataAsOf)
        ctx.dataAsOfConfigured = pipeline.alerting.dataAsOf != nil
        let transitions = rules.evaluate(ctx)
        for (rule, t) in transitions {
            switch t {
            case .fired(let a):
                logger.warning(
                    "alert firing",
                    metadata: [
                        "alertname": .string(rule.name), "labels": .string(Self.describe(a.labels)),
                        "summary": .string(a.annotations["summary"] ?? ""),
                    ])
            case .resolved(let a):
                logger.info("alert resolved", metadata: ["alertname": .string(rule.name), "labels": .string(Self.describe(a.labels))])
            case .becameStale(let a):
                logger.warning(
                    "alert data missing; kept firing (stale)", metadata: ["alertname": .string(rule.name), "labels": .string(Self.describe(a.labels))])
            case .pending: break
            }
        }
        var notifications: [AlertNotification] = []
        if let route = pipeline.route {
            let receivers = Dictionary(pipeline.receivers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            notifications = dispatcher.tick(
                alerts: rules.alerts.map(\.alert), route: route, receivers: receivers, now: now,
                resendDelay: pipeline.alerting.resendDelay, externalURL: url)
        }
        do {
            let encoder = JSONEncoder()
            try notifier.commit(
                notifications,
                states: [
                    Self.rulesKey: try encoder.encode(rules.savedStates()),
                    Self.dispatcherKey: try encoder.encode(dispatcher),
                ])
        } catch {
            rules = rulesBefore
            dispatcher = dispatcherBefore
            logger.error("outbox write failed; notifications of this evaluation will be produced again next time", metadata: ["error": .string("\(error)")])
        }
        notifier.updateQueueGauges()
        publish(now: now)
        return transitions
    }

    /// The daemon's URL for links in messages: `--web.external-url`, else `alerting.external_url`, else none ("").
    var externalURL: String {
        var u = externalURLFlag ?? pipeline.alerting.externalURL ?? ""
        while u.hasSuffix("/") { u.removeLast() }
        return u
    }

    private func publish(now: UnixTime) {
        var v = AlertingView()
        v.series = rules.alertSeries(externalLabels: pipeline.config.externalLabels)
        v.active = rules.alerts.map(\.alert).filter { $0.state != .inactive }.sorted { Self.describe($0.labels) < Self.describe($1.labels) }
        v.alertsJSON = AlertsAPI.alerts(rules.alerts)
        v.rulesJSON = AlertsAPI.rules(rules, interval: pipeline.alerting.evaluationInterval.seconds, file: configFile)
        view.withLock { $0 = v }
    }

    static func describe(_ labels: Labels) -> String {
        labels.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }
}
