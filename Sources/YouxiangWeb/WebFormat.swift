import YouxiangCore
import YouxiangPlan

/// Numbers, targets and gaps as the office's pages print them: in the plan's own unit and words (92.4%, 6,800人次,
/// 15.3年, 14个), never the series' base unit (0.924).
public enum WebFormat {
    /// `v` rounded to at most `digits` decimals, trailing zeros dropped, thousands grouped with ",": 6800 → "6,800",
    /// 92.40 → "92.4", 0.3414 (digits 3) → "0.341".
    public static func number(_ v: Double, digits: Int = 2) -> String {
        guard v.isFinite else { return v.isNaN ? "—" : (v > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let n = (Swift.abs(v) * scale).rounded()
        let whole = (n / scale).rounded(.down)
        var frac = n - whole * scale
        if frac < 0 { frac = 0 }
        var intText = whole < 1e18 ? String(Int64(whole)) : "\(whole)"
        var grouped = ""
        while intText.count > 3 {
            grouped = "," + intText.suffix(3) + grouped
            intText = String(intText.dropLast(3))
        }
        grouped = intText + grouped
        var fracText = ""
        if digits > 0 {
            let f = String(Int64(frac))
            fracText = String(repeating: "0", count: max(0, digits - f.count)) + f
            while fracText.hasSuffix("0") { fracText.removeLast() }
        }
        let sign = v < 0 && n != 0 ? "-" : ""
        return sign + grouped + (fracText.isEmpty ? "" : "." + fracText)
    }

    /// The measure word of a count indicator, as the plan writes it after the number (“建设1所学术性普通高中” → 所,
    /// “15门” → 门, “45对” → 对); 个 when the plan's wording has none.
    public static func measureWord(_ ind: PlanIndicator) -> String {
        switch ind.unit {
        case .pairs: return "对"
        case .count, .places:
            for t in ind.targets {
                let chars = Array(t.raw)
                for (i, c) in chars.enumerated() where c.isNumber && i + 1 < chars.count {
                    let next = chars[i + 1]
                    if "所门对个项家".contains(next) { return String(next) }
                }
            }
            return "个"
        default: return ""
        }
    }

    /// A series value (base unit) in the plan's unit: "92.4%", "15.3年", "6,800人次", "14个", "3所", "0.341", "已通过".
    public static func value(_ v: Double, _ ind: PlanIndicator) -> String {
        switch ind.unit {
        case .percent: return number(v * 100, digits: 2) + "%"
        case .years: return number(v, digits: 2) + "年"
        case .personTimes, .tenThousandPersonTimes: return number(v, digits: 0) + "人次"
        case .count, .places, .pairs: return number(v, digits: 2) + measureWord(ind)
        case .coefficient:
            let limits = ind.targets.flatMap { [$0.value, $0.min, $0.max] }.compactMap { $0.map(ind.unit.toSeries) }
            return coefficient(v, distinctFrom: limits)
        case .status: return v >= 1 ? "已通过" : "未通过"
        }
    }

    /// A coefficient (差异系数, 均衡系数) with a fixed 3 decimals: 0.2 → "0.200", 0.1974 → "0.197". Where 3 decimals would
    /// make `v` read equal to one of `thresholds` though it is not (0.250000132 against 0.25, whose verdict is 未达标),
    /// as many more decimals (at most 9) as tell them apart: "0.2500001"; so the shown value never contradicts the
    /// verdict. Values within 1e-9 of a threshold count as equal to it.
    public static func coefficient(_ v: Double, distinctFrom thresholds: [Double] = []) -> String {
        var digits = 3
        while digits < 9,
            thresholds.contains(where: { Swift.abs($0 - v) > 1e-9 && number($0, digits: digits) == number(v, digits: digits) })
        {
            digits += 1
        }
        var t = number(v, digits: digits)
        guard v.isFinite else { return t }
        if !t.contains(".") { t += "." }
        while t.split(separator: ".", omittingEmptySubsequences: false).last!.count < 3 { t += "0" }
        return t
    }

    /// A target in words, with the comparator as the plan means it: "高于92%" (table “>92”), "不低于72%", "不高于0.25"
    /// (以内), "4—6个", "通过".
    public static func target(_ t: PlanTarget, _ ind: PlanIndicator) -> String {
        if ind.unit == .status { return "通过" }
        let u = ind.unit
        switch t.op {
        case .range:
            let lo = value(u.toSeries(t.min ?? 0), ind), hi = value(u.toSeries(t.max ?? 0), ind)
            let suffix = String(hi.drop { $0.isNumber || $0 == "." || $0 == "," })
            return (suffix.isEmpty ? lo : String(lo.dropLast(suffix.count))) + "—" + hi
        case .gt: return "高于" + value(u.toSeries(t.value ?? 0), ind)
        case .ge: return "不低于" + value(u.toSeries(t.value ?? 0), ind)
        case .le: return "不高于" + value(u.toSeries(t.value ?? 0), ind)
        case .eq: return "达到" + value(u.toSeries(t.value ?? 0), ind)
        }
    }

    /// How `v` stands against `t`, in words: "差0.9个百分点" (missed), "高出1.2个百分点" (met), "超出上限0.091",
    /// "低于上限0.02", "需高于目标值" (equal to a strict `>` target); "—" for pass/fail milestones.
    public static func gap(_ v: Double, _ t: PlanTarget, _ ind: PlanIndicator) -> String {
        guard ind.unit != .status else { return "—" }
        let u = ind.unit
        func amount(_ d: Double) -> String {
            switch u {
            case .percent: return number(d * 100, digits: 2) + "个百分点"
            case .coefficient: return coefficient(d, distinctFrom: [0])
            default: return value(d, ind)
            }
        }
        func isZero(_ d: Double) -> Bool { Swift.abs(d) < 1e-12 }
        switch t.op {
        case .gt, .ge, .eq:
            let d = (v - u.toSeries(t.value ?? 0)).cleaned
            if isZero(d) { return t.op == .gt ? "与目标值持平，需高于目标值" : "恰好达到目标值" }
            return d < 0 ? "差" + amount(-d) : "高出" + amount(d)
        case .le:
            let d = (v - u.toSeries(t.value ?? 0)).cleaned
            if isZero(d) { return "恰好达到上限" }
            return d > 0 ? "超出上限" + amount(d) : "低于上限" + amount(-d)
        case .range:
            let lo = u.toSeries(t.min ?? -.infinity), hi = u.toSeries(t.max ?? .infinity)
            if v < lo { return "差" + amount((lo - v).cleaned) }
            if v > hi { return "超出上限" + amount((v - hi).cleaned) }
            return "在目标区间内"
        }
    }

    /// A moment as a Beijing-time date in Chinese (UTC+8, no daylight saving): "2026年12月1日".
    public static func date(_ t: UnixTime) -> String {
        let (y, m, d, _, _) = beijing(t)
        return "\(y)年\(m)月\(d)日"
    }

    /// A moment as Beijing date and time in the 公文 form: "2026年12月1日 21:27". The one form of every
    /// date-time the office sees (the pages' 生成时间, the alert table, the report's subtitle); a date alone is
    /// ``date(_:)``, the same form without the time.
    public static func dateTime(_ t: UnixTime) -> String {
        let (_, _, _, hour, minute) = beijing(t)
        return date(t) + " " + two(hour) + ":" + two(minute)
    }

    /// A moment → Beijing (UTC+8) year, month, day, hour, minute.
    private static func beijing(_ moment: UnixTime) -> (Int, Int, Int, Int, Int) {
        let t = Int64(moment.seconds.rounded(.down)) + 8 * 3600
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = civil(days)
        return (y, m, d, Int(secs / 3600), Int(secs % 3600 / 60))
    }

    /// The plan's wording of a number as the office reads it: a bare number of the table (“0.80”, “67”) gets the
    /// indicator's unit (“0.80万人次”, “67%”); wording that is not a bare number is returned as is.
    public static func rawWithUnit(_ raw: String, _ ind: PlanIndicator) -> String {
        let t = raw.trimming { $0 == " " }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return clauses(raw) }
        switch ind.unit {
        case .percent: return t + "%"
        case .years: return t + "年"
        case .personTimes: return t + "人次"
        case .tenThousandPersonTimes: return t + "万人次"
        case .count, .places, .pairs: return t + measureWord(ind)
        case .coefficient, .status: return t
        }
    }

    /// Counts by kind in words, the zero ones left out: [("达标", 3), ("未达标", 2), ("无数据", 0)] → “达标3项、未达标2项”;
    /// one kind holding them all reads “5项均达标”; `wordFirst` false puts the word after the count (“23项有数据”,
    /// “23项均有数据”). Empty when every count is 0.
    public static func tally(_ parts: [(word: String, count: Int)], wordFirst: Bool = true, separator: String = "、") -> String {
        let nonzero = parts.filter { $0.count > 0 }
        if nonzero.count == 1, let p = nonzero.first { return "\(p.count)项均\(p.word)" }
        return nonzero.map { wordFirst ? "\($0.word)\($0.count)项" : "\($0.count)项\($0.word)" }.joined(separator: separator)
    }

    /// The table's clauses separated by a space joined with “，” as 公文 writes them: “2022年已通过省级评估 预计2025年底通过
    ///国家级评估” → “2022年已通过省级评估，预计2025年底通过国家级评估”. Only a space between two Chinese characters.
    static func clauses(_ raw: String) -> String {
        let c = Array(raw)
        func han(_ ch: Character) -> Bool { ch.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false }
        var out = ""
        for (i, ch) in c.enumerated() {
            if ch == " ", i > 0, i + 1 < c.count, han(c[i - 1]), han(c[i + 1]) { out += "，" } else { out.append(ch) }
        }
        return out
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Days since 1970-01-01 → (year, month, day).
    private static func civil(_ days: Int64) -> (Int, Int, Int) {
        let d = CivilCalendar.date(days: days)
        return (d.year, d.month, d.day)
    }

    /// 1…99 as Chinese numerals for 公文 ordinals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十.
    public static func chineseNumeral(_ n: Int) -> String {
        let d = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return d[n] }
        return (n / 10 == 1 ? "" : d[n / 10]) + "十" + (n % 10 == 0 ? "" : d[n % 10])
    }

    /// Chinese text with the half-width punctuation of a transcription made full-width where it touches a Chinese
    /// character (“任务(二)扩大” → “任务（二）扩大”, “不低于72%,差” → “不低于72%，差”), and 「」 as “”. Punctuation between
    /// Latin letters or digits (`plan.prefer`, `>95`, `0.25`) is left alone.
    public static func fullWidth(_ s: String) -> String {
        let chars = Array(s)
        func cjk(_ c: Character?) -> Bool {
            guard let c, let u = c.unicodeScalars.first?.value else { return false }
            return (0x4E00...0x9FFF).contains(u) || (0x3000...0x303F).contains(u) || (0xFF00...0xFFEF).contains(u) || u == 0x201C || u == 0x201D
        }
        let map: [Character: Character] = [",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "「": "“", "」": "”"]
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for (i, c) in chars.enumerated() {
            guard let w = map[c] else { out.append(c); continue }
            if c == "「" || c == "」" { out.append(w); continue }
            let prev = i > 0 ? chars[i - 1] : nil, next = i + 1 < chars.count ? chars[i + 1] : nil
            // An opening bracket looks ahead to its content; a closing one back; the others either way.
            let touches: Bool
            switch c {
            case "(": touches = cjk(next) || cjk(prev)
            case ")": touches = cjk(prev) || cjk(next)
            default: touches = cjk(prev) || cjk(next) || (prev.map { $0.isNumber || $0 == "%" } ?? false) && cjk(chars.dropFirst(i + 1).first { $0 != " " })
            }
            out.append(touches ? w : c)
        }
        return out
    }

    /// HTML-escapes text for element content and quoted attributes (& < > " ').
    public static func escape(_ s: String) -> String { TextEscaping.escaping(s, TextEscaping.html) }
}
