import YouxiangAlerting
import YouxiangCore

/// One alert as carried in a notification (Alertmanager's shape).
///
/// Stored in the outbox as JSON with the receivers' words — `"status": "firing"` or `"resolved"`, times as Unix
/// seconds, labels as an object — exactly as before these fields were typed.
public struct AlertPayload: Codable, Sendable, Equatable {
    /// `.firing` or `.inactive` (sent as `resolved`).
    public var status: AlertState
    public var labels: Labels
    public var annotations: [String: String]
    public var startsAt: UnixTime
    /// Set when resolved.
    public var endsAt: UnixTime?
    public var generatorURL: String
    public var fingerprint: String
    public var value: Double

    public init(_ a: AlertInstance, generatorURL: String) {
        status = a.state == .inactive ? .inactive : .firing
        labels = a.labels
        annotations = a.annotations
        startsAt = a.firedAt ?? a.activeAt
        endsAt = a.state == .inactive ? (a.resolvedAt ?? a.lastSeenAt) : nil
        self.generatorURL = generatorURL
        fingerprint = a.fingerprint
        value = a.value
    }

    enum CodingKeys: String, CodingKey { case status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let word = try c.decode(String.self, forKey: .status)
        guard let state = AlertState(receiverWord: word) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "unknown alert status \"\(word)\"")
        }
        status = state
        labels = try c.decode(Labels.self, forKey: .labels)
        annotations = try c.decode([String: String].self, forKey: .annotations)
        startsAt = try c.decode(UnixTime.self, forKey: .startsAt)
        endsAt = try c.decodeIfPresent(UnixTime.self, forKey: .endsAt)
        generatorURL = try c.decode(String.self, forKey: .generatorURL)
        fingerprint = try c.decode(String.self, forKey: .fingerprint)
        value = try c.decode(Double.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status.receiverWord, forKey: .status)
        try c.encode(labels, forKey: .labels)
        try c.encode(annotations, forKey: .annotations)
        try c.encode(startsAt, forKey: .startsAt)
        try c.encodeIfPresent(endsAt, forKey: .endsAt)
        try c.encode(generatorURL, forKey: .generatorURL)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(value, forKey: .value)
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
    public var groupLabels: Labels
    public var alerts: [AlertPayload]
    public var createdAt: UnixTime
    public var externalURL: String

    public init(
        id: String, receiver: String, kind: Kind, groupKey: String, groupLabels: Labels, alerts: [AlertPayload],
        createdAt: UnixTime, externalURL: String
    ) {
        self.id = id
        self.receiver = receiver
        self.kind = kind
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.alerts = alerts
        self.createdAt = createdAt
        self.externalURL = externalURL
    }

    /// Firing when any alert fires, else inactive (`resolved`).
    public var status: AlertState { alerts.contains { $0.status == .firing } ? .firing : .inactive }

    /// Labels shared by every alert.
    public var commonLabels: Labels {
        guard var out = alerts.first?.labels else { return Labels() }
        for a in alerts.dropFirst() { out = Labels(out.pairs.filter { a.labels[$0.name] == $0.value }.map { ($0.name, $0.value) }) }
        return out
    }
    public var commonAnnotations: [String: String] { common(alerts.map(\.annotations)) }

    private func common(_ maps: [[String: String]]) -> [String: String] {
        guard var out = maps.first else { return [:] }
        for m in maps.dropFirst() { out = out.filter { m[$0.key] == $0.value } }
        return out
    }

    public static func makeID(receiver: String, groupKey: String, alerts: [AlertPayload], salt: String = "") -> String {
        let body = alerts.map { "\($0.fingerprint):\($0.status.receiverWord):\($0.startsAt.seconds)" }.sorted().joined(separator: ",")
        return Fingerprint.of(string: receiver + "\u{0}" + groupKey + "\u{0}" + body + "\u{0}" + salt)
            + Fingerprint.of(string: salt + "\u{1}" + body + "\u{1}" + groupKey + "\u{1}" + receiver)
    }
}
