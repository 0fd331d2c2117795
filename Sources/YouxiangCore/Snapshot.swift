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
