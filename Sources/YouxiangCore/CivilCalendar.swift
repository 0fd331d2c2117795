/// The proleptic Gregorian calendar counted in whole days since 1970-01-01, without Foundation's calendars (which
/// depend on the machine's locale data). The two conversions are Howard Hinnant's `days_from_civil` and
/// `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html), exact for every representable day.
///
/// Time zones are the caller's business: add the zone's offset in seconds before splitting a Unix time into days
/// (`split(unixSeconds:offsetSeconds:)` does this), subtract it after joining (`unixSeconds(year:month:day:offsetSeconds:)`).
public enum CivilCalendar {
    /// A calendar date: `month` 1…12, `day` 1…31.
    public struct Date: Hashable, Sendable {
        public var year: Int
        public var month: Int
        public var day: Int
        public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    }

    /// A moment split into its date and time of day (in the offset it was split for).
    public struct DateTime: Hashable, Sendable {
        public var date: Date
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// Milliseconds 0…999 (rounded down).
        public var millisecond: Int
    }

    /// China Standard Time: UTC+8 all year (no daylight saving since 1991).
    public static let chinaOffsetSeconds = 8 * 3600

    /// Days from 1970-01-01 to `year-month-day` (negative before 1970).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (the inverse of `days(year:month:day:)`).
    public static func date(days: Int64) -> Date {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Date(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Unix seconds at 00:00 of the date in a zone `offsetSeconds` east of UTC.
    public static func unixSeconds(year: Int, month: Int, day: Int, offsetSeconds: Int = 0) -> Double {
        Double(days(year: year, month: month, day: day)) * 86400 - Double(offsetSeconds)
    }

    /// Unix seconds split into date and time of day in a zone `offsetSeconds` east of UTC (times before 1970 too).
    public static func split(unixSeconds: Double, offsetSeconds: Int = 0) -> DateTime {
        let totalMs = Int64((unixSeconds * 1000).rounded(.down)) + Int64(offsetSeconds) * 1000
        var secs = totalMs / 1000
        var ms = totalMs % 1000
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        return DateTime(
            date: date(days: days), hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60),
            millisecond: Int(ms))
    }
}
