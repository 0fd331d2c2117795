import Foundation
import Logging
import Synchronization
import YouxiangCore

/// Owns the outbox and one send loop per receiver.
public final class Notifier: Sendable {
    public let outbox: Outbox
    public let metrics = NotifyMetrics()
    let transport: any HTTPTransport
    let logger: Logger
    private let resend: Mutex<Duration>
    /// `alerting.resend_delay`, as last applied.
    public var resendDelay: Duration { resend.withLock { $0 } }
    /// Time of the send loops' attempts and retries; they wait on it.
    let clock: any DaemonClock
    private let loops = Mutex<[String: (loop: SendLoop, task: Task<Void, Never>)]>([:])

    public init(outbox: Outbox, transport: any HTTPTransport, logger: Logger, resendDelay: Duration, clock: any DaemonClock) {
        self.outbox = outbox
        self.transport = transport
        self.logger = logger
        self.resend = Mutex(resendDelay)
        self.clock = clock
    }

    /// A notifier whose time is read from `clock` (Unix seconds) and whose loops wait in real time.
    public convenience init(
        outbox: Outbox, transport: any HTTPTransport, logger: Logger, resendDelay: Duration,
        clock: @escaping @Sendable () -> Double
    ) {
        self.init(outbox: outbox, transport: transport, logger: logger, resendDelay: resendDelay, clock: ReadingClock(clock))
    }

    /// Starts, updates or stops send loops to match `receivers` (queued notifications of a removed receiver stay in
    /// the outbox and resume if it comes back).
    /// With `resendDelay`, also replaces `resend_delay` in every loop (the Alertmanager lease follows a reload).
    public func apply(_ receivers: [ReceiverConfig], resendDelay: Duration? = nil) {
        if let resendDelay { resend.withLock { $0 = resendDelay } }
        let delay = self.resendDelay
        loops.withLock { loops in
            let names = Set(receivers.map(\.name))
            for (name, l) in loops where !names.contains(name) {
                l.task.cancel()
                loops[name] = nil
            }
            for r in receivers {
                if let existing = loops[r.name] {
                    existing.loop.update(r)
                    existing.loop.update(resendDelay: delay)
                } else {
                    let loop = SendLoop(
                        receiver: r, outbox: outbox, transport: transport, metrics: metrics, logger: logger,
                        resendDelay: delay, clock: clock)
                    // On the background executor: a send loop reads and writes the SQLite outbox (blocking, with
                    // fsync), which must not hold the event loops that answer scrapes.
                    loops[r.name] = (loop, Task(executorPreference: BackgroundExecutor.shared) { await loop.run() })
                }
            }
        }
    }

    /// Commits notifications with the states that produced them, then wakes the loops concerned.
    public func commit(_ notifications: [AlertNotification], states: [String: Data]) throws {
        try outbox.commit(notifications, states: states)
        let names = Set(notifications.map(\.receiver))
        loops.withLock { loops in for n in names { loops[n]?.loop.wake() } }
    }

    /// Refreshes the queued-notification gauges.
    public func updateQueueGauges() {
        let names = loops.withLock { Array($0.keys) }
        if let q = try? outbox.queuedCounts() { metrics.queued(q, receivers: names) }
    }

    /// Stops the loops, then sends what is due within `limit` (what is left stays queued for the next start).
    public func drain(within limit: Duration) async {
        let all = loops.withLock { l in
            let v = Array(l.values)
            l = [:]
            return v
        }
        for l in all { l.task.cancel() }
        let deadline = clock.now + limit
        // The cancelled loops end first (an attempt in flight is cut short and its notification stays due), so the
        // drain below sees it and never sends one notification twice at once; bounded by the same deadline.
        let ended = Task { for l in all { await l.task.value } }
        let clock = self.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await ended.value }
            group.addTask { try? await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
        await withTaskGroup(of: Void.self) { group in
            for l in all { group.addTask { await l.loop.run(drainUntil: deadline) } }
        }
        updateQueueGauges()
    }
}
