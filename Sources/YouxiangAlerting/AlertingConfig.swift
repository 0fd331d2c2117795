import YouxiangConfig
import YouxiangCore
import YouxiangPlan

/// The `alerting:` section of the configuration: how rules are evaluated, the built-in rule families, threshold
/// rules inline or in rule files.
///
/// ```yaml
/// alerting:
///   evaluation_interval: 15s
///   resend_delay: 1m              # Alertmanager receivers: re-send firing alerts this often (its lease is 4×)
///   stale_limit: 24h              # a firing alert whose data vanished stays firing (stale) this long
///   external_url: http://youxiang.example:9096   # links in messages (--web.external-url wins); unset: no links
///   data_as_of: "2025-12-31"      # 数据截至 in messages; unset: the newest modification time of the collector's files
///   targets: {enabled: true, for: 0s, keep_firing_for: 1h, severity: warning,
///             tolerance: {junior_graduates_upper_secondary: 0.01}}   # in the indicator's unit: 0.01 percentage points
///   trajectory: {enabled: true, target_year: 2027, min_years: 3, severity: info}
///   data: {collector_failing_runs: 3, missing_data: true, missing_for: 1h, due: "12-31", data_incomplete: true}
///   rules:
///     - alert: PrimaryResourceGapHigh
///       metric: eduplan_interschool_variation_coefficient
///       matchers: ['level="primary"', 'resource!="composite"']
///       op: gt
///       threshold: 0.5
///       for: 0s
///       keep_firing_for: 1h
///       labels: {severity: warning, responsible_units: 区教育局}
///       annotations: {summary: "小学{{ $labels.resource }}差异系数{{ $value }}超过0.50"}
///   rule_files: [rules/extra.yml]  # each: groups: [{name: …, rules: [same shape]}]
/// ```
public struct AlertingSettings: Sendable {
    public var evaluationInterval: Duration = .seconds(15)
    public var resendDelay: Duration = .seconds(60)
    public var staleLimit: Duration = .seconds(86400)
    public var externalURL: String?
    /// `data_as_of` (YYYY-MM-DD, 00:00 China Standard Time): the date the data is current to (数据截至)
    /// in alert texts; nil: each collector's newest data file modification time.
    public var dataAsOf: UnixTime?
    public var targets = BuiltIn(enabled: true, forDuration: .zero, keepFiringFor: .seconds(3600), severity: "warning")
    public var tolerance: [String: Double] = [:]
    public var trajectory = BuiltIn(enabled: true, forDuration: .zero, keepFiringFor: .seconds(3600), severity: "info")
    public var trajectoryYear = 2027
    public var trajectoryMinYears = 3
    public var collectorFailingRuns = 3
    public var missingData = true
    /// `data.data_incomplete`: the data-quality rule `EduplanIndicatorDataIncomplete` (operators), default on.
    public var dataIncomplete = true
    /// How long a due year must stay without data before `EduplanIndicatorDataMissing` fires (a file being replaced, a
    /// collector failing for a while, are not worth a page; `YouxiangCollectorFailing` covers the latter).
    public var missingDataFor: Duration = .seconds(3600)
    public var due: (month: Int, day: Int) = (12, 31)
    /// Threshold rules: (group, rule).
    public var thresholdRules: [AlertRule] = []
    /// Rule files read (resolved paths), for watching.
    public var ruleFiles: [String] = []

    public struct BuiltIn: Sendable {
        public var enabled: Bool
        public var forDuration: Duration
        public var keepFiringFor: Duration
        public var severity: String
    }

    public init() {}

    static let keys = [
        "evaluation_interval", "resend_delay", "stale_limit", "external_url", "data_as_of", "targets", "trajectory", "data", "rules", "rule_files",
    ]
    static let builtInKeys = ["enabled", "for", "keep_firing_for", "severity"]

    /// Decodes the section (nil node: defaults). Problems are recorded in the node's document.
    public static func decode(_ node: ConfigNode?, baseDirectory: String) -> AlertingSettings {
        var s = AlertingSettings()
        guard let node, let m = node.mapping(allowed: keys) else { return s }
        s.evaluationInterval = m.optional("evaluation_interval")?.duration() ?? s.evaluationInterval
        s.resendDelay = m.optional("resend_delay")?.duration() ?? s.resendDelay
        s.staleLimit = m.optional("stale_limit")?.duration() ?? s.staleLimit
        s.externalURL = m.optional("external_url")?.nonEmptyString()
        if let n = m.optional("data_as_of"), let text = n.string() {
            let p = text.split(separator: "-").compactMap { Int($0) }
            if p.count == 3, (1...12).contains(p[1]), (1...31).contains(p[2]) {
                s.dataAsOf = PlanCalendar.unixTime(year: p[0], month: p[1], day: p[2])
            } else {
                n.error("expected a date YYYY-MM-DD, e.g. \"2025-12-31\"")
            }
        }
        if let t = m.optional("targets")?.mapping(allowed: builtInKeys + ["tolerance"]) {
            s.targets = builtIn(t, default: s.targets)
            for (id, n) in t.optional("tolerance")?.freeMapping()?.entries ?? [] {
                if let v = n.double() { if v >= 0 { s.tolerance[id] = v } else { n.error("expected 0 or more") } }
            }
        }
        if let t = m.optional("trajectory")?.mapping(allowed: builtInKeys + ["target_year", "min_years"]) {
            s.trajectory = builtIn(t, default: s.trajectory)
            s.trajectoryYear = t.optional("target_year")?.year() ?? s.trajectoryYear
            if let n = t.optional("min_years"), let v = n.int(in: 2...200) { if v >= 2 { s.trajectoryMinYears = v } else { n.error("expected 2 or more") } }
        }
        if let d = m.optional("data")?.mapping(allowed: ["collector_failing_runs", "missing_data", "missing_for", "due", "data_incomplete"]) {
            s.dataIncomplete = d.optional("data_incomplete")?.bool() ?? s.dataIncomplete
            if let v = d.optional("missing_for")?.durationOrZero() { s.missingDataFor = v }
            if let n = d.optional("collector_failing_runs"), let v = n.int(in: 0...1000) {
                if v >= 0 { s.collectorFailingRuns = v } else { n.error("expected 0 (off) or more") }
            }
            s.missingData = d.optional("missing_data")?.bool() ?? s.missingData
            if let n = d.optional("due"), let text = n.string() {
                let parts = text.split(separator: "-").compactMap { Int($0) }
                if parts.count == 2, (1...12).contains(parts[0]), (1...31).contains(parts[1]) {
                    s.due = (parts[0], parts[1])
                } else {
                    n.error("expected MM-DD, e.g. 12-31")
                }
            }
        }
        for item in m.optional("rules")?.list() ?? [] {
            if let r = thresholdRule(item, group: "config", staleLimit: s.staleLimit) { s.thresholdRules.append(r) }
        }
        for f in m.optional("rule_files")?.list() ?? [] {
            guard let rel = f.nonEmptyString() else { continue }
            let path = Paths.resolve(rel, against: baseDirectory)
            s.ruleFiles.append(path)
            let doc = ConfigDocument.load(path: path)
            if let root = doc.root, let top = root.mapping(allowed: ["groups"]) {
                for g in top.required("groups")?.list() ?? [] {
                    guard let gm = g.mapping(allowed: ["name", "rules"]), let name = gm.required("name")?.nonEmptyString() else { continue }
                    for item in gm.required("rules")?.list() ?? [] {
                        if let r = thresholdRule(item, group: name, staleLimit: s.staleLimit) { s.thresholdRules.append(r) }
                    }
                }
            }
            for d in doc.diagnostics { node.document.report(line: 0, column: 0, path: "", "\(d)") }
        }
        var seen = Set<String>()
        for r in s.thresholdRules where !seen.insert(r.id + "\u{0}" + r.query).inserted {
            node.error("rule \(r.name) in group \(r.group) is defined twice with the same expression")
        }
        // Identity across reloads is group, name and labels (as Prometheus keeps a rule's state when its name and
        // labels are unchanged); rules sharing all three are told apart by their order.
        var occurrences: [String: Int] = [:]
        for i in s.thresholdRules.indices {
            let id = s.thresholdRules[i].id
            occurrences[id, default: 0] += 1
            if let n = occurrences[id], n > 1 { s.thresholdRules[i].id = id + "#\(n)" }
        }
        return s
    }

    static func builtIn(_ m: ConfigMapping, default d: BuiltIn) -> BuiltIn {
        var b = d
        b.enabled = m.optional("enabled")?.bool() ?? b.enabled
        if let v = m.optional("for")?.durationOrZero() { b.forDuration = v }
        if let v = m.optional("keep_firing_for")?.durationOrZero() { b.keepFiringFor = v }
        b.severity = m.optional("severity")?.nonEmptyString() ?? b.severity
        return b
    }

    static let ruleKeys = ["alert", "metric", "matchers", "op", "threshold", "for", "keep_firing_for", "labels", "annotations"]

    static func thresholdRule(_ node: ConfigNode, group: String, staleLimit: Duration) -> AlertRule? {
        guard let m = node.mapping(allowed: ruleKeys) else { return nil }
        let before = node.document.diagnostics.count
        let name = m.required("alert")?.nonEmptyString()
        if let name, !MetricNames.isValidMetricName(name) { m.optional("alert")?.error("alert names follow metric-name rules") }
        let metric = m.required("metric")?.nonEmptyString()
        var matchers: [LabelMatcher] = []
        for item in m.optional("matchers")?.list() ?? [] {
            guard let text = item.string() else { continue }
            switch LabelMatcher.parse(text) {
            case .success(let lm): matchers.append(lm)
            case .failure(let e): item.error(e.message)
            }
        }
        let opNode = m.required("op")
        let op = opNode?.string().flatMap { o -> ThresholdOp? in
            if let x = ThresholdOp(rawValue: o) { return x }
            opNode?.error("unknown op \"\(o)\" (expected \(ThresholdOp.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        let threshold = m.required("threshold")?.double()
        let forDuration = m.optional("for")?.durationOrZero() ?? .zero
        let keep = m.optional("keep_firing_for")?.durationOrZero() ?? .zero
        var labelSource: [String: String] = [:]
        func templates(_ key: String) -> [String: Template] {
            var out: [String: Template] = [:]
            for (k, n) in m.optional(key)?.freeMapping()?.entries ?? [] {
                if key == "labels", !MetricNames.isValidLabelName(k) || k == "alertname" { n.error("invalid label name \"\(k)\""); continue }
                guard let text = key == "labels" ? n.string(maxBytes: YAMLLimits.maxLabelValueBytes, what: "label value") : n.string() else { continue }
                if key == "labels" { labelSource[k] = text }
                switch Template.parse(text) {
                case .success(let t): out[k] = t
                case .failure(let e): n.error(e.message)
                }
            }
            return out
        }
        let labelTemplates = templates("labels")
        let annotationTemplates = templates("annotations")
        guard node.document.diagnostics.count == before, let name, let metric, let op, let threshold else { return nil }
        let rule = ThresholdRule(
            metric: metric, matchers: matchers, op: op, threshold: threshold,
            labelTemplates: labelTemplates, annotationTemplates: annotationTemplates)
        return AlertRule(
            id: "\(group)/\(name)/\(Fingerprint.of(Labels(labelSource)))", group: group, name: name, kind: .threshold(rule),
            options: .init(forDuration: forDuration, keepFiringFor: keep, staleLimit: staleLimit),
            labels: [:], query: rule.promQL)
    }

    /// The full rule list: built-in plan and data rules, then threshold rules.
    public func rules(plan: PlanTargets?) -> [AlertRule] {
        var out: [AlertRule] = []
        let stale = staleLimit
        for ind in plan?.indicators ?? [] {
            if targets.enabled, !ind.targets.isEmpty {
                out.append(
                    AlertRule(
                        id: "plan-targets/\(ind.id)", group: "plan-targets", name: "EduplanTargetMissed",
                        kind: .target(ind, tolerance: tolerance[ind.id].map(ind.unit.toSeries) ?? 0),
                        options: .init(forDuration: targets.forDuration, keepFiringFor: targets.keepFiringFor, staleLimit: stale),
                        labels: ["severity": targets.severity, "audience": "office"], query: "\(ind.metric) against \(ind.targetFamilyName) (\(ind.nameZh))"))
            }
            if trajectory.enabled, ind.targets.contains(where: { $0.year == trajectoryYear }) {
                out.append(
                    AlertRule(
                        id: "plan-trajectory/\(ind.id)/\(trajectoryYear)", group: "plan-trajectory", name: "EduplanOffTrack",
                        kind: .trajectory(ind, targetYear: trajectoryYear, minYears: trajectoryMinYears),
                        options: .init(forDuration: trajectory.forDuration, keepFiringFor: trajectory.keepFiringFor, staleLimit: stale),
                        labels: ["severity": trajectory.severity, "audience": "office"],
                        query: "least-squares trend of \(ind.metric) projected to \(trajectoryYear) against its target"))
            }
            if missingData {
                out.append(
                    AlertRule(
                        id: "plan-data/\(ind.id)", group: "plan-data", name: "EduplanIndicatorDataMissing",
                        kind: .missingData(ind, dueMonthDay: due),
                        options: .init(forDuration: missingDataFor, staleLimit: stale),
                        labels: ["severity": "warning", "audience": "office"], query: "absent(\(ind.metric){year=<due year>})"))
            }
            if dataIncomplete {
                out.append(
                    AlertRule(
                        id: "plan-data-quality/\(ind.id)", group: "plan-data", name: "EduplanIndicatorDataIncomplete",
                        kind: .dataIncomplete(ind),
                        options: .init(staleLimit: stale),
                        labels: ["severity": "warning", "audience": "operators"],
                        query: "eduplan_indicator_data_complete{indicator=\"\(ind.id)\"} == 0"))
            }
        }
        if collectorFailingRuns > 0 {
            out.append(
                AlertRule(
                    id: "youxiang/collector-failing", group: "youxiang", name: "YouxiangCollectorFailing",
                    kind: .collectorFailing(intervals: collectorFailingRuns),
                    options: .init(staleLimit: stale),
                    labels: ["severity": "warning", "team": "monitoring", "audience": "operators"],
                    query: "youxiang collector failed \(collectorFailingRuns) runs in a row"))
        }
        return out + thresholdRules
    }
}

extension ConfigNode {
    /// A duration where `0s` (or `0`) means none.
    public func durationOrZero() -> Duration? {
        if case .scalar = node, let s = string(), s == "0" || s == "0s" { return .zero }
        return duration()
    }
}
