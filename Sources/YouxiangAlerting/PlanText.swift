import YouxiangCore
import YouxiangPlan

/// Numbers and comparisons in the plan's own units and words, for messages to the 专班 office: 92.4%, not 0.924;
/// 15门 courses, 4所 schools, 45对 pairs, 7,100人次; counts as whole numbers.
public enum PlanText {
    /// A series value in the plan's unit: percent "71%"/"99.91%", years "15.4年", person-times "7,100人次", counts
    /// "12个" (or the indicator's measure word: "15门", "4所"), places "3,510个学位", pairs "45对", status "已通过".
    /// Counts are whole numbers unless `whole` is false (a projection may be fractional: "12.5个").
    public static func value(_ v: Double, unit: PlanUnit, measure: String? = nil, whole: Bool = true) -> String {
        switch unit {
        case .percent: return ValueText.percentage(v)
        case .years: return ValueText.trimmed(ValueText.fixed(v, digits: 2)) + "年"
        case .personTimes, .tenThousandPersonTimes: return number(v, whole: whole) + "人次"
        case .count: return number(v, whole: whole) + (measure ?? "个")
        case .places: return number(v, whole: whole) + "个学位"
        case .pairs: return number(v, whole: whole) + (measure ?? "对")
        case .coefficient: return ValueText.trimmed(ValueText.fixed(v, digits: 3))
        case .status: return v >= 1 ? "已通过" : "未通过"
        }
    }

    /// The target in words: "不低于72%", "高于92%", "不高于0.25", "4—6个", "通过".
    public static func target(_ t: PlanTarget, unit: PlanUnit, measure: String? = nil) -> String {
        if unit == .status { return "通过" }
        func v(_ x: Double?) -> String { value(unit.toSeries(x ?? 0), unit: unit, measure: measure) }
        switch t.op {
        case .range: return v(t.min).replacing(suffix(unit, measure), with: "") + "—" + v(t.max)
        case .gt: return "高于" + v(t.value)
        case .ge: return "不低于" + v(t.value)
        case .le: return "不高于" + v(t.value)
        case .eq: return "达到" + v(t.value)
        }
    }

    /// The plan's wording of a target, quotable: a table cell with its unit ("72%", ">92%", "0.71万人次", "1万人次",
    /// "15.7年", "10个"), never a bare number; a text target verbatim. Half-width brackets become full-width.
    public static func cell(_ t: PlanTarget, unit: PlanUnit, measure: String? = nil) -> String {
        guard t.source == "table" else { return fullWidth(t.raw) }
        let raw = t.raw.trimming { $0 == " " }
        guard raw.last?.isNumber == true else { return fullWidth(raw) }
        switch unit {
        case .percent: return raw + "%"
        case .tenThousandPersonTimes: return raw + "万人次"
        case .personTimes: return raw + "人次"
        case .years: return raw + "年"
        case .count: return raw + (measure ?? "个")
        case .places: return raw + "个学位"
        case .pairs: return raw + (measure ?? "对")
        case .coefficient, .status: return raw
        }
    }

    /// How far `v` is from meeting `t`: "差1个百分点", "差300人次", "超出0.05"; nil when met or not numeric.
    public static func gap(_ v: Double, target t: PlanTarget, unit: PlanUnit, measure: String? = nil, whole: Bool = true) -> String? {
        guard unit != .status else { return nil }
        let bound: Double
        switch t.op {
        case .gt, .ge, .eq, .le: bound = unit.toSeries(t.value ?? 0)
        case .range: bound = v < unit.toSeries(t.min ?? 0) ? unit.toSeries(t.min ?? 0) : unit.toSeries(t.max ?? 0)
        }
        let d = (bound - v).cleanedAbs
        guard d > 0 else { return t.op == .gt ? "需高于目标值" : nil }
        let word = v < bound ? "差" : "超出"
        switch unit {
        case .percent: return word + ValueText.trimmed(ValueText.fixed(d * 100, digits: 2)) + "个百分点"
        default: return word + value(d, unit: unit, measure: measure, whole: whole && (unit != .years && unit != .coefficient))
        }
    }

    /// A tolerance (series unit) in words: "0.01个百分点", "100人次".
    public static func tolerance(_ d: Double, unit: PlanUnit, measure: String? = nil) -> String {
        unit == .percent ? ValueText.trimmed(ValueText.fixed(d * 100, digits: 4)) + "个百分点" : value(d, unit: unit, measure: measure, whole: false)
    }

    /// A yearly trend in words: "约提高0.5个百分点", "约减少300人次", "基本持平".
    public static func slope(_ s: Double, unit: PlanUnit, measure: String? = nil) -> String {
        let d = s.cleanedAbs
        guard d > 0 else { return "基本持平" }
        let up = s > 0
        if unit == .percent { return (up ? "约提高" : "约下降") + ValueText.trimmed(ValueText.fixed(d * 100, digits: 2)) + "个百分点" }
        return (up ? "约增加" : "约减少") + value(d, unit: unit, measure: measure, whole: false)
    }

    /// Responsible units joined as the plan writes lists: "区发改局、区教育局".
    public static func units(_ list: [String]) -> String { list.joined(separator: "、") }

    /// The plan's half-width punctuation in names and titles as 公文 print it: "(二)" → "（二）", "," → "，",
    /// ":" → "：", ";" → "；". Digits, "%" and "-" are kept.
    public static func fullWidth(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "(": out.append("（")
            case ")": out.append("）")
            case ",": out.append("，")
            case ":": out.append("：")
            case ";": out.append("；")
            default: out.append(c)
            }
        }
        return out
    }

    /// A whole number ("7,100") when `whole` or integral, else up to two decimals; thousands separated as on the
    /// pages (``ValueText/grouped(_:digits:)``).
    static func number(_ v: Double, whole: Bool) -> String {
        let r = v.rounded()
        if whole || Swift.abs(v - r) < 1e-9 { return ValueText.grouped(r == 0 ? 0 : r, digits: 0) }
        return ValueText.grouped(v, digits: 2)
    }

    private static func suffix(_ unit: PlanUnit, _ measure: String?) -> String {
        switch unit {
        case .percent: return "%"
        case .years: return "年"
        case .personTimes, .tenThousandPersonTimes: return "人次"
        case .count: return measure ?? "个"
        case .places: return "个学位"
        case .pairs: return measure ?? "对"
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
