import Testing
import YouxiangCore

/// The civil calendar both ways: known dates, leap days, times before 1970, and a round trip over ±2000 years.
@Suite struct CivilCalendarTests {
    @Test func knownDates() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2024, month: 1, day: 1) == 19723)
        #expect(CivilCalendar.date(days: -1) == .init(year: 1969, month: 12, day: 31))
        #expect(CivilCalendar.days(year: 2024, month: 2, day: 29) + 1 == CivilCalendar.days(year: 2024, month: 3, day: 1))
        #expect(CivilCalendar.days(year: 2100, month: 2, day: 28) + 1 == CivilCalendar.days(year: 2100, month: 3, day: 1))
        // 2026-01-05 00:00 China Standard Time is 2026-01-04 16:00 UTC.
        #expect(CivilCalendar.unixSeconds(year: 2026, month: 1, day: 5, offsetSeconds: CivilCalendar.chinaOffsetSeconds) == 1_767_542_400)
    }

    @Test func splitsBefore1970AndAtOffsets() {
        let t = CivilCalendar.split(unixSeconds: -0.5)
        #expect(t.date == .init(year: 1969, month: 12, day: 31) && t.hour == 23 && t.minute == 59 && t.second == 59 && t.millisecond == 500)
        let cst = CivilCalendar.split(unixSeconds: 1_767_542_400 + 10.5 * 3600, offsetSeconds: CivilCalendar.chinaOffsetSeconds)
        #expect(cst.date == .init(year: 2026, month: 1, day: 5) && cst.hour == 10 && cst.minute == 30)
    }

    @Test func roundTrip() {
        for days in stride(from: Int64(-730_000), through: 730_000, by: 997) {
            let d = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: d.year, month: d.month, day: d.day) == days)
        }
    }

    /// Workbook serials' anchors (the 1900 system's 1900-03-01, a leap 2000-02-29) and the far future.
    @Test func workbookAnchors() {
        #expect(CivilCalendar.date(days: -25_508) == .init(year: 1900, month: 3, day: 1))  // 1900 is not a leap year
        #expect(CivilCalendar.date(days: 11_016) == .init(year: 2000, month: 2, day: 29))  // 2000 is
        #expect(CivilCalendar.days(year: 2024, month: 9, day: 1) == 19_967)
        let far = CivilCalendar.date(days: 2_958_465)
        #expect(CivilCalendar.days(year: far.year, month: far.month, day: far.day) == 2_958_465)
    }
}
