import YouxiangCore

/// Lookup of incomplete indicator-years, for gating `meets_target` and the target rules.
public struct IncompleteSet: Sendable {
    private var entries: [String: [Labels]] = [:]

    public init(_ all: [IndicatorCompleteness]) {
        for e in all where !e.complete { entries["\(e.indicator)/\(e.year)", default: []].append(e.labels) }
    }

    /// Whether `indicator` in `year` is incomplete for a series carrying `labels` (an incomplete entry whose labels
    /// the series' labels contain).
    public func contains(indicator: String, year: Int, labels: Labels = Labels()) -> Bool {
        entries["\(indicator)/\(year)"]?.contains { labels.contains($0) } ?? false
    }

    /// Whether any year of `indicator` is incomplete (for trajectories, which use every year).
    public func containsAnyYear(indicator: String) -> Bool {
        entries.keys.contains { $0.hasPrefix(indicator + "/") }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
