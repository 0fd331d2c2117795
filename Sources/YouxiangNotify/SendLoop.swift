import Logging
import Synchronization
import YouxiangCore

/// Delivers one receiver's queue, oldest first: a failure that may pass is retried with exponential backoff and
/// jitter (1 s doubling to 5 min) until the receiver's `max_age`; a rejection is dead-lettered at once. At-least-once:
/// a notification is marked sent only after the receiver said so; the id it carries lets receivers drop repeats.
public final class SendLoop: Sendable {
    let receiver: Mutex<ReceiverConfig>
    let outbox: Outbox
    let transport: any HTTPTransport
    let metrics: NotifyMetrics
    let logger: Logger
    /// Alertmanager's lease: a firing alert's `endsAt` is 4 × this after sending (updated by reloads).
    let resend: Mutex<Duration>
    var resendDelay: Duration { resend.withLock { $0 } }
    /// Time of attempts and retries; the loop waits on it.
    let clock: any DaemonClock
    /// The idle wait in progress (cancelled by `wake`) and whether work was announced since the loop last looked.
    private let waiting = Mutex<(sleeper: Task<Void, Never>?, woken: Bool)>((nil, false))

    /// With an empty queue the loop sleeps until woken (every commit wakes it; a wake is never lost); it looks again
    /// after this long even so.
    static let idleRecheck: Duration = .seconds(3600)

    public init(
        receiver: ReceiverConfig, outbox: Outbox, transport: any HTTPTransport, metrics: NotifyMetrics, logger: Logger,
        resendDelay: Duration, clock: any DaemonClock
    ) {
        self.receiver = Mutex(receiver)
        self.outbox = outbox
        self.transport = transport
        self.metrics = metrics
        self.logger = logger
        self.resend = Mutex(resendDelay)
        self.clock = clock
    }

    /// A loop whose time is read from `clock` (Unix seconds) and which waits in real time.
    public convenience init(
        receiver: ReceiverConfig, outbox: Outbox, transport: any HTTPTransport, metrics: NotifyMetrics, logger: Logger,
        resendDelay: Duration, clock: @escaping @Sendable () -> Double
    ) {
        self.init(
            receiver: receiver, outbox: outbox, transport: transport, metrics: metrics, logger: logger, resendDelay: resendDelay,
            clock: ReadingClock(clock))
    }

    /// New work may be queued: ends the loop's idle wait (or, when it is busy, its next one at once).
    public func wake() {
        let sleeper = waiting.withLock { w -> Task<Void, Never>? in
            w.woken = true
            return w.sleeper
        }
        sleeper?.cancel()
    }

    /// Replaces the receiver's settings (a reload).
    public func update(_ r: ReceiverConfig) { receiver.withLock { $0 = r } }

    /// Replaces `resend_delay` (a reload): the next request's `endsAt` uses it.
    public func update(resendDelay: Duration) { resend.withLock { $0 = resendDelay } }

    var name: String { receiver.withLock { $0.name } }

    /// Runs until cancelled. With `drainUntil`, returns once the queue is empty or that time passes.
    public func run(drainUntil: UnixTime? = nil) async {
        while !Task.isCancelled {
            if let d = drainUntil, clock.now >= d { return }
            let r = receiver.withLock { $0 }
            let head: Outbox.Entry?
            do { head = try outbox.head(receiver: r.name) } catch {
                logger.error("outbox read failed", metadata: ["receiver": .string(r.name), "error": .string("\(error)")])
                if drainUntil != nil { return }
                await waitForWork(until: clock.now + .seconds(1))
                continue
            }
            guard let entry = head else {
                if drainUntil != nil { return }
                await waitForWork(until: clock.now + Self.idleRecheck)
                continue
            }
            let now = clock.now
            if entry.nextAttemptAt > now {
                if drainUntil != nil { return }
                await waitForWork(until: entry.nextAttemptAt)
                continue
            }
            await attempt(entry, r, now: now, deadline: drainUntil)
        }
    }

    /// Sleeps on the clock until `deadline`, `wake()` or cancellation, whichever first.
    private func waitForWork(until deadline: UnixTime) async {
        let clock = self.clock
        let sleeper = Task { do { try await clock.sleep(until: deadline) } catch {} }
        let woken = waiting.withLock { w -> Bool in
            if w.woken { return true }
            w.sleeper = sleeper
            return false
        }
        if woken { sleeper.cancel() }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        waiting.withLock { w in
            w.sleeper = nil
            w.woken = false
        }
    }

    /// One delivery attempt; with a `deadline` (draining at shutdown) the attempt gets only the time that is left.
    func attempt(_ entry: Outbox.Entry, _ r: ReceiverConfig, now: UnixTime, deadline: UnixTime? = nil) async {
        let n = entry.notification
        if now - n.createdAt > r.maxAge {
            try? outbox.markDead(entry.seq, error: "expired after max_age")
            metrics.dropped(r.name, reason: "expired")
            logger.error(
                "notification dropped: older than max_age", metadata: ["receiver": .string(r.name), "id": .string(n.id), "attempts": "\(entry.attempts)"])
            return
        }
        let request = Senders.request(for: n, receiver: r, now: now, resendDelay: resendDelay)
        let outcome: SendOutcome
        let limit = deadline.map { min(r.timeout, max(.milliseconds(100), $0 - now)) } ?? r.timeout
        do {
            let (status, body) = try await transport.post(request, timeout: limit)
            outcome = Senders.outcome(r.kind, status: status, body: body)
        } catch {
            outcome = .retry(TransportFailure.describe(error, receiver: r.name, url: request.url, timeout: limit))
        }
        switch outcome {
        case .delivered:
            do { try outbox.markSent(entry.seq, at: clock.now) } catch {
                // Disk full or the like: the notification stays queued and is sent again (same id; receivers drop repeats).
                logger.error(
                    "outbox write failed; the notification will be sent again",
                    metadata: ["receiver": .string(r.name), "id": .string(n.id), "error": .string("\(error)")])
            }
            metrics.sent(r.name)
            logger.info(
                "notification sent",
                metadata: [
                    "receiver": .string(r.name), "id": .string(n.id), "kind": .string(n.kind.rawValue),
                    "alerts": "\(n.alerts.count)", "attempts": "\(entry.attempts + 1)",
                ])
        case .retry(let why):
            // An attempt cut short by shutdown is not the receiver's failure: it stays due now, for the shutdown's
            // drain (regression: it was pushed back by a backoff, and the drain, finding nothing due, returned at
            // once) or the next start.
            let cancelled = Task.isCancelled
            if !cancelled { metrics.failed(r.name) }
            let delay = cancelled ? .zero : Self.backoff(attempts: entry.attempts + 1)
            try? outbox.markRetry(entry.seq, error: why, next: now + delay)
            logger.warning(
                "notification failed; will retry",
                metadata: [
                    "receiver": .string(r.name), "id": .string(n.id),
                    "error": .string(why), "retry_in_seconds": "\(Int(delay.seconds))",
                ])
        case .reject(let why):
            metrics.failed(r.name)
            metrics.dropped(r.name, reason: "rejected")
            try? outbox.markDead(entry.seq, error: why)
            logger.error(
                "notification rejected by the receiver; dead-lettered", metadata: ["receiver": .string(r.name), "id": .string(n.id), "error": .string(why)])
        }
    }

    /// The wait before the next attempt: 1 s × 2^(attempts−1), capped at 5 min, times a jitter in [0.5, 1.5)
    /// (`random` in [0, 1)).
    public static func backoff(attempts: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        let base = min(300, pow2(max(0, attempts - 1)))
        return .seconds(base * (0.5 + random))
    }

    private static func pow2(_ n: Int) -> Double {
        var v = 1.0
        for _ in 0..<min(n, 20) { v *= 2 }
        return v
    }
}
