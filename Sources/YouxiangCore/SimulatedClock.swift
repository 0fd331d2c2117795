import Synchronization

/// A clock whose time moves only when told: tasks sleeping on it wake when `advance(to:)` reaches their deadline.
///
/// A test drives the daemon's loops through simulated time: wait until every loop sleeps (`sleepers`), move to the
/// next deadline (`nextDeadline`), repeat — `run(until:idle:)` does exactly that. Nothing sleeps in real time, so a
/// simulated day of hourly collection and 15-minute evaluations takes milliseconds.
public final class SimulatedClock: DaemonClock {
    private struct Sleeper {
        var deadline: UnixTime
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: UnixTime
        var sleepers: [Int: Sleeper] = [:]
        var cancelled: Set<Int> = []
        var nextID = 0
    }

    private let state: Mutex<State>

    /// A clock standing at `start`.
    public init(start: UnixTime) { state = Mutex(State(now: start)) }

    public var now: UnixTime { state.withLock { $0.now } }

    /// Tasks sleeping now.
    public var sleepers: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline of a sleeping task, or nil when none sleeps.
    public var nextDeadline: UnixTime? { state.withLock { $0.sleepers.values.map(\.deadline).min() } }

    public func sleep(until deadline: UnixTime) async throws {
        try Task.checkCancellation()
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = state.withLock { s in
                    if s.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= s.now { return .success(()) }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: c)
                    return nil
                }
                if let resume { c.resume(with: resume) }
            }
        } onCancel: {
            let sleeper = state.withLock { s -> Sleeper? in
                if let z = s.sleepers.removeValue(forKey: id) { return z }
                s.cancelled.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time to `t` (never backwards) and wakes every sleeper whose deadline has come, earliest first.
    public func advance(to t: UnixTime) {
        let due = state.withLock { s -> [Sleeper] in
            if t > s.now { s.now = t }
            let ids = s.sleepers.filter { $0.value.deadline <= s.now }.sorted { $0.value.deadline < $1.value.deadline }.map(\.key)
            return ids.compactMap { s.sleepers.removeValue(forKey: $0) }
        }
        for z in due { z.continuation.resume() }
    }

    /// Moves time forward by `d`.
    public func advance(by d: Duration) { advance(to: now + d) }

    /// Runs the loops sleeping on this clock until `end`: waits (in real time, yielding) until `idle` says every loop
    /// is asleep, then moves to the earliest deadline, and again, until no deadline is left before `end`; then moves
    /// to `end`.
    /// - Returns: false when `idle` did not hold within `patience` of real time at some step (a loop hung).
    @discardableResult
    public func run(until end: UnixTime, patience: Duration = .seconds(10), idle: @Sendable () async -> Bool) async -> Bool {
        while true {
            guard await waitUntil(patience: patience, idle) else { return false }
            guard let next = nextDeadline, next <= end else { break }
            advance(to: next)
        }
        advance(to: end)
        return await waitUntil(patience: patience, idle)
    }

    private func waitUntil(patience: Duration, _ idle: @Sendable () async -> Bool) async -> Bool {
        let started = ContinuousClock.now
        var spins = 0
        while !(await idle()) {
            spins += 1
            if spins < 100 {
                await Task.yield()
            } else {
                if ContinuousClock.now - started > patience { return false }
                try? await Task.sleep(for: .microseconds(100))
            }
        }
        return true
    }
}
