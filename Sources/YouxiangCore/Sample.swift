/// One sample of one series: the family it belongs to, its label set and its float value.
///
/// Values are in base units; ratios are 0–1. Plan indicators carry a `year` label (the school-year start year, or the
/// calendar year for event counts).
public struct Sample: Hashable, Sendable {
    /// The family name (not the sample name: a counter family `x` has samples named `x_total`).
    public var family: String
    public var labels: Labels
    public var value: Double

    public init(_ family: String, _ labels: Labels = Labels(), _ value: Double) {
        self.family = family
        self.labels = labels
        self.value = value
    }
}
