import YouxiangCore

/// The unit an indicator's targets are written in, and how it converts to the exposed series' base unit.
public enum PlanUnit: String, Sendable, CaseIterable {
    case percent, years, count, personTimes = "person_times", tenThousandPersonTimes = "ten_thousand_person_times"
    case places, pairs, coefficient, status

    /// Converts a value as printed in the plan to the series' unit: percent ÷100 (ratio 0–1), 万人次 ×10000
    /// (person-times), everything else unchanged (status: 1 = passed). The result is `cleaned` (12 significant digits).
    public func toSeries(_ v: Double) -> Double {
        switch self {
        case .percent: return (v / 100).cleaned
        case .tenThousandPersonTimes: return (v * 10000).cleaned
        default: return v.cleaned
        }
    }

    /// A trend's projected series value within what the unit can hold: a share (percent) within 0–1 (a coverage
    /// cannot pass 100%: a straight line through 82%, 91%, 100%, 100% reaches 115% by 2027), any other quantity not
    /// below 0.
    public func bounded(_ projected: Double) -> Double {
        switch self {
        case .percent: return Swift.min(1, Swift.max(0, projected))
        default: return Swift.max(0, projected)
        }
    }
}
