import Synchronization

/// A lock-protected slot holding the current `Exposition`; readers never wait on collection.
public final class PublishedExposition: Sendable {
    private let slot = Mutex(Exposition())
    public init() {}
    public var current: Exposition { slot.withLock { $0 } }
    func publish(_ e: Exposition) { slot.withLock { $0 = e } }
}
