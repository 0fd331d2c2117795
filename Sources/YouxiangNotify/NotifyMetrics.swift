import Synchronization
import YouxiangCore

/// Per-receiver delivery counters, as self-metrics.
public final class NotifyMetrics: Sendable {
    struct Counts: Sendable { var sent = 0.0, failed = 0.0, dropped: [String: Double] = [:], queued = 0.0 }
    private let counts = Mutex<[String: Counts]>([:])
    private let recoveries = Mutex(0.0)

    /// Counts a damaged state store moved aside (`youxiang_state_store_recoveries_total`).
    public func storeRecovered() { recoveries.withLock { $0 += 1 } }

    public init() {}

    func sent(_ r: String) { counts.withLock { $0[r, default: Counts()].sent += 1 } }
    func failed(_ r: String) { counts.withLock { $0[r, default: Counts()].failed += 1 } }
    func dropped(_ r: String, reason: String) { counts.withLock { $0[r, default: Counts()].dropped[reason, default: 0] += 1 } }
    func queued(_ q: [String: Int], receivers: [String]) {
        counts.withLock { c in for r in Set(receivers).union(q.keys) { c[r, default: Counts()].queued = Double(q[r] ?? 0) } }
    }

    public static let families = [
        MetricFamily(name: "youxiang_notifications_sent", type: .counter, help: "Notifications delivered, per receiver."),
        MetricFamily(
            name: "youxiang_notifications_failed", type: .counter, help: "Delivery attempts that failed (and will be retried or dropped), per receiver."),
        MetricFamily(
            name: "youxiang_notifications_dropped", type: .counter, help: "Notifications given up on: rejected by the receiver (4xx) or older than max_age."),
        MetricFamily(name: "youxiang_notifications_queued", help: "Notifications waiting in the durable outbox, per receiver."),
        MetricFamily(
            name: "youxiang_state_store_recoveries", type: .counter,
            help: "State databases found corrupt, unreadable or of an unknown schema at start, moved aside and replaced by an empty one."),
    ]

    public func samples() -> [Sample] {
        let recovered = recoveries.withLock { $0 }
        return counts.withLock { c in
            var out: [Sample] = [Sample("youxiang_state_store_recoveries", Labels(), recovered)]
            for (r, v) in c {
                let l: Labels = ["receiver": r]
                out.append(Sample("youxiang_notifications_sent", l, v.sent))
                out.append(Sample("youxiang_notifications_failed", l, v.failed))
                for reason in ["rejected", "expired"] {
                    out.append(Sample("youxiang_notifications_dropped", l.setting("reason", reason), v.dropped[reason] ?? 0))
                }
                out.append(Sample("youxiang_notifications_queued", l, v.queued))
            }
            return out
        }
    }
}
