import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangNotify
import YouxiangPlan

/// Everything a configuration file describes, loaded and validated: collectors, the plan's targets, labels.
///
/// Built whole or not at all: `load` returns every diagnostic of the config file and of the targets file at once.
public struct Pipeline: Sendable {
    public let config: DaemonConfig
    public let evaluator: PlanEvaluator?
    /// The `alerting:` settings.
    public var alerting = AlertingSettings()
    /// The `receivers:` list.
    public var receivers: [ReceiverConfig] = []
    /// The `route:` tree (nil without receivers).
    public var route: Route?

    init(config: DaemonConfig, evaluator: PlanEvaluator?) {
        self.config = config
        self.evaluator = evaluator
    }

    /// Every alerting rule: the plan's built-in rules, the data rules, the threshold rules.
    public var rules: [AlertRule] { alerting.rules(plan: evaluator?.plan) }

    /// Loads the configuration at `path` with `modules`, then the targets file it names.
    /// - Parameter environment: where `*_env` secrets are read from.
    public static func load(
        path: String, modules: [CollectorModule],
        environment: [String: String] = ProcessEnvironment.current
    ) -> Result<Pipeline, DiagnosticsError> {
        let config: DaemonConfig
        var alerting = AlertingSettings()
        var receivers: [ReceiverConfig] = []
        var route: Route?
        let base = Paths.directory(of: path)
        let loaded = ConfigLoader.load(path: path, modules: modules, sections: ["alerting", "receivers", "route"]) { nodes, _ in
            alerting = AlertingSettings.decode(nodes["alerting"], baseDirectory: base)
            receivers = ReceiverConfig.decodeList(nodes["receivers"], baseDirectory: base, environment: environment)
            if let r = nodes["route"] {
                route = Route.decode(r, parent: nil, path: "0", receivers: Set(receivers.map(\.name)))
            } else if let first = nodes["receivers"], !receivers.isEmpty {
                first.error("receivers need a route: (at least `route: {receiver: \(receivers[0].name)}`)")
            }
        }
        switch loaded {
        case .failure(let e): return .failure(e)
        case .success(let c): config = c
        }
        var evaluator: PlanEvaluator?
        if let plan = config.plan {
            switch PlanLoader.load(path: plan.targetsFile) {
            case .failure(let e): return .failure(e)
            case .success(let targets):
                var diags: [Diagnostic] = []
                for id in plan.prefer.keys where !targets.indicators.contains(where: { $0.id == id }) {
                    diags.append(
                        Diagnostic(file: path, line: 0, column: 0, path: "plan.prefer.\(id)", message: "no indicator \"\(id)\" in \(plan.targetsFile)"))
                }
                // The evaluator gets the alert rules' tolerance, so meets_target and EduplanTargetMissed never disagree.
                let e = PlanEvaluator(plan: targets, prefer: plan.prefer, tolerance: alerting.tolerance)
                let planFamilies = Set(e.families.map(\.name))
                for c in config.collectors {
                    for f in c.collector.families where planFamilies.contains(f.name) {
                        diags.append(
                            Diagnostic(
                                file: path, line: c.line, column: c.column, path: "collectors.\(c.name)",
                                message: "\(f.name) is a family the plan's targets produce (\(plan.targetsFile)); choose another name"))
                    }
                }
                if !diags.isEmpty { return .failure(DiagnosticsError(diags)) }
                evaluator = e
            }
        }
        var p = Pipeline(config: config, evaluator: evaluator)
        p.alerting = alerting
        p.receivers = receivers
        p.route = route
        return .success(p)
    }

    /// Assembles the collectors' latest samples (keyed by collector name) and the plan's targets and evaluation into a
    /// builder, with `selfFamilies` declared; the caller adds its self-metrics and builds. Collector labels are applied
    /// here.
    ///
    /// `completeness` (from `completeness(latest:problems:now:)`) is served as `eduplan_indicator_data_complete` and
    /// gates `eduplan_indicator_meets_target`: an incomplete indicator-year gets no verdict.
    public func assemble(
        latest: [String: SampleTable], selfFamilies: [MetricFamily],
        completeness: [IndicatorCompleteness] = []
    ) -> SnapshotBuilder {
        var builder = SnapshotBuilder(externalLabels: config.externalLabels)
        for entry in config.collectors {
            for f in entry.collector.families { builder.declare(f) }
        }
        for entry in config.collectors {
            guard let table = latest[entry.name] else { continue }
            builder.add(table, labels: entry.labels)
        }
        if let evaluator {
            // The evaluation reads only the indicators' families: only those are built as samples.
            let planFamilies = Set(evaluator.plan.indicators.map(\.metric))
            var indicatorSamples: [Sample] = []
            for entry in config.collectors {
                guard let table = latest[entry.name] else { continue }
                let samples = table.samples(where: planFamilies.contains)
                indicatorSamples +=
                    entry.labels.isEmpty
                    ? samples
                    : samples.map { s in
                        var c = s
                        c.labels = c.labels.merging(missing: entry.labels)
                        return c
                    }
            }
            for f in evaluator.families { builder.declare(f) }
            builder.add(evaluator.constantSamples())
            builder.add(evaluator.evaluate(indicatorSamples, incomplete: IncompleteSet(completeness)))
            builder.declare(Completeness.family)
            builder.add(Completeness.samples(completeness))
        }
        for f in selfFamilies { builder.declare(f) }
        return builder
    }

    /// Completeness of every plan indicator for every year from the baseline to the last year with data or a closed
    /// target (closed: its `alerting.data.due` date has passed at `now`), from each collector's latest `problems`
    /// (keyed by collector name). Empty without a plan.
    public func completeness(latest: [String: SampleTable], problems: [String: [DataProblem]], now: UnixTime) -> [IndicatorCompleteness] {
        guard let plan = evaluator?.plan else { return [] }
        let planFamilies = Set(plan.indicators.map(\.metric))
        var dataYears = Set<Int>()
        for table in latest.values {
            for (family, columns) in table.families where planFamilies.contains(family) {
                guard let c = columns.column(of: "year") else { continue }
                for r in 0..<columns.count { if let y = columns.label(column: c, at: r).flatMap({ Int($0) }) { dataYears.insert(y) } }
            }
        }
        var closed = Set<Int>()
        for y in Set(plan.indicators.flatMap { $0.targets.map(\.year) })
        where now >= PlanCalendar.unixTime(year: y, month: alerting.due.month, day: alerting.due.day) {
            closed.insert(y)
        }
        let allProblems = problems.values.flatMap { $0 }
        let years = Completeness.years(plan: plan, dataYears: dataYears, closedYears: closed, problems: allProblems)
        let coverage = config.collectors.map { e in
            CollectorCoverage(labels: e.labels, families: Set(e.collector.families.map(\.name)), problems: problems[e.name] ?? [])
        }
        return Completeness.evaluate(plan: plan, collectors: coverage, years: years)
    }
}
