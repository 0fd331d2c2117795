/// A threshold rule on any series: `metric{matchers} op threshold`, with templated labels and annotations.
public struct ThresholdRule: Sendable {
    public var metric: String
    public var matchers: [LabelMatcher]
    public var op: ThresholdOp
    public var threshold: Double
    public var labelTemplates: [String: Template]
    public var annotationTemplates: [String: Template]

    public init(
        metric: String, matchers: [LabelMatcher], op: ThresholdOp, threshold: Double,
        labelTemplates: [String: Template], annotationTemplates: [String: Template]
    ) {
        self.metric = metric
        self.matchers = matchers
        self.op = op
        self.threshold = threshold
        self.labelTemplates = labelTemplates
        self.annotationTemplates = annotationTemplates
    }

    /// The PromQL expression, e.g. `eduplan_x{level="primary"} > 0.5`.
    public var promQL: String {
        metric + (matchers.isEmpty ? "" : "{" + matchers.map(\.description).joined(separator: ",") + "}") + " \(op.promQL) \(ValueText.shortest(threshold))"
    }
}

/// A comparison for threshold rules.
public enum ThresholdOp: String, Sendable, CaseIterable {
    case gt, ge, lt, le, eq, ne

    public func holds(_ v: Double, _ t: Double) -> Bool {
        switch self {
        case .gt: return v > t
        case .ge: return v >= t
        case .lt: return v < t
        case .le: return v <= t
        case .eq: return v == t
        case .ne: return v != t
        }
    }

    /// The PromQL operator.
    public var promQL: String {
        switch self {
        case .gt: return ">"
        case .ge: return ">="
        case .lt: return "<"
        case .le: return "<="
        case .eq: return "=="
        case .ne: return "!="
        }
    }
}
