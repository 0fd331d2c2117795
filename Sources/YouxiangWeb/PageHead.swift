import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// What the three pages share at their head.
struct PageHead {
    var planTitle: String
    var generated: String
    var year: Int
    var finalYear: Int
    /// False when the reported year is the plan's last: its target column is the final-year column already.
    var showFinal: Bool

    init(_ m: OfficeModel) {
        planTitle = WebFormat.fullWidth(m.input.plan.titleZh)
        generated = WebFormat.dateTime(m.input.now)
        year = m.year
        finalYear = m.input.plan.years.max() ?? 2027
        showFinal = year != finalYear
    }
}
