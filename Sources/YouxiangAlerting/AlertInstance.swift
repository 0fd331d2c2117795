import YouxiangCore

/// One alert instance: a rule's element (its label set) and where it stands.
///
/// Times come from the injected clock (`DaemonClock`). Codable so states survive a restart (a firing alert is not paged
/// again; a pending one keeps its `for` timer).
public struct AlertInstance: Sendable, Codable, Equatable {
    /// Alert labels, including `alertname`.
    public var labels: Labels
    public var annotations: [String: String]
    public var state: AlertState
    /// When the condition was first seen true (start of pending).
    public var activeAt: UnixTime
    /// When it started firing (`startsAt` for receivers).
    public var firedAt: UnixTime?
    /// When it resolved (`endsAt` for receivers).
    public var resolvedAt: UnixTime?
    /// The last evaluation at which the condition held.
    public var lastTrueAt: UnixTime
    /// The last evaluation at which there was data for the element at all.
    public var lastSeenAt: UnixTime
    /// Firing, but its data has disappeared (kept firing until data returns or the stale limit passes).
    public var stale: Bool
    /// The latest value of the element (in the series' base unit).
    public var value: Double

    public init(
        labels: Labels, annotations: [String: String], state: AlertState, activeAt: UnixTime, firedAt: UnixTime?,
        resolvedAt: UnixTime?, lastTrueAt: UnixTime, lastSeenAt: UnixTime, stale: Bool, value: Double
    ) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.lastTrueAt = lastTrueAt
        self.lastSeenAt = lastSeenAt
        self.stale = stale
        self.value = value
    }

    /// The Prometheus-style fingerprint of the labels (FNV-1a 64, hex).
    public var fingerprint: String { Fingerprint.of(labels) }
}
