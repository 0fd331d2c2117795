import YouxiangCore
import YouxiangPlan

/// Everything one evaluation looks at.
public struct EvaluationContext: Sendable {
    public var snapshot: SeriesSnapshot
    public var plan: PlanTargets?
    /// Indicator id → preferred target source.
    public var prefer: [String: String]
    /// Families some collector is configured to produce (missing-data rules apply only to these).
    public var declaredFamilies: Set<String>
    public var collectors: [CollectorHealth]
    /// Unix seconds.
    public var now: Double
    public var externalLabels: [String: String]
    /// Base URL of the daemon, for links in messages; empty: messages carry no link.
    public var externalURL: String
    /// Per indicator-year completeness (`Completeness`): incomplete years are held by the target and trajectory
    /// rules and raise the data-quality rule.
    public var completeness: [IndicatorCompleteness]
    /// The incomplete entries of `completeness`, for lookup.
    public let incomplete: IncompleteSet
    /// Family → Unix seconds its data is current to (数据截至): `alerting.data_as_of` when configured, else the newest
    /// modification time of the files its collector reads. Families not listed: unknown (left out of the text).
    public var dataAsOf: [String: Double] = [:]
    /// Lookup of series by one label's value, built on first use (thousands of rules with `name="value"` matchers
    /// each look at a few series, not at the whole family).
    public let index: SeriesIndex

    public init(snapshot: SeriesSnapshot, plan: PlanTargets?, prefer: [String: String], declaredFamilies: Set<String>,
                collectors: [CollectorHealth], now: Double, externalLabels: [String: String], externalURL: String,
                completeness: [IndicatorCompleteness] = []) {
        self.completeness = completeness
        self.incomplete = IncompleteSet(completeness)
        self.snapshot = snapshot
        self.plan = plan
        self.prefer = prefer
        self.declaredFamilies = declaredFamilies
        self.collectors = collectors
        self.now = now
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.index = SeriesIndex(snapshot)
    }

    /// The moment of this evaluation for alert texts about `family`'s data.
    public func moment(family: String?) -> AlertText.Moment {
        AlertText.Moment(evaluatedAt: now, dataAsOf: family.flatMap { dataAsOf[$0] }, externalURL: externalURL)
    }
}

/// Series of a snapshot by (family, label name, label value), built per (family, label) on first use.
public final class SeriesIndex: @unchecked Sendable {
    private let snapshot: SeriesSnapshot
    private var families: [String: Int] = [:]
    private var byLabel: [String: [String: [Int]]] = [:]
    private let lock = NSLockish()

    init(_ snapshot: SeriesSnapshot) {
        self.snapshot = snapshot
        for (i, f) in snapshot.families.enumerated() { families[f.family.name] = i }
    }

    /// All series of `family`.
    public func series(_ family: String) -> SeriesColumns.Rows {
        guard let i = families[family] else { return SeriesColumns().rows }
        return snapshot.families[i].series
    }

    /// Series of `family` whose `label` equals `value`.
    public func series(_ family: String, _ label: String, _ value: String) -> [(labels: Labels, value: Double)] {
        guard let fi = families[family] else { return [] }
        let key = family + "\u{0}" + label
        let positions: [Int] = lock.withLock {
            if byLabel[key] == nil {
                var map: [String: [Int]] = [:]
                let columns = snapshot.families[fi].columns
                let c = columns.column(of: label)
                for i in 0..<columns.count { map[c.flatMap { columns.label(column: $0, at: i) } ?? "", default: []].append(i) }
                byLabel[key] = map
            }
            return byLabel[key]?[value] ?? []
        }
        let all = snapshot.families[fi].series
        return positions.map { all[$0] }
    }
}

/// A tiny mutex for the index (rule evaluation is single-threaded; this keeps the type honest if it is shared).
final class NSLockish: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&m)
        defer { pthread_mutex_unlock(&m) }
        return body()
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A collector's health, as data rules see it.
public struct CollectorHealth: Sendable {
    public var name: String
    public var module: String
    public var consecutiveFailures: Int
    public var lastError: String

    public init(name: String, module: String, consecutiveFailures: Int, lastError: String) {
        self.name = name
        self.module = module
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
    }
}

/// Calendar helpers for due dates, in China Standard Time (UTC+8, no daylight saving).
public enum PlanCalendar {
    /// Unix seconds at 00:00 CST on the given date.
    public static func unixTime(year: Int, month: Int, day: Int) -> Double {
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days) * 86400 - 8 * 3600
    }
}
