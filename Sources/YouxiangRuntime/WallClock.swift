import YouxiangCore

/// Unix time in seconds, from the system clock (`SystemClock.seconds()`), for code outside the schedules; the
/// engine, the rule evaluation and the send loops read the `DaemonClock` they were given instead.
public enum WallClock {
    public static func now() -> Double { SystemClock.seconds() }
}
