/// A change worth telling someone about.
public enum AlertTransition: Sendable, Equatable {
    case pending(AlertInstance)
    case fired(AlertInstance)
    case resolved(AlertInstance)
    /// A firing alert's data disappeared; it stays firing, marked stale.
    case becameStale(AlertInstance)

    public var instance: AlertInstance {
        switch self {
        case .pending(let a), .fired(let a), .resolved(let a), .becameStale(let a): return a
        }
    }
}
