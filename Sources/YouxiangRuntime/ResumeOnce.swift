import Synchronization

/// Resumes a continuation exactly once, whoever comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<(CheckedContinuation<T, Never>?, T?)>((nil, nil))

    func install(_ c: CheckedContinuation<T, Never>) {
        let early: T? = state.withLock { s in
            if let v = s.1 { return v }
            s.0 = c
            return nil
        }
        if let early { c.resume(returning: early) }
    }

    /// Returns true when this call resumed (or will resume) the continuation.
    @discardableResult
    func resume(_ value: T) -> Bool {
        let c: CheckedContinuation<T, Never>?? = state.withLock { s in
            if s.1 != nil { return .none }
            s.1 = value
            let c = s.0
            s.0 = nil
            return .some(c)
        }
        switch c {
        case .none: return false
        case .some(let cont): cont?.resume(returning: value); return true
        }
    }
}
