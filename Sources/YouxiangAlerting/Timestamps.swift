import YouxiangCore

/// Time formatting without Foundation's formatters.
public enum Timestamps {
    /// RFC 3339 in UTC with milliseconds: `2026-11-29T16:12:18.046Z`.
    public static func rfc3339(_ unix: Double) -> String {
        let (t, ms) = parts(unix, offsetHours: 0)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)).\(pad(ms, 3))Z"
    }

    /// China Standard Time, to the minute: `2026-11-30 00:12`.
    public static func chinaLocal(_ unix: Double) -> String {
        let (t, _) = parts(unix, offsetHours: 8)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute))"
    }

    /// A date in China Standard Time as 公文 write it: `2025年12月31日`.
    public static func chinaDate(_ unix: Double) -> String {
        let (t, _) = parts(unix, offsetHours: 8)
        return "\(t.year)年\(t.month)月\(t.day)日"
    }

    /// Date and time in China Standard Time: `2026年1月5日 09:30`.
    public static func chinaDateTime(_ unix: Double) -> String {
        let (t, _) = parts(unix, offsetHours: 8)
        return "\(t.year)年\(t.month)月\(t.day)日 \(pad(t.hour)):\(pad(t.minute))"
    }

    struct Civil { var year, month, day, hour, minute, second: Int }

    static func parts(_ unix: Double, offsetHours: Int) -> (Civil, Int) {
        let totalMs = Int64((unix * 1000).rounded(.down)) + Int64(offsetHours) * 3_600_000
        var secs = totalMs / 1000
        var ms = Int(totalMs % 1000)
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = CivilCalendar.date(days: days)
        return (Civil(year: y, month: m, day: d, hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60)), ms)
    }

    static func pad(_ v: Int, _ n: Int = 2) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
    }
}
