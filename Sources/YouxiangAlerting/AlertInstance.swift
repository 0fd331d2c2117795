import YouxiangCore

/// The state of one alert, as in Prometheus: pending while its condition holds for less than `for`, firing after,
/// inactive (resolved) once it stops holding (after `keep_firing_for`).
public enum AlertState: String, Sendable, Codable {
    case pending, firing, inactive

    /// The word receivers (Alertmanager, webhooks) use for the state: `firing`, `resolved` for inactive, `pending`.
    public var receiverWord: String { self == .inactive ? "resolved" : rawValue }

    /// The state a receiver's word names (`resolved` is inactive); nil for another word.
    public init?(receiverWord: String) {
        if receiverWord == "resolved" { self = .inactive } else { self.init(rawValue: receiverWord) }
    }
}

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

/// What one evaluation saw for one element of a rule.
public enum Observation: Sendable, Equatable {
    /// The condition holds; `annotations` are rendered for this value.
    case active(value: Double, annotations: [String: String])
    /// There is data and the condition does not hold.
    case inactive(value: Double)
    /// The data cannot be judged (its inputs were not read completely): the element neither fires nor resolves. A
    /// pending element keeps its timer but does not fire; a firing one keeps firing (not stale, so `stale_limit`
    /// does not resolve it either); an unknown one is not created.
    case held
}

/// A change worth telling someone about.
public enum AlertTransition: Sendable, Equatable {
    case pending(AlertInstance)
    case fired(AlertInstance)
    case resolved(AlertInstance)
    /// A firing alert's data disappeared; it stays firing, marked stale.
    case becameStale(AlertInstance)

    public var instance: AlertInstance {
        switch self {
        case .pending(let a), .fired(let a), .resolved(let a), .becameStale(let a): return a
        }
    }
}

/// FNV-1a 64-bit fingerprints of label sets, as Prometheus and Alertmanager compute them (names and values joined by
/// 0xff separators, sorted by name).
public enum Fingerprint {
    public static func of(_ labels: Labels) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 } }
        for p in labels.pairs {
            mix(p.name.utf8); mix([0xff]); mix(p.value.utf8); mix([0xff])
        }
        return hex(h)
    }

    /// FNV-1a 64 of a string, hex.
    public static func of(string: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in string.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        return hex(h)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
