import YouxiangCore

/// The exposition formats the daemon serves.
public enum ExpositionFormat: Sendable, Equatable {
    /// Prometheus text format 0.0.4 (the default).
    case text
    /// OpenMetrics 1.0.0 text (`# EOF`-terminated, its own HELP escaping, `info` and `# UNIT`).
    case openMetrics

    /// The `Content-Type` header for a response in this format.
    public var contentType: String {
        switch self {
        case .text: return "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// Chooses a format from an HTTP `Accept` header by its `q` values: OpenMetrics when
    /// `application/openmetrics-text` is acceptable and ranked at least as high as any text alternative
    /// (`text/plain`, `text/*`, `*/*`); otherwise text 0.0.4. A missing or unparsable header gives text.
    public static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept, !accept.isEmpty else { return .text }
        var om = -1.0
        var text = -1.0
        for part in accept.split(separator: ",") {
            let params = part.split(separator: ";").map { $0.trimmingSpaces }
            guard let type = params.first?.lowercased() else { continue }
            var q = 1.0
            for p in params.dropFirst() where p.lowercased().hasPrefix("q=") {
                q = Double(p.dropFirst(2)) ?? 0
            }
            switch type {
            case "application/openmetrics-text": om = max(om, q)
            case "text/plain", "text/*", "*/*": text = max(text, q)
            default: break
            }
        }
        return (om > 0 && om >= text) ? .openMetrics : .text
    }
}
