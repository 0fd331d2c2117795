/// What a delivery attempt came to.
public enum SendOutcome: Sendable, Equatable {
    case delivered
    /// Try again later (5xx, 429, 408, a chat robot's rate limit, a network error).
    case retry(String)
    /// Never retry (4xx, a chat robot's permanent error code): dead-lettered.
    case reject(String)
}
