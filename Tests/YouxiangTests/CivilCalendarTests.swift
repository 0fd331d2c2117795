import Testing
import YouxiangCore

/// The one civil-calendar routine (YouxiangCore) that workbook dates and alert timestamps share.
@Suite struct CivilCalendarTests {
    @Test func knownDaysAndRoundTrip() {
        #expect(CivilCalendar.date(days: 0) == (1970, 1, 1))
        #expect(CivilCalendar.date(days: -1) == (1969, 12, 31))
        #expect(CivilCalendar.date(days: 19_967) == (2024, 9, 1))
        #expect(CivilCalendar.date(days: -25_508) == (1900, 3, 1))   // 1900 is not a leap year
        #expect(CivilCalendar.date(days: 11_016) == (2000, 2, 29))   // 2000 is
        #expect(CivilCalendar.days(year: 2024, month: 9, day: 1) == 19_967)
        for d in stride(from: Int64(-800_000), through: 2_958_465, by: 997) {
            let c = CivilCalendar.date(days: d)
            #expect(CivilCalendar.days(year: c.year, month: c.month, day: c.day) == d)
        }
    }
}
