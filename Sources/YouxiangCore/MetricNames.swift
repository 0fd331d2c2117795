/// Validation of names against the Prometheus data model.
public enum MetricNames {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`, without colons (reserved for recording rules).
    public static func isValidMetricName(_ s: String) -> Bool {
        guard let first = s.utf8.first, !s.isEmpty else { return false }
        if isDigit(first) { return false }
        return s.utf8.allSatisfy { isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved).
    public static func isValidLabelName(_ s: String) -> Bool {
        guard isValidMetricName(s) else { return false }
        return !s.hasPrefix("__")
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
