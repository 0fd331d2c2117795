/// Parses durations in Prometheus's syntax: one or more `<number><unit>` with units `ms`, `s`, `m`, `h`, `d`, `w`, `y`
/// (e.g. `30s`, `1h30m`, `250ms`).
public enum DurationParser {
    /// The longest duration accepted (10 years): beyond it, a value is a typo, and arithmetic on it could overflow.
    public static let maximumSeconds: Int64 = 10 * 31_536_000
    public static let maximum = Duration.seconds(maximumSeconds)

    /// The duration, or nil when `text` is not of that form or longer than `maximum`.
    public static func parse(_ text: String) -> Duration? {
        var total = Duration.zero
        var digits = ""
        var chars = Array(text)
        guard !chars.isEmpty else { return nil }
        var i = 0
        var sawUnit = false
        while i < chars.count {
            let c = chars[i]
            if c.isASCII, c.isNumber { digits.append(c); i += 1; continue }
            guard let n = Int64(digits) else { return nil }
            digits = ""
            if c == "m", i + 1 < chars.count, chars[i + 1] == "s" {
                total += .milliseconds(n); i += 2; sawUnit = true
                if total > maximum { return nil }
                continue
            }
            let seconds: Int64
            switch c {
            case "s": seconds = 1
            case "m": seconds = 60
            case "h": seconds = 3600
            case "d": seconds = 86400
            case "w": seconds = 604_800
            case "y": seconds = 31_536_000
            default: return nil
            }
            let (product, overflow) = n.multipliedReportingOverflow(by: seconds)
            guard !overflow, product <= maximumSeconds else { return nil }
            total += .seconds(product)
            guard total <= maximum else { return nil }
            i += 1
            sawUnit = true
        }
        chars.removeAll()
        return (sawUnit && digits.isEmpty) ? total : nil
    }

    /// Formats a duration back in the same syntax (`90s` → `1m30s`).
    public static func format(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        if ms == 0 { return "0s" }
        if ms % 1000 != 0 { return "\(ms)ms" }
        var s = ms / 1000
        var out = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where s >= size {
            out += "\(s / size)\(unit)"
            s %= size
        }
        return out
    }
}
