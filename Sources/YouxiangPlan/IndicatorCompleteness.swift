import YouxiangCore

/// Whether one plan indicator's inputs for one year were read completely, and if not, why.
public struct IndicatorCompleteness: Sendable, Equatable {
    /// The plan's indicator id (the `indicator` label).
    public var indicator: String
    public var year: Int
    /// Extra labels of the collectors that feed it (a collector's `labels:`, e.g. one district of a city); empty for
    /// a single-district configuration.
    public var labels: Labels
    public var complete: Bool
    /// Whether some collector is configured for the indicator's family (false: incomplete for that reason alone).
    public var configured: Bool = true
    /// Whether some input delivered nothing for the year (a file that could not be read, a failed run; see
    /// `DataProblem.unread`). An incomplete year that is not `unread` had its data sent: no 无数据 alert for it.
    public var unread: Bool = false
    /// Why not, in Chinese (status page, alerts) and in English (logs); empty when complete.
    public var reasonsZh: [String]
    public var reasons: [String]

    public init(
        indicator: String, year: Int, labels: Labels, complete: Bool, configured: Bool = true,
        reasonsZh: [String], reasons: [String]
    ) {
        self.indicator = indicator
        self.year = year
        self.labels = labels
        self.complete = complete
        self.configured = configured
        self.reasonsZh = reasonsZh
        self.reasons = reasons
    }
}
