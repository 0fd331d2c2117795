import YouxiangCore

/// Every rule with its alert state machine: evaluates them all against one context, and keeps the states.
///
/// Pure (time comes in the context); the runtime persists `savedStates()` and calls `restore` after a restart, and
/// `replacingRules` on a reload keeps the states of rules whose id is unchanged (pending timers included).
public struct RuleEngine: Sendable {
    public private(set) var rules: [AlertRule]
    public private(set) var machines: [String: AlertStateMachine] = [:]
    /// Per rule: when it was last evaluated and how long that took (real time, measured on the monotonic clock).
    public private(set) var lastEvaluation: [String: (at: UnixTime, took: Duration)] = [:]

    public init(rules: [AlertRule]) {
        self.rules = rules
        for r in rules { machines[r.id] = AlertStateMachine(options: r.options) }
    }

    /// Evaluates every rule at `ctx.now`; returns the transitions (with the rule each belongs to).
    public mutating func evaluate(_ ctx: EvaluationContext) -> [(rule: AlertRule, transition: AlertTransition)] {
        var out: [(AlertRule, AlertTransition)] = []
        let stopwatch = ContinuousClock()
        for rule in rules {
            let started = stopwatch.now
            let observations = RuleEvaluator.observe(rule, ctx)
            var m = machines[rule.id] ?? AlertStateMachine(options: rule.options)
            m.options = rule.options
            for t in m.evaluate(observations, at: ctx.now) { out.append((rule, t)) }
            machines[rule.id] = m
            lastEvaluation[rule.id] = (ctx.now, stopwatch.now - started)
        }
        return out
    }

    /// A new rule set; states of rules whose id is unchanged are kept, others start empty.
    public mutating func replacingRules(_ new: [AlertRule]) {
        var kept: [String: AlertStateMachine] = [:]
        for r in new {
            var m = machines[r.id] ?? AlertStateMachine(options: r.options)
            m.options = r.options
            kept[r.id] = m
        }
        rules = new
        machines = kept
    }

    /// All alerts (pending, firing, recently resolved) with their rule.
    public var alerts: [(rule: AlertRule, alert: AlertInstance)] {
        rules.flatMap { r in (machines[r.id]?.alerts.values.map { (r, $0) } ?? []) }
    }

    /// States to persist: rule id → alert instances.
    public func savedStates() -> [String: [AlertInstance]] {
        machines.mapValues { Array($0.alerts.values) }
    }

    /// Restores persisted states for rules that still exist.
    public mutating func restore(_ saved: [String: [AlertInstance]]) {
        for (id, instances) in saved where machines[id] != nil { machines[id]!.restore(instances) }
    }

    /// `ALERTS{alertname, alertstate, …} 1` and `ALERTS_FOR_STATE{alertname, …} <activeAt>` for pending and firing
    /// alerts, as Prometheus exposes them.
    public func alertSeries(externalLabels: Labels) -> SeriesSnapshot {
        var b = SnapshotBuilder(externalLabels: externalLabels)
        b.declare(MetricFamily(name: "ALERTS", help: "Alerts of youxiangd's rules, pending or firing (as Prometheus's ALERTS)."))
        b.declare(MetricFamily(name: "ALERTS_FOR_STATE", help: "Unix time at which each pending or firing alert became active.", unit: ""))
        var samples: [Sample] = []
        for (_, a) in alerts where a.state != .inactive {
            samples.append(Sample("ALERTS", a.labels.setting("alertstate", a.state.rawValue), 1))
            samples.append(Sample("ALERTS_FOR_STATE", a.labels, a.activeAt.seconds))
        }
        b.add(samples)
        return b.build()
    }
}
