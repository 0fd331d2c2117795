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
            guard let part = action(body) else {
                return .failure(
                    TemplateError(
                        message:
                            "unsupported template action {{ \(body) }} (supported: $value, $value | humanizePercentage, $value | printf \"%.Nf\", $labels.NAME, $externalLabels.NAME, $externalURL)"
                    ))
            }
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
