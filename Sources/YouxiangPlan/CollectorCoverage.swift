import YouxiangCore

/// What one configured collector contributes to completeness.
public struct CollectorCoverage: Sendable {
    /// The collector's constant labels.
    public var labels: Labels
    /// The families it declares.
    public var families: Set<String>
    /// Its latest run's problems (see `DataProblem`); a collector that has not run yet counts as complete.
    public var problems: [DataProblem]

    public init(labels: Labels, families: Set<String>, problems: [DataProblem]) {
        self.labels = labels
        self.families = families
        self.problems = problems
    }
}
