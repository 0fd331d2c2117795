import Synchronization

/// Resumes a continuation exactly once, whoever comes first.
///
/// The value is handed over, not kept: the loser of the race (a timeout task that sleeps for the collector's whole
/// `timeout`) still holds this object, and a collection result kept here stayed resident until it woke — a million
/// samples, some 300 MB, for ten minutes after every run.
final class ResumeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        /// A value that arrived before `install` (handed over there).
        var early: T?
        var done = false
    }

    private let state = Mutex(State())

    func install(_ c: CheckedContinuation<T, Never>) {
        let early: T? = state.withLock { s in
            if let v = s.early {
                s.early = nil
                return v
            }
            s.continuation = c
            return nil
        }
        if let early { c.resume(returning: early) }
    }

    /// Returns true when this call resumed (or will resume) the continuation.
    @discardableResult
    func resume(_ value: T) -> Bool {
        let c: CheckedContinuation<T, Never>?? = state.withLock { s in
            if s.done { return .none }
            s.done = true
            let c = s.continuation
            s.continuation = nil
            if c == nil { s.early = value }
            return .some(c)
        }
        switch c {
        case .none: return false
        case .some(let cont): cont?.resume(returning: value); return true
        }
    }

    /// Whether a value is held (one that arrived before `install`); for tests.
    var holdsValue: Bool { state.withLock { $0.early != nil } }
}
