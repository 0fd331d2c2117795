/// The samples of one family, sorted by label set, each label set unique.
public struct FamilySeries: Sendable {
    public var family: MetricFamily
    /// Sorted by labels; unique.
    public var series: [(labels: Labels, value: Double)]

    public init(family: MetricFamily, series: [(labels: Labels, value: Double)]) {
        self.family = family
        self.series = series
    }
}

/// An immutable, complete set of series: what one scrape sees.
///
/// Families are sorted by name; within a family, series are sorted by labels and unique. Built by `SnapshotBuilder`,
/// which guarantees uniqueness, so the exposition writer never emits a duplicate line.
public struct SeriesSnapshot: Sendable {
    public var families: [FamilySeries]
    public init(families: [FamilySeries] = []) { self.families = families }

    /// Number of series across all families.
    public var seriesCount: Int { families.reduce(0) { $0 + $1.series.count } }

    /// The value of the series `family{labels}`, or nil.
    public func value(_ family: String, _ labels: Labels) -> Double? {
        families.first { $0.family.name == family }?.series.first { $0.labels == labels }?.value
    }

    /// All series of `family` whose labels contain `matchers`.
    public func series(_ family: String, matching matchers: Labels = Labels()) -> [(labels: Labels, value: Double)] {
        families.first { $0.family.name == family }?.series.filter { $0.labels.contains(matchers) } ?? []
    }
}

/// Assembles samples from many producers into a `SeriesSnapshot`.
///
/// Rules: a sample whose family was not declared is dropped; the first sample of a (family, labels) pair wins and any
/// later one is dropped; both are counted so the daemon can expose them. External labels are added to every sample
/// that lacks them.
public struct SnapshotBuilder: Sendable {
    public private(set) var declared: [String: MetricFamily] = [:]
    private var values: [String: [Labels: Double]] = [:]
    /// Series added so far.
    public private(set) var seriesCount = 0
    public let externalLabels: Labels
    /// Samples dropped because their series was already present.
    public private(set) var duplicatesDropped = 0
    /// Samples dropped because their family was never declared.
    public private(set) var undeclaredDropped = 0

    public init(externalLabels: Labels = Labels()) { self.externalLabels = externalLabels }

    /// Declares a family. Returns false when a different family of the same name was already declared.
    @discardableResult
    public mutating func declare(_ family: MetricFamily) -> Bool {
        if let existing = declared[family.name] { return existing == family }
        declared[family.name] = family
        return true
    }

    /// Adds samples under the rules above.
    public mutating func add(_ samples: [Sample]) {
        for s in samples {
            guard declared[s.family] != nil else { undeclaredDropped += 1; continue }
            let labels = s.labels.merging(missing: externalLabels)
            if values[s.family, default: [:]][labels] != nil { duplicatesDropped += 1; continue }
            values[s.family, default: [:]][labels] = s.value
            seriesCount += 1
        }
    }

    /// The snapshot: declared families with at least one series, sorted by name.
    public func build() -> SeriesSnapshot {
        var out: [FamilySeries] = []
        for (name, family) in declared.sorted(by: { $0.key < $1.key }) {
            guard let series = values[name], !series.isEmpty else { continue }
            let sorted = series.map { (labels: $0.key, value: $0.value) }.sorted { $0.labels < $1.labels }
            out.append(FamilySeries(family: family, series: sorted))
        }
        return SeriesSnapshot(families: out)
    }
}
