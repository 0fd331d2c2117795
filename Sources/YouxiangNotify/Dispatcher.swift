import YouxiangAlerting
import YouxiangCore

/// Decides, at each evaluation, which notifications to send: the routing tree picks receivers, alerts are grouped
/// by the route's `group_by`, and each group is notified after `group_wait`, again at most every `group_interval`
/// when it changes, and every `repeat_interval` while it stays firing. Alertmanager receivers get every change at
/// once (Alertmanager groups them itself) and a lease renewal of all firing alerts every `resend_delay`.
///
/// A pure value type with the time passed in; Codable so a restart remembers what was notified and pages nobody
/// twice (stored with the receivers' status words, `firing` and `resolved`, and times in Unix seconds).
public struct Dispatcher: Sendable, Codable, Equatable {
    /// One group's memory.
    public struct Group: Sendable, Codable, Equatable {
        public var receiver: String
        public var groupLabels: Labels
        public var createdAt: UnixTime
        public var lastNotifiedAt: UnixTime?
        /// fingerprint → status as last notified.
        public var notified: [String: AlertState]

        enum CodingKeys: String, CodingKey { case receiver, groupLabels, createdAt, lastNotifiedAt, notified }

        init(receiver: String, groupLabels: Labels, createdAt: UnixTime, lastNotifiedAt: UnixTime?, notified: [String: AlertState]) {
            self.receiver = receiver
            self.groupLabels = groupLabels
            self.createdAt = createdAt
            self.lastNotifiedAt = lastNotifiedAt
            self.notified = notified
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            receiver = try c.decode(String.self, forKey: .receiver)
            groupLabels = try c.decode(Labels.self, forKey: .groupLabels)
            createdAt = try c.decode(UnixTime.self, forKey: .createdAt)
            lastNotifiedAt = try c.decodeIfPresent(UnixTime.self, forKey: .lastNotifiedAt)
            notified = try Dispatcher.states(c.decode([String: String].self, forKey: .notified))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(receiver, forKey: .receiver)
            try c.encode(groupLabels, forKey: .groupLabels)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encodeIfPresent(lastNotifiedAt, forKey: .lastNotifiedAt)
            try c.encode(notified.mapValues(\.receiverWord), forKey: .notified)
        }
    }

    public private(set) var groups: [String: Group] = [:]
    /// Alertmanager receivers: fingerprint → status last sent, per receiver.
    public private(set) var sentToAlertmanager: [String: [String: AlertState]] = [:]
    public private(set) var lastRefresh: [String: UnixTime] = [:]

    enum CodingKeys: String, CodingKey { case groups, sentToAlertmanager, lastRefresh }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groups = try c.decode([String: Group].self, forKey: .groups)
        sentToAlertmanager = try c.decode([String: [String: String]].self, forKey: .sentToAlertmanager).mapValues(Self.states)
        lastRefresh = try c.decode([String: UnixTime].self, forKey: .lastRefresh)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(groups, forKey: .groups)
        try c.encode(sentToAlertmanager.mapValues { $0.mapValues(\.receiverWord) }, forKey: .sentToAlertmanager)
        try c.encode(lastRefresh, forKey: .lastRefresh)
    }

    /// Receivers' status words read back; an unknown word is a damaged state.
    static func states(_ words: [String: String]) throws -> [String: AlertState] {
        try words.mapValues { w in
            guard let s = AlertState(receiverWord: w) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown alert status \"\(w)\""))
            }
            return s
        }
    }

    public init() {}

    /// The notifications due at `now` for the current alerts (pending ones are ignored; resolved ones are those still
    /// retained by the state machines).
    public mutating func tick(
        alerts: [AlertInstance], route: Route, receivers: [String: ReceiverConfig], now: UnixTime,
        resendDelay: Duration, externalURL: String
    ) -> [AlertNotification] {
        var out: [AlertNotification] = []
        let relevant = alerts.filter { $0.state != .pending }
        // Route every alert.
        var byGroup: [String: (route: Route, labels: Labels, alerts: [AlertPayload])] = [:]
        var byAlertmanager: [String: [AlertPayload]] = [:]
        for a in relevant {
            let payload = AlertPayload(a, generatorURL: externalURL.isEmpty ? "" : externalURL + "/")  // no external URL: no link
            for r in route.match(a.labels) {
                guard let receiver = receivers[r.receiver] else { continue }
                if case .alertmanager = receiver.kind {
                    byAlertmanager[r.receiver, default: []].append(payload)
                    continue
                }
                let gl = Labels(r.groupBy.map { ($0, a.labels[$0] ?? "") })
                let key = r.receiver + "|" + r.path + "|" + gl.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
                byGroup[key, default: (r, gl, [])].alerts.append(payload)
            }
        }
        // Grouped receivers.
        for (key, g) in byGroup.sorted(by: { $0.key < $1.key }) {
            var state = groups[key] ?? Group(receiver: g.route.receiver, groupLabels: g.labels, createdAt: now, lastNotifiedAt: nil, notified: [:])
            let sendResolved = receivers[g.route.receiver]?.kind.sendResolved ?? true
            let firing = g.alerts.filter { $0.status == .firing }
            let resolvedNew = g.alerts.filter { $0.status == .inactive && state.notified[$0.fingerprint] == .firing }
            let current = Dictionary(firing.map { ($0.fingerprint, AlertState.firing) }, uniquingKeysWith: { a, _ in a })
            let changed = current != state.notified.filter { $0.value == .firing } || !resolvedNew.isEmpty
            var due = false
            var kind = AlertNotification.Kind.change
            if let last = state.lastNotifiedAt {
                if changed, now - last >= g.route.groupInterval {
                    due = true
                } else if !changed, !firing.isEmpty, now - last >= g.route.repeatInterval {
                    due = true
                    kind = .repeatNotice
                }
            } else if !firing.isEmpty, now - state.createdAt >= g.route.groupWait {
                due = true
            }
            if due {
                let body = firing + (sendResolved ? resolvedNew : [])
                if !body.isEmpty {
                    out.append(
                        AlertNotification(
                            id: AlertNotification.makeID(
                                receiver: g.route.receiver, groupKey: key, alerts: body,
                                salt: kind == .repeatNotice ? "repeat@\(Int(now.seconds))" : ""),
                            receiver: g.route.receiver, kind: kind, groupKey: key, groupLabels: g.labels,
                            alerts: body, createdAt: now, externalURL: externalURL))
                }
                state.lastNotifiedAt = now
                state.notified = current
            }
            if firing.isEmpty, state.notified.isEmpty || due { groups[key] = nil } else { groups[key] = state }
        }
        // Groups whose alerts are all gone (resolved past retention) are forgotten.
        for key in groups.keys where byGroup[key] == nil { groups[key] = nil }
        // Alertmanager receivers.
        for (name, receiver) in receivers {
            guard case .alertmanager = receiver.kind else { continue }
            let payloads = byAlertmanager[name] ?? []
            var sent = sentToAlertmanager[name] ?? [:]
            let changes = payloads.filter { sent[$0.fingerprint] != $0.status && !($0.status == .inactive && sent[$0.fingerprint] == nil) }
            if !changes.isEmpty {
                out.append(
                    AlertNotification(
                        id: AlertNotification.makeID(receiver: name, groupKey: "alertmanager", alerts: changes), receiver: name,
                        kind: .change, groupKey: "alertmanager", groupLabels: Labels(), alerts: changes, createdAt: now,
                        externalURL: externalURL))
                for p in changes { sent[p.fingerprint] = p.status }
            }
            let firing = payloads.filter { $0.status == .firing }
            if !firing.isEmpty, now - (lastRefresh[name] ?? now) >= resendDelay {
                out.append(
                    AlertNotification(
                        id: AlertNotification.makeID(receiver: name, groupKey: "alertmanager", alerts: firing, salt: "refresh@\(Int(now.seconds))"),
                        receiver: name, kind: .refresh, groupKey: "alertmanager", groupLabels: Labels(), alerts: firing,
                        createdAt: now, externalURL: externalURL))
                lastRefresh[name] = now
            } else if lastRefresh[name] == nil || firing.isEmpty {
                lastRefresh[name] = now
            }
            let live = Set(payloads.map(\.fingerprint))
            sentToAlertmanager[name] = sent.filter { live.contains($0.key) }
        }
        return out
    }
}
