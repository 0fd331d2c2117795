/// Number formatting for messages.
public enum ValueText {
    /// Shortest round-trip text, integers without a decimal point.
    public static func shortest(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// `v` with exactly `digits` decimals.
    public static func fixed(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return shortest(v) }
        let neg = v < 0
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let n = (abs(v) * scale).rounded()
        var intPart = String(format0: n / scale)
        if digits > 0 {
            var frac = String(Int64(n.truncatingRemainder(dividingBy: scale)))
            frac = String(repeating: "0", count: max(0, digits - frac.count)) + frac
            intPart += "." + frac
        }
        return (neg && n != 0 ? "-" : "") + intPart
    }

    /// A ratio as a percentage with at most `maxDigits` decimals, trailing zeros dropped: 0.71 → "71%", 0.9991 → "99.91%".
    public static func percentage(_ ratio: Double, maxDigits: Int = 2) -> String {
        trimmed(fixed(ratio * 100, digits: maxDigits)) + "%"
    }

    /// Drops trailing zeros (and a trailing point) of a decimal text.
    public static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// The one number style of the office's pages, report and alerts: at most `digits` decimals, trailing zeros
    /// dropped, thousands separated by ",": 7100 → "7,100", 3510 → "3,510", 92.40 → "92.4".
    /// Magnitudes of 1e15 and more (beyond exact integers) print as ``shortest(_:)``.
    public static func grouped(_ v: Double, digits: Int = 2) -> String {
        guard v.isFinite, Swift.abs(v) < 1e15 else { return shortest(v) }
        let s = trimmed(fixed(v, digits: digits))
        let parts = s.split(separator: ".", maxSplits: 1)
        var int = String(parts[0])
        let neg = int.hasPrefix("-")
        if neg { int.removeFirst() }
        var out = ""
        for (i, c) in int.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (neg ? "-" : "") + String(out.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }
}

private extension String {
    init(format0 v: Double) { self = String(Int64(v.rounded(.towardZero))) }
}
