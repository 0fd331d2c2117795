import Synchronization

/// A lock-protected slot holding the current `Exposition`; readers never wait on collection.
public final class PublishedExposition: Sendable {
    private let slot = Mutex((exposition: Exposition(), generation: UInt64(0)))
    public init() {}
    public var current: Exposition { slot.withLock { $0.exposition } }
    /// The current exposition with its publication number (0 before the first publication, then +1 per publication):
    /// equal numbers mean the same exposition (the office pages' cache key).
    public var versioned: (exposition: Exposition, generation: UInt64) { slot.withLock { $0 } }
    func publish(_ e: Exposition) { slot.withLock { $0 = (e, $0.generation &+ 1) } }
}
