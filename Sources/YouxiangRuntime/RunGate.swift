import Synchronization

/// Whether a collector's previous run is still executing (a source that never answers keeps its thread).
/// A new run is refused while one is in flight, so a hung source costs one thread, not one per interval.
public final class RunGate: Sendable {
    private let busy = Mutex(false)
    public init() {}
    func enter() -> Bool {
        busy.withLock { b in
            if b { return false }; b = true; return true
        }
    }
    func leave() { busy.withLock { $0 = false } }
}
