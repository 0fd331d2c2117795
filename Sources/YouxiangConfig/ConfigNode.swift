import Yams
import YouxiangCore

/// One node of a configuration document, with its key path and position, and typed accessors that record a
/// diagnostic (and return nil) when the node is not what was expected.
public struct ConfigNode: @unchecked Sendable {
    public let node: Node
    /// Key path from the root, e.g. `collectors[2].columns.enrolled`.
    public let path: String
    public let document: ConfigDocument

    public init(node: Node, path: String, document: ConfigDocument) {
        self.node = node
        self.path = path
        self.document = document
    }

    /// 1-based line of the node.
    public var line: Int { node.mark?.line ?? 0 }
    /// 1-based column of the node.
    public var column: Int { node.mark?.column ?? 0 }

    /// Records a diagnostic at this node.
    public func error(_ message: String) { document.report(self, message) }

    /// Whether the node is YAML null (`~`, `null`, or empty).
    public var isNull: Bool {
        if case let .scalar(s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
        return false
    }

    private var kind: String {
        switch node {
        case .scalar: return isNull ? "null" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The explicit core tag written on this node (`str`, `int`, `float`, `bool`, `null`, `seq`, `map`), if any.
    public var explicitTag: String? {
        guard let mark = node.mark, !document.tags.isEmpty else { return nil }
        return document.tags[YAMLLimits.key(line: mark.line, column: mark.column)]
    }

    /// False (with a diagnostic) when an explicit tag contradicts what the setting expects.
    func tagAllows(_ expected: Set<String>, _ what: String) -> Bool {
        guard let t = explicitTag, !expected.contains(t) else { return true }
        error("the YAML tag !!\(t) contradicts the expected \(what); remove the tag")
        return false
    }

    /// The scalar text; records "expected a string" otherwise. At most `YAMLLimits.maxStringBytes` bytes.
    public func string() -> String? {
        guard case let .scalar(s) = node, !isNull else { error("expected a string, found \(kind)"); return nil }
        guard tagAllows(["str"], "string") else { return nil }
        if s.string.utf8.count > YAMLLimits.maxStringBytes {
            error("the string has \(s.string.utf8.count) bytes; the limit is \(YAMLLimits.maxStringBytes)")
            return nil
        }
        return s.string
    }

    /// A string of at most `maxBytes` bytes (label values, HELP texts).
    public func string(maxBytes: Int, what: String) -> String? {
        guard let s = string() else { return nil }
        if s.utf8.count > maxBytes { error("the \(what) has \(s.utf8.count) bytes; the limit is \(maxBytes)"); return nil }
        return s
    }

    /// A non-empty string.
    public func nonEmptyString() -> String? {
        guard let s = string() else { return nil }
        if s.isEmpty { error("expected a non-empty string"); return nil }
        return s
    }

    /// The range of an integer setting that has none of its own: −1,000,000 to 1,000,000.
    public static let defaultIntRange = -1_000_000...1_000_000
    /// The range of a year setting: 1900 to 2100.
    public static let yearRange = 1900...2100
    /// The magnitude bound of a number setting that has no range of its own: 1e15.
    public static let maxMagnitude = 1e15

    /// An integer written in decimal, within `range` (default `defaultIntRange`).
    public func int(in range: ClosedRange<Int> = ConfigNode.defaultIntRange) -> Int? {
        guard case let .scalar(s) = node, !isNull, let v = Int(s.string) else { error("expected an integer, found \(describe)"); return nil }
        guard tagAllows(["int"], "integer") else { return nil }
        guard range.contains(v) else { error("expected an integer from \(range.lowerBound) to \(range.upperBound), found \(v)"); return nil }
        return v
    }

    /// A year (1900–2100).
    public func year() -> Int? { int(in: ConfigNode.yearRange) }

    /// A finite number (integer or decimal) of magnitude at most 1e15, within `range` when given; `positive` also
    /// refuses 0 and below.
    public func double(in range: ClosedRange<Double>? = nil, positive: Bool = false) -> Double? {
        guard case let .scalar(s) = node, !isNull, let v = Double(s.string), v.isFinite else {
            error("expected a number, found \(describe)"); return nil
        }
        guard tagAllows(["int", "float"], "number") else { return nil }
        guard abs(v) <= ConfigNode.maxMagnitude else { error("expected a number of magnitude at most 1e15, found \(s.string)"); return nil }
        if positive, v <= 0 { error("expected a number greater than 0, found \(s.string)"); return nil }
        if let range, !range.contains(v) { error("expected a number from \(range.lowerBound) to \(range.upperBound), found \(s.string)"); return nil }
        return v
    }

    /// `true` or `false`.
    public func bool() -> Bool? {
        guard case let .scalar(s) = node, !isNull else { error("expected true or false, found \(describe)"); return nil }
        guard tagAllows(["bool"], "true or false") else { return nil }
        switch s.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: error("expected true or false, found \(describe)"); return nil
        }
    }

    /// A duration such as `30s`, `5m`, `1h30m`, `250ms`, `1d` (Prometheus's syntax); must be positive.
    public func duration() -> Duration? {
        guard let text = string() else { return nil }
        guard let d = DurationParser.parse(text), d > .zero else {
            error("expected a positive duration such as 30s, 5m or 1h (at most 10y), found \"\(text)\"")
            return nil
        }
        return d
    }

    /// The items of a list.
    public func list() -> [ConfigNode]? {
        guard case let .sequence(seq) = node else { error("expected a list, found \(kind)"); return nil }
        guard tagAllows(["seq"], "list") else { return nil }
        return seq.enumerated().map { ConfigNode(node: $0.element, path: "\(path)[\($0.offset)]", document: document) }
    }

    /// A list of strings.
    public func stringList() -> [String]? {
        guard let items = list() else { return nil }
        let out = items.compactMap { $0.string() }
        return out.count == items.count ? out : nil
    }

    /// A mapping whose keys must all be in `allowed` (an unknown key is reported with its position and, when one is
    /// close, the allowed key it was probably meant to be).
    public func mapping(allowed: [String]) -> ConfigMapping? {
        guard let m = freeMapping() else { return nil }
        for (key, value) in m.entries where !allowed.contains(key) {
            var msg = "unknown key \"\(key)\""
            if let near = Suggest.closest(to: key, in: allowed) { msg += "; did you mean \"\(near)\"?" }
            msg += " (allowed: \(allowed.sorted().joined(separator: ", ")))"
            document.report(line: value.keyLine, column: value.keyColumn, path: value.path, msg)
        }
        return m
    }

    /// A mapping with arbitrary string keys (labels, column maps); keys are not checked.
    public func freeMapping() -> ConfigMapping? {
        guard case let .mapping(m) = node else { error("expected a mapping, found \(kind)"); return nil }
        guard tagAllows(["map"], "mapping") else { return nil }
        var entries: [(String, ConfigNode)] = []
        var seen = Set<String>()
        for (k, v) in m {
            guard let key = k.string, case .scalar = k else {
                document.report(line: k.mark?.line ?? 0, column: k.mark?.column ?? 0, path: path, "mapping keys must be strings")
                continue
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if !seen.insert(key).inserted {
                document.report(line: k.mark?.line ?? 0, column: k.mark?.column ?? 0, path: childPath, "duplicate key \"\(key)\"")
                continue
            }
            var child = ConfigNode(node: v, path: childPath, document: document)
            child.keyMark = k.mark
            entries.append((key, child))
        }
        return ConfigMapping(node: self, entries: entries)
    }

    var keyMark: Mark?
    /// Position of the key this node is the value of (falls back to the node's own position).
    public var keyLine: Int { keyMark?.line ?? line }
    public var keyColumn: Int { keyMark?.column ?? column }

    private var describe: String {
        if case let .scalar(s) = node, !isNull { return "\"\(s.string)\"" }
        return kind
    }
}
