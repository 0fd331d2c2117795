import YouxiangCore

/// One yearly target of an indicator.
public struct PlanTarget: Sendable, Equatable {
    public var year: Int
    /// The plan's own wording or table cell, verbatim.
    public var raw: String
    public var op: Comparator
    /// Values in the plan's unit (see `PlanUnit`); `value` for gt/ge/le/eq, `min`/`max` for range.
    public var value: Double?
    public var min: Double?
    public var max: Double?
    /// `table` or `text`.
    public var source: String
    /// Where the comparator came from: `table`, `wording` or `inferred`.
    public var opSource: String

    /// Whether `v` (in the series' unit) meets this target, given the indicator's unit.
    public func isMet(by v: Double, unit: PlanUnit, tolerance: Double = 0) -> Bool {
        let x = v.cleaned
        switch op {
        case .gt: return x + tolerance > unit.toSeries(value ?? 0)
        case .ge: return x + tolerance >= unit.toSeries(value ?? 0)
        case .le: return x - tolerance <= unit.toSeries(value ?? 0)
        case .eq: return Swift.abs(x - unit.toSeries(value ?? 0)) <= tolerance
        case .range: return x + tolerance >= unit.toSeries(min ?? -.infinity) && x - tolerance <= unit.toSeries(max ?? .infinity)
        }
    }
}

/// How a target compares.
public enum Comparator: String, Sendable {
    /// Strictly greater (the table's `>`).
    case gt
    /// At least (以上, 达到, 不低于; bare table numbers).
    case ge
    /// At most (以内).
    case le
    /// Exactly (status milestones: 1 = passed).
    case eq
    /// Between `min` and `max`, inclusive.
    case range
}
