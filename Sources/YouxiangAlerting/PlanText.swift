import YouxiangPlan

/// Numbers and comparisons in the plan's own units and words, for messages to the 专班 office: 92.4%, not 0.924.
public enum PlanText {
    /// A series value in the plan's unit: percent "71%"/"99.91%", years "15.4年", person-times "7,100人次", counts "12个".
    public static func value(_ v: Double, unit: PlanUnit) -> String {
        switch unit {
        case .percent: return ValueText.percentage(v)
        case .years: return ValueText.trimmed(ValueText.fixed(v, digits: 2)) + "年"
        case .personTimes, .tenThousandPersonTimes: return ValueText.grouped(v) + "人次"
        case .count: return ValueText.grouped(v) + "个"
        case .places: return ValueText.grouped(v) + "个学位"
        case .pairs: return ValueText.grouped(v) + "对"
        case .coefficient: return ValueText.trimmed(ValueText.fixed(v, digits: 3))
        case .status: return v >= 1 ? "已通过" : "未通过"
        }
    }

    /// The target in words: "不低于72%", "高于92%", "不高于0.25", "4—6个", "通过".
    public static func target(_ t: PlanTarget, unit: PlanUnit) -> String {
        if unit == .status { return "通过" }
        switch t.op {
        case .range:
            return value(unit.toSeries(t.min ?? 0), unit: unit).replacing(suffix(unit), with: "") + "—" + value(unit.toSeries(t.max ?? 0), unit: unit)
        case .gt: return "高于" + value(unit.toSeries(t.value ?? 0), unit: unit)
        case .ge: return "不低于" + value(unit.toSeries(t.value ?? 0), unit: unit)
        case .le: return "不高于" + value(unit.toSeries(t.value ?? 0), unit: unit)
        case .eq: return "达到" + value(unit.toSeries(t.value ?? 0), unit: unit)
        }
    }

    /// How far `v` is from meeting `t`: "差1个百分点", "差300人次", "超出0.05"; nil when met or not numeric.
    public static func gap(_ v: Double, target t: PlanTarget, unit: PlanUnit) -> String? {
        guard unit != .status else { return nil }
        let bound: Double
        switch t.op {
        case .gt, .ge, .eq: bound = unit.toSeries(t.value ?? 0)
        case .le: bound = unit.toSeries(t.value ?? 0)
        case .range: bound = v < unit.toSeries(t.min ?? 0) ? unit.toSeries(t.min ?? 0) : unit.toSeries(t.max ?? 0)
        }
        let d = (bound - v).cleanedAbs
        guard d > 0 else { return t.op == .gt ? "需高于目标值" : nil }
        let word = v < bound ? "差" : "超出"
        switch unit {
        case .percent: return word + ValueText.trimmed(ValueText.fixed(d * 100, digits: 2)) + "个百分点"
        default: return word + value(d, unit: unit)
        }
    }

    /// Responsible units joined as the plan writes lists: "区发改局、区教育局".
    public static func units(_ list: [String]) -> String { list.joined(separator: "、") }

    private static func suffix(_ unit: PlanUnit) -> String {
        switch unit {
        case .percent: return "%"
        case .years: return "年"
        case .personTimes, .tenThousandPersonTimes: return "人次"
        case .count: return "个"
        case .places: return "个学位"
        case .pairs: return "对"
        case .coefficient, .status: return "\u{0}"
        }
    }
}

private extension Double {
    var cleanedAbs: Double {
        let a = Swift.abs(self)
        return a < 1e-12 ? 0 : a
    }
}
