import Synchronization

/// A lock-protected slot holding the current `Exposition`; readers never wait on collection.
public final class PublishedExposition: Sendable {
    private let slot = Mutex((exposition: Exposition(), generation: UInt64(0)))
    public init() {}
    public var current: Exposition { slot.withLock { $0.exposition } }
    /// The current exposition with its publication number (0 before the first publication, then +1 per publication):
    /// equal numbers mean the same exposition (the office pages' cache key).
    public var versioned: (exposition: Exposition, generation: UInt64) { slot.withLock { $0 } }
    /// Replaces the current exposition. The replaced one is released after the lock is let go: its last release frees
    /// a whole snapshot and its renderings, which must not hold up scrapes reading `current` (the publisher runs at
    /// lowered priority, on the `BackgroundExecutor`).
    func publish(_ e: Exposition) {
        let replaced = slot.withLock { s -> Exposition in
            let old = s.exposition
            s = (e, s.generation &+ 1)
            return old
        }
        _ = consume replaced
    }
}
