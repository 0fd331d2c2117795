/// The state of one alert, as in Prometheus: pending while its condition holds for less than `for`, firing after,
/// inactive (resolved) once it stops holding (after `keep_firing_for`).
public enum AlertState: String, Sendable, Codable {
    case pending, firing, inactive

    /// The word receivers (Alertmanager, webhooks) use for the state: `firing`, `resolved` for inactive, `pending`.
    public var receiverWord: String { self == .inactive ? "resolved" : rawValue }

    /// The state a receiver's word names (`resolved` is inactive); nil for another word.
    public init?(receiverWord: String) {
        if receiverWord == "resolved" { self = .inactive } else { self.init(rawValue: receiverWord) }
    }
}
