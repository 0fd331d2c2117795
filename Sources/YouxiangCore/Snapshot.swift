/// The series of one family, sorted by label set, each label set unique, stored by column (`SeriesColumns`).
public struct FamilySeries: Sendable {
    public var family: MetricFamily
    /// The series: label names once, values interned, values flat.
    public var columns: SeriesColumns

    public init(family: MetricFamily, columns: SeriesColumns) {
        self.family = family
        self.columns = columns
    }

    /// Builds the columns from series already sorted by labels and unique (tests, small families).
    public init(family: MetricFamily, series: [(labels: Labels, value: Double)]) {
        var pool = StringPool()
        var pairs: [UInt32] = []
        var ends: [UInt32] = []
        for s in series {
            for p in s.labels.pairs { pairs.append(pool.id(p.name)); pairs.append(pool.id(p.value)) }
            ends.append(UInt32(pairs.count))
        }
        self.init(family: family, columns: .layout(pairs: pairs, ends: ends, values: series.map(\.value), strings: pool.strings, ranks: nil))
    }

    /// The series as `(labels, value)` pairs, sorted by labels; each access builds the label set.
    public var series: SeriesColumns.Rows { columns.rows }

    /// Number of series.
    public var count: Int { columns.count }
}

/// An immutable, complete set of series: what one scrape sees.
///
/// Families are sorted by name; within a family, series are sorted by labels and unique. Built by `SnapshotBuilder`,
/// which guarantees uniqueness, so the exposition writer never emits a duplicate line.
public struct SeriesSnapshot: Sendable {
    public var families: [FamilySeries]
    public init(families: [FamilySeries] = []) { self.families = families }

    /// Number of series across all families.
    public var seriesCount: Int { families.reduce(0) { $0 + $1.count } }

    /// The value of the series `family{labels}`, or nil.
    public func value(_ family: String, _ labels: Labels) -> Double? {
        guard let f = families.first(where: { $0.family.name == family }) else { return nil }
        return f.columns.rows(matching: labels).first { f.columns.labels(at: $0) == labels }.map { f.columns.values[$0] }
    }

    /// All series of `family` whose labels contain `matchers`.
    public func series(_ family: String, matching matchers: Labels = Labels()) -> [(labels: Labels, value: Double)] {
        guard let f = families.first(where: { $0.family.name == family }) else { return [] }
        return f.columns.rows(matching: matchers).map { (f.columns.labels(at: $0), f.columns.values[$0]) }
    }
}
