/// A mapping node's entries, in document order.
public struct ConfigMapping: @unchecked Sendable {
    public let node: ConfigNode
    public let entries: [(String, ConfigNode)]

    /// The value of `key`, or nil (no diagnostic).
    public func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.0 == key }?.1
    }

    /// The value of `key`; when absent, records "missing required key" at the mapping.
    public func required(_ key: String) -> ConfigNode? {
        if let v = optional(key) { return v }
        let at = node.path.isEmpty ? key : "\(node.path).\(key)"
        node.document.report(line: node.line, column: node.column, path: at, "missing required key \"\(key)\"")
        return nil
    }

    /// All values as strings (for label and column maps), each at most `YAMLLimits.maxLabelValueBytes` bytes.
    public func stringValues() -> [(String, String)] {
        entries.compactMap { k, v in v.string(maxBytes: YAMLLimits.maxLabelValueBytes, what: "value").map { (k, $0) } }
    }
}
