import YouxiangCore

/// A delivery attempt that got no answer, in plain words naming the receiver and the URL, for the log and the
/// outbox row: `receiver office (http://127.0.0.1:9093/api/v2/alerts): connection refused; nothing accepts connections
/// there: is the receiver running, is the URL's port right?`. The failure's kind comes from ``NetworkFailure`` (the
/// routine the `sql` and `http` sources use too); an error of no known kind is shown as its library words it.
enum TransportFailure {
    /// `error` from posting to `url` (its query, where chat robots' tokens live, left out) for `receiver`, whose
    /// attempt was allowed `timeout`.
    static func describe(_ error: any Error, receiver: String, url: String, timeout: Duration) -> String {
        let head = "receiver \(receiver) (\(Senders.redacted(url))): "
        guard let failure = NetworkFailure(error) else { return head + "sending failed: \(type(of: error)): \(error)" }
        let advice: String
        switch failure {
        case .refused: advice = "nothing accepts connections there: is the receiver running, is the URL's port right?"
        case .reset: advice = "the receiver or a proxy on the way dropped the connection"
        case .timedOut: advice = "the receiver is slow or hung (raise the receiver's timeout: if it is known to be slow)"
        case .tls: advice = "is the URL's port a TLS port, and does this machine trust the receiver's certificate?"
        case .hostUnknown: advice = "check the URL's host name"
        case .unreachable: advice = "check the network route to the receiver"
        case .closedEarly: advice = "the receiver closed the connection without a complete answer"
        }
        return head + failure.words(timeout: timeout) + "; " + advice
    }
}
