import YouxiangCore

/// A Prometheus label matcher: `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"` (regexes fully anchored).
public struct LabelMatcher: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~" }
    public var name: String
    public var kind: Kind
    public var value: String
    private let compiled: CompiledRegex?

    /// Parses `name<op>"value"`; nil (with `error`) when malformed or the regex does not compile.
    public static func parse(_ text: String) -> Result<LabelMatcher, MatcherError> {
        let t = text.trimmingSpaces
        guard let opStart = t.firstIndex(where: { $0 == "=" || $0 == "!" }) else {
            return .failure(.init("expected name=\"value\", name!=…, name=~… or name!~…"))
        }
        let name = String(t[..<opStart]).trimmingSpaces
        guard MetricNames.isValidMetricName(name) else { return .failure(.init("invalid label name \"\(name)\"")) }
        var rest = t[opStart...]
        let kind: Kind
        if rest.hasPrefix("!=") {
            kind = .notEqual; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("=~") {
            kind = .regex; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("!~") {
            kind = .notRegex; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("=") {
            kind = .equal; rest = rest.dropFirst(1)
        } else {
            return .failure(.init("unknown operator"))
        }
        let quoted = String(rest).trimmingSpaces
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else { return .failure(.init("the value must be in double quotes")) }
        let value = unescape(String(quoted.dropFirst().dropLast()))
        do { return .success(try LabelMatcher(name: name, kind: kind, value: value)) } catch { return .failure(.init("invalid regex: \(error)")) }
    }

    public init(name: String, kind: Kind, value: String) throws {
        self.name = name
        self.kind = kind
        self.value = value
        compiled = (kind == .regex || kind == .notRegex) ? try CompiledRegex("^(?:" + value + ")$") : nil
    }

    /// Whether `labels` satisfy the matcher (a missing label is the empty string, as in Prometheus).
    public func matches(_ labels: Labels) -> Bool {
        let v = labels[name] ?? ""
        switch kind {
        case .equal: return v == value
        case .notEqual: return v != value
        case .regex: return compiled!.matches(v)
        case .notRegex: return !compiled!.matches(v)
        }
    }

    public var description: String { "\(name)\(kind.rawValue)\"\(value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))\"" }

    public static func == (a: LabelMatcher, b: LabelMatcher) -> Bool { a.name == b.name && a.kind == b.kind && a.value == b.value }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaping = false
        for c in s {
            if escaping { out.append(c == "n" ? "\n" : c); escaping = false } else if c == "\\" { escaping = true } else { out.append(c) }
        }
        return out
    }
}

public struct MatcherError: Error, Sendable { public var message: String; init(_ m: String) { message = m } }

/// A compiled regular expression (Swift Regex), shareable across tasks.
final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    init(_ pattern: String) throws { regex = try Regex(pattern) }
    func matches(_ s: String) -> Bool { (try? regex.wholeMatch(in: s)) != nil }
}
