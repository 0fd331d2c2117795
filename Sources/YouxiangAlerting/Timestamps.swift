import YouxiangCore

/// Time formatting without Foundation's formatters.
public enum Timestamps {
    /// RFC 3339 in UTC with milliseconds: `2026-11-29T16:12:18.046Z`.
    public static func rfc3339(_ t: UnixTime) -> String {
        let (c, ms) = parts(t.seconds, offsetHours: 0)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)).\(pad(ms, 3))Z"
    }

    /// China Standard Time, to the minute: `2026-11-30 00:12`.
    public static func chinaLocal(_ t: UnixTime) -> String {
        let (c, _) = parts(t.seconds, offsetHours: 8)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    }

    /// A date in China Standard Time as 公文 write it: `2025年12月31日`.
    public static func chinaDate(_ t: UnixTime) -> String {
        let (c, _) = parts(t.seconds, offsetHours: 8)
        return "\(c.year)年\(c.month)月\(c.day)日"
    }

    /// Date and time in China Standard Time: `2026年1月5日 09:30`.
    public static func chinaDateTime(_ t: UnixTime) -> String {
        let (c, _) = parts(t.seconds, offsetHours: 8)
        return "\(c.year)年\(c.month)月\(c.day)日 \(pad(c.hour)):\(pad(c.minute))"
    }

    typealias Civil = (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)

    /// Unix seconds split into civil parts at `offsetHours` east of UTC, and the milliseconds.
    static func parts(_ unix: Double, offsetHours: Int) -> (Civil, Int) {
        let t = CivilCalendar.split(unixSeconds: unix, offsetSeconds: offsetHours * 3600)
        return ((t.date.year, t.date.month, t.date.day, t.hour, t.minute, t.second), t.millisecond)
    }

    static func pad(_ v: Int, _ n: Int = 2) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
    }
}
