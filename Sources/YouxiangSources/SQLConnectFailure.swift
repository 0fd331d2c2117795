import PostgresNIO
import YouxiangCore

extension SQLSource {
    /// Why connecting to `host:port` failed, in plain words with what to check; the caller prefixes
    /// `cannot connect to host:port: `.
    ///
    /// - A network failure (refused, no route, DNS, timeout, reset) in ``NetworkFailure``'s words.
    /// - PostgresNIO's `serverClosedConnection` (something at that address accepted the connection, then closed it
    ///   before PostgreSQL's start-up finished: another service on that port, a proxy or firewall, or a server that
    ///   refuses this client) as exactly that, with the network reason when there is one. A reset or an early close
    ///   of the connection while connecting is the same event seen a moment later (the client's start-up message
    ///   met the closed socket), so it is worded the same, with the reset as the reason.
    /// - The server's own message (wrong password, unknown database) as ``describe(_:)`` gives it.
    static func connectFailure(_ error: any Error) -> String {
        var reason = ""
        if let e = error as? PSQLError, e.serverInfo?[.message] == nil, e.code == .serverClosedConnection {
            if let u = e.underlying { reason = " (" + (NetworkFailure(u)?.words() ?? "\(u)") + ")" }
        } else if let n = Self.resetWhileConnecting(error) {
            reason = " (" + n.words() + ")"
        } else {
            return describe(error)
        }
        return "the server closed the connection before PostgreSQL's start-up finished\(reason); check that this host "
            + "and port are a PostgreSQL server (not another service or a proxy), and that it accepts this client "
            + "(pg_hba.conf, max_connections, listen_addresses)"
    }

    /// A reset or early close of the connection, in `error` itself or in the `PSQLError`'s underlying error (a
    /// `PSQLError` without a server message); nil for anything else.
    static func resetWhileConnecting(_ error: any Error) -> NetworkFailure? {
        let inner: any Error
        if let e = error as? PSQLError {
            guard e.serverInfo?[.message] == nil, let u = e.underlying else { return nil }
            inner = u
        } else {
            inner = error
        }
        guard let n = NetworkFailure(inner), n == .reset || n == .closedEarly else { return nil }
        return n
    }
}
