/// What one evaluation saw for one element of a rule.
public enum Observation: Sendable, Equatable {
    /// The condition holds; `annotations` are rendered for this value.
    case active(value: Double, annotations: [String: String])
    /// There is data and the condition does not hold.
    case inactive(value: Double)
    /// The data cannot be judged (its inputs were not read completely): the element neither fires nor resolves. A
    /// pending element keeps its timer but does not fire; a firing one keeps firing (not stale, so `stale_limit`
    /// does not resolve it either); an unknown one is not created.
    case held
}
