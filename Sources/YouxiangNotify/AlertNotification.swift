import YouxiangAlerting

/// One alert as carried in a notification (Alertmanager's shape; times in Unix seconds).
public struct AlertPayload: Codable, Sendable, Equatable {
    /// `firing` or `resolved`.
    public var status: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Double
    /// Set when resolved.
    public var endsAt: Double?
    public var generatorURL: String
    public var fingerprint: String
    public var value: Double

    public init(_ a: AlertInstance, generatorURL: String) {
        status = a.state == .inactive ? "resolved" : "firing"
        labels = a.labels
        annotations = a.annotations
        startsAt = a.firedAt ?? a.activeAt
        endsAt = a.state == .inactive ? (a.resolvedAt ?? a.lastSeenAt) : nil
        self.generatorURL = generatorURL
        fingerprint = a.fingerprint
        value = a.value
    }
}

/// A message for one receiver: a group of alerts, with a stable id receivers can use to drop duplicates.
public struct AlertNotification: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Alerts changed (new firing, resolved): never coalesced.
        case change
        /// Repeat of an unchanged group after `repeat_interval`.
        case repeatNotice = "repeat"
        /// Alertmanager lease renewal of every firing alert (a newer one replaces a queued older one).
        case refresh
    }

    /// Stable id: the same alerts in the same states give the same id (a repeat or refresh adds its time).
    public var id: String
    public var receiver: String
    public var kind: Kind
    public var groupKey: String
    public var groupLabels: [String: String]
    public var alerts: [AlertPayload]
    /// Unix seconds.
    public var createdAt: Double
    public var externalURL: String

    public init(id: String, receiver: String, kind: Kind, groupKey: String, groupLabels: [String: String], alerts: [AlertPayload],
                createdAt: Double, externalURL: String) {
        self.id = id
        self.receiver = receiver
        self.kind = kind
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.alerts = alerts
        self.createdAt = createdAt
        self.externalURL = externalURL
    }

    public var status: String { alerts.contains { $0.status == "firing" } ? "firing" : "resolved" }

    /// Labels shared by every alert.
    public var commonLabels: [String: String] { common(alerts.map(\.labels)) }
    public var commonAnnotations: [String: String] { common(alerts.map(\.annotations)) }

    private func common(_ maps: [[String: String]]) -> [String: String] {
        guard var out = maps.first else { return [:] }
        for m in maps.dropFirst() { out = out.filter { m[$0.key] == $0.value } }
        return out
    }

    public static func makeID(receiver: String, groupKey: String, alerts: [AlertPayload], salt: String = "") -> String {
        let body = alerts.map { "\($0.fingerprint):\($0.status):\($0.startsAt)" }.sorted().joined(separator: ",")
        return Fingerprint.of(string: receiver + "\u{0}" + groupKey + "\u{0}" + body + "\u{0}" + salt)
            + Fingerprint.of(string: salt + "\u{1}" + body + "\u{1}" + groupKey + "\u{1}" + receiver)
    }
}
