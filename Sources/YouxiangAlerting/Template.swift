import YouxiangCore

/// Annotation and label templates, in the subset of Prometheus's Go-template syntax that alert messages use:
/// `{{ $value }}`, `{{ $value | humanizePercentage }}`, `{{ $value | printf "%.2f" }}`, `{{ $labels.NAME }}`,
/// `{{ $externalLabels.NAME }}`, `{{ $externalURL }}`. The same text works in an exported Prometheus rule file.
public struct Template: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        case value(Format)
        case label(String)
        case externalLabel(String)
        case externalURL
    }

    enum Format: Sendable, Equatable { case plain, percentage, fixed(Int) }

    let parts: [Part]
    public let source: String

    /// Parses a template; the error names what was not understood.
    public static func parse(_ s: String) -> Result<Template, TemplateError> {
        var parts: [Part] = []
        var rest = Substring(s)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { return .failure(TemplateError(message: "unclosed {{")) }
            let body = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            guard let part = action(body) else { return .failure(TemplateError(message: "unsupported template action {{ \(body) }} (supported: $value, $value | humanizePercentage, $value | printf \"%.Nf\", $labels.NAME, $externalLabels.NAME, $externalURL)")) }
            parts.append(part)
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return .success(Template(parts: parts, source: s))
    }

    static func action(_ body: String) -> Part? {
        let pipe = body.split(separator: "|", maxSplits: 1).map { $0.trimmingSpaces }
        let head = pipe[0]
        if head == "$value" {
            guard pipe.count == 2 else { return .value(.plain) }
            if pipe[1] == "humanizePercentage" { return .value(.percentage) }
            if pipe[1].hasPrefix("printf \"%."), pipe[1].hasSuffix("f\""), let n = Int(pipe[1].dropFirst(10).dropLast(2)) { return .value(.fixed(n)) }
            return nil
        }
        guard pipe.count == 1 else { return nil }
        if head == "$externalURL" { return .externalURL }
        if head.hasPrefix("$labels."), head.count > 8 { return .label(String(head.dropFirst(8))) }
        if head.hasPrefix("$externalLabels."), head.count > 16 { return .externalLabel(String(head.dropFirst(16))) }
        return nil
    }

    /// Renders with the given data.
    public func render(value: Double, labels: Labels, externalLabels: Labels, externalURL: String) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .text(let t): out += t
            case .value(.plain): out += ValueText.shortest(value)
            case .value(.percentage): out += ValueText.percentage(value)
            case .value(.fixed(let n)): out += ValueText.fixed(value, digits: n)
            case .label(let n): out += labels[n] ?? ""
            case .externalLabel(let n): out += externalLabels[n] ?? ""
            case .externalURL: out += externalURL
            }
        }
        return out
    }
}

public struct TemplateError: Error, Sendable { public var message: String }

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

    /// Thousands separators: 7100 → "7,100".
    public static func grouped(_ v: Double) -> String {
        let s = trimmed(fixed(v, digits: 2))
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
