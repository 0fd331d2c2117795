import YouxiangCore

/// Due dates of the plan's years, in China Standard Time (UTC+8, no daylight saving).
public enum PlanCalendar {
    /// 00:00 CST on the given date.
    public static func unixTime(year: Int, month: Int, day: Int) -> UnixTime {
        UnixTime(seconds: CivilCalendar.unixSeconds(year: year, month: month, day: day, offsetSeconds: CivilCalendar.chinaOffsetSeconds))
    }
}
