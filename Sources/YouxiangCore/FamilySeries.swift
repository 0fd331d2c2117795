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
