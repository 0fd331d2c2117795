/// A label set: unique label names, kept sorted by name, as the Prometheus data model requires.
///
/// Shape: `[(name, value)]` sorted by `name`. Building one from pairs with a repeated name keeps the *first* value,
/// so callers decide precedence by order (collector labels before external labels).
public struct Labels: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The pairs, sorted by name, names unique.
    public private(set) var pairs: [Label]

    /// One label pair.
    public struct Label: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    /// The empty label set.
    public init() { pairs = [] }

    /// Builds a label set from pairs in any order; on a repeated name the first occurrence wins.
    public init(_ list: [(String, String)]) {
        var seen = Set<String>()
        var out: [Label] = []
        out.reserveCapacity(list.count)
        for (n, v) in list where seen.insert(n).inserted { out.append(Label(n, v)) }
        out.sort { $0.name < $1.name }
        pairs = out
    }

    /// A label set from pairs already sorted by name with unique names (the columns of a snapshot).
    init(sortedUnique pairs: [Label]) { self.pairs = pairs }

    /// Builds a label set from a dictionary.
    public init(_ dict: [String: String]) { self.init(dict.map { ($0.key, $0.value) }) }

    /// The value of `name`, or nil; setting nil removes the label, setting a value adds or replaces it.
    public subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set { self = newValue.map { setting(name, $0) } ?? removing(name) }
    }

    /// A copy with `name` set to `value` (replacing any existing value).
    public func setting(_ name: String, _ value: String) -> Labels {
        var copy = self
        if let i = copy.pairs.firstIndex(where: { $0.name == name }) {
            copy.pairs[i].value = value
        } else {
            let at = copy.pairs.firstIndex { $0.name > name } ?? copy.pairs.endIndex
            copy.pairs.insert(Label(name, value), at: at)
        }
        return copy
    }

    /// A copy with every pair of `other` added whose name is not already present here.
    public func merging(missing other: Labels) -> Labels {
        if other.pairs.isEmpty { return self }
        var copy = self
        for p in other.pairs where copy[p.name] == nil { copy = copy.setting(p.name, p.value) }
        return copy
    }

    /// A copy without `name`.
    public func removing(_ name: String) -> Labels {
        var copy = self
        copy.pairs.removeAll { $0.name == name }
        return copy
    }

    /// True when every pair of `matchers` is present here with the same value.
    public func contains(_ matchers: Labels) -> Bool {
        matchers.pairs.allSatisfy { self[$0.name] == $0.value }
    }

    public var isEmpty: Bool { pairs.isEmpty }

    public static func < (a: Labels, b: Labels) -> Bool {
        for (x, y) in zip(a.pairs, b.pairs) {
            if x.name != y.name { return x.name < y.name }
            if x.value != y.value { return x.value < y.value }
        }
        return a.pairs.count < b.pairs.count
    }

    /// `{a="1",b="2"}` without escaping; for logs and diagnostics only (the exposition writer escapes).
    public var description: String {
        "{" + pairs.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
    }
}

extension Labels: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }
}
