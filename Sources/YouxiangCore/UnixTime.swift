/// A moment in wall-clock time: seconds since 1970-01-01 00:00 UTC (leap seconds not counted, as in POSIX).
///
/// The one time type of the alert path: alert states, notifications, the outbox and the schedules' deadlines all
/// carry a `UnixTime`; spans between moments are `Duration`. It encodes as a bare number of seconds (JSON `1795970000.5`),
/// exactly as the plain `Double` it replaces, so stored alert states and outbox rows read the same before and after.
public struct UnixTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since the epoch (fractional).
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    /// 1970-01-01 00:00 UTC.
    public static let epoch = UnixTime(seconds: 0)

    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seconds)
    }

    public static func < (a: UnixTime, b: UnixTime) -> Bool { a.seconds < b.seconds }

    public static func + (t: UnixTime, d: Duration) -> UnixTime { UnixTime(seconds: t.seconds + d.seconds) }
    public static func - (t: UnixTime, d: Duration) -> UnixTime { UnixTime(seconds: t.seconds - d.seconds) }
    public static func += (t: inout UnixTime, d: Duration) { t = t + d }
    /// The span from `b` to `a` (negative when `a` is earlier).
    public static func - (a: UnixTime, b: UnixTime) -> Duration { .seconds(a.seconds - b.seconds) }

    /// The number of seconds, as Prometheus writes timestamps.
    public var description: String { "\(seconds)" }
}

extension UnixTime: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// Seconds since the epoch, for fixed moments in tests and examples.
    public init(integerLiteral value: Int64) { seconds = Double(value) }
    public init(floatLiteral value: Double) { seconds = value }
}

extension Duration {
    /// The span in seconds, fractional (attosecond precision folded into a `Double`).
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
