import YouxiangConfig

/// A collection that ran past its `timeout`.
public struct TimeoutError: Error, CustomStringConvertible {
    public var limit: Duration
    public var description: String { "collection timed out after \(DurationParser.format(limit))" }
}

/// A run refused because the previous one has not finished (its source is not answering).
public struct StillRunning: Error, CustomStringConvertible {
    public var description: String { "the previous run is still in progress (its source is not answering); not started again" }
}
