import YouxiangCore

/// The outcome of one criterion for one year at one scope: the district (per level, resource, weighting) or one
/// institution (`school_id`).
struct Verdict: Sendable {
    /// `assessment`, `criterion`, `level`, `year`, and where it applies `resource`, `weighting`, `school_id`.
    var labels: Labels
    /// The measured value; nil when it cannot be measured (then `met` is nil too, unless decided without it).
    var value: Double?
    /// Whether the criterion is met; nil when unknown.
    var met: Bool?
    /// The threshold the value was compared with.
    var threshold: Double
    /// Why the value is unknown (empty when it is measured from complete inputs).
    var reasons: [String] = []
    /// The institution's name, for messages (empty for the district).
    var institution: String = ""
    /// The threshold is a required share of institutions or classes meeting the standard, compared with ≥ whatever
    /// the criterion's own comparator (the threshold series then carries `op="ge"`).
    var shareThreshold = false

    var isDistrict: Bool { labels["school_id"] == nil }
}
