#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one time source of the daemon's schedules: collection intervals, rule evaluation, notification grouping and
/// delivery retries all read `now` and wait with `sleep(until:)` on the clock they were given.
///
/// `SystemClock` is the real one; `SimulatedClock` lets a test move time by hand, so a day of collection,
/// evaluation and delivery runs in milliseconds. Time limits on real work (a collector's `timeout`, an HTTP request's
/// timeout) and the engine's 20 ms rebuild coalescing are not schedules and stay on real time.
public protocol DaemonClock: Sendable {
    /// The current wall-clock time.
    var now: UnixTime { get }
    /// Suspends until `deadline` (at once when it has passed).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: UnixTime) async throws
}

extension DaemonClock {
    /// Suspends for `duration` from now.
    public func sleep(for duration: Duration) async throws { try await sleep(until: now + duration) }
}

/// The machine's real-time clock (`CLOCK_REALTIME`); sleeping measures the span once and waits on the monotonic
/// clock, so a wall-clock step during a sleep does not stretch or shorten it.
public struct SystemClock: DaemonClock {
    public init() {}

    public var now: UnixTime { UnixTime(seconds: Self.seconds()) }

    public func sleep(until deadline: UnixTime) async throws {
        let span = deadline - now
        if span > .zero { try await Task.sleep(for: span) } else { try Task.checkCancellation() }
    }

    /// Unix seconds now.
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A clock that reads its time from a function and sleeps in real time: for callers that inject a reading
/// (`{ fixedTime }`) but no schedule.
public struct ReadingClock: DaemonClock {
    let read: @Sendable () -> Double

    /// `read` gives Unix seconds.
    public init(_ read: @escaping @Sendable () -> Double) { self.read = read }

    public var now: UnixTime { UnixTime(seconds: read()) }

    public func sleep(until deadline: UnixTime) async throws {
        let span = deadline - now
        if span > .zero { try await Task.sleep(for: span) } else { try Task.checkCancellation() }
    }
}
