import YouxiangCore

/// The alert state machine of one rule: a pure value type driven by observations and an injected clock.
///
/// Semantics (Prometheus's, plus a stale rule for data gaps):
/// - an element whose condition holds becomes **pending**; once it has held for `for` it is **firing** (with
///   `for` = 0 it fires at the first evaluation);
/// - a pending element whose condition stops holding is dropped silently (never notified);
/// - a firing element whose condition stops holding stays firing for `keepFiringFor` after it last held, then
///   **resolves** — so a value flapping around its threshold pages once, not once per flip;
/// - a firing element whose data disappears (no observation at all) stays firing, marked **stale**, until data
///   returns or `staleLimit` has passed since data was last seen, then resolves; a data gap never resolves an alert
///   by itself; a pending element keeps its timer through a gap but cannot fire without data;
/// - an element observed as **held** (its data is incomplete) keeps its state: it neither fires nor resolves;
/// - resolved alerts are kept for `resolvedRetention` (for the API), then forgotten; a resolved element whose
///   condition holds again starts a new pending period.
public struct AlertStateMachine: Sendable, Codable, Equatable {
    public struct Options: Sendable, Codable, Equatable {
        /// How long the condition must hold before firing (the rule's `for`).
        public var forDuration: Duration
        /// How long a firing alert keeps firing after its condition stopped holding.
        public var keepFiringFor: Duration
        /// How long a firing alert with no data at all stays firing (stale) before it resolves.
        public var staleLimit: Duration
        /// How long a resolved alert stays visible.
        public var resolvedRetention: Duration

        public init(
            forDuration: Duration = .zero, keepFiringFor: Duration = .zero, staleLimit: Duration = .seconds(86400),
            resolvedRetention: Duration = .seconds(900)
        ) {
            self.forDuration = forDuration
            self.keepFiringFor = keepFiringFor
            self.staleLimit = staleLimit
            self.resolvedRetention = resolvedRetention
        }
    }

    public var options: Options
    /// Alerts by fingerprint.
    public private(set) var alerts: [String: AlertInstance] = [:]

    public init(options: Options) { self.options = options }

    /// Applies one evaluation at time `now`. `observations` maps each element's alert labels to what was seen; known
    /// elements missing from it are treated as a data gap.
    public mutating func evaluate(_ observations: [Labels: Observation], at now: UnixTime) -> [AlertTransition] {
        var out: [AlertTransition] = []
        var seen = Set<String>()
        for (labels, obs) in observations {
            let fp = Fingerprint.of(labels)
            seen.insert(fp)
            switch obs {
            case let .active(value, annotations):
                var a: AlertInstance
                if let existing = alerts[fp], existing.state != .inactive {
                    a = existing
                } else {
                    a = AlertInstance(
                        labels: labels, annotations: annotations, state: .pending, activeAt: now, firedAt: nil,
                        resolvedAt: nil, lastTrueAt: now, lastSeenAt: now, stale: false, value: value)
                    out.append(.pending(a))
                }
                a.value = value
                a.annotations = annotations
                a.lastTrueAt = now
                a.lastSeenAt = now
                a.stale = false
                if a.state == .pending, now - a.activeAt >= options.forDuration {
                    a.state = .firing
                    a.firedAt = now
                    out.append(.fired(a))
                }
                alerts[fp] = a
            case .held:
                guard var a = alerts[fp], a.state != .inactive else { continue }
                a.lastSeenAt = now
                a.stale = false
                alerts[fp] = a
            case let .inactive(value):
                guard var a = alerts[fp] else { continue }
                a.value = value
                a.lastSeenAt = now
                a.stale = false
                switch a.state {
                case .pending:
                    alerts[fp] = nil
                case .firing:
                    if now - a.lastTrueAt >= options.keepFiringFor {
                        a.state = .inactive
                        a.resolvedAt = now
                        out.append(.resolved(a))
                    }
                    alerts[fp] = a
                case .inactive:
                    alerts[fp] = a
                }
            }
        }
        for (fp, var a) in alerts where !seen.contains(fp) {
            switch a.state {
            case .firing:
                if now - a.lastSeenAt >= options.staleLimit {
                    a.state = .inactive
                    a.resolvedAt = now
                    a.stale = false
                    // Resolved for lack of data, not because the condition stopped holding: say so.
                    a.annotations = AlertText.resolvedWithoutData(a.annotations)
                    out.append(.resolved(a))
                } else if !a.stale {
                    a.stale = true
                    out.append(.becameStale(a))
                }
                alerts[fp] = a
            case .pending:
                if now - a.lastSeenAt >= options.staleLimit { alerts[fp] = nil }
            case .inactive:
                break
            }
        }
        for (fp, a) in alerts where a.state == .inactive && now - (a.resolvedAt ?? now) >= options.resolvedRetention {
            alerts[fp] = nil
        }
        return out
    }

    /// Pending and firing alerts, sorted by labels.
    public var active: [AlertInstance] {
        alerts.values.filter { $0.state != .inactive }.sorted { $0.labels < $1.labels }
    }

    /// Restores alerts saved from an earlier run.
    public mutating func restore(_ saved: [AlertInstance]) {
        for a in saved { alerts[a.fingerprint] = a }
    }
}
