import Foundation
import Logging
import NIOCore
import PostgresNIO
import YouxiangCore
import YouxiangIngest

/// A `sql` source: one query against a PostgreSQL-compatible database (PostgreSQL, KingbaseES, openGauss, HighGo),
/// its result rows mapped by column name like CSV headers.
///
/// ```yaml
/// sql:
///   host: 127.0.0.1
///   port: 5432
///   database: edu
///   user: youxiang_reader
///   password_file: /etc/youxiang/db.password   # or password_env: YOUXIANG_DB_PASSWORD; never logged
///   query: SELECT * FROM kindergartens WHERE school_year = $1
///   years: [2022, 2023, 2024, 2025]            # the query runs once per year with $1 = the year …
///   # year_column: 学年                        # … or once, each row's year from this column
///   statement_timeout: 30s                      # default 30s
///   connect_timeout: 10s                        # default 10s
/// ```
///
/// Each run opens one connection, starts a `READ ONLY` transaction, sets `statement_timeout` for it, runs the query,
/// rolls back and closes. Errors (database down, authentication, a query cancelled by the timeout, a missing column)
/// fail this source only, with the database's own message and without the password.
public struct SQLSource: Sendable {
    public var host: String
    public var port: Int
    public var database: String?
    public var user: String
    /// The password as read at load time (from `password_file` or `password_env`); nil: none.
    var password: String?
    public var query: String
    /// Years to run the query for, with the year as `$1`; empty: run once.
    public var years: [Int]
    /// The column holding each row's year (when `years` is empty).
    public var yearColumn: String?
    public var statementTimeout: Duration
    public var connectTimeout: Duration

    public init(
        host: String, port: Int, database: String?, user: String, password: String?, query: String,
        years: [Int], yearColumn: String?, statementTimeout: Duration, connectTimeout: Duration
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.query = query
        self.years = years
        self.yearColumn = yearColumn
        self.statementTimeout = statementTimeout
        self.connectTimeout = connectTimeout
    }

    /// How the source is named in diagnostics: `sql:user@host:port/database`.
    public var displayName: String { "sql:\(user)@\(host):\(port)/\(database ?? user)" }

    /// Runs the query (with `year` as `$1` when given) and returns the result as texts by column name.
    ///
    /// Blocks the calling thread on the database's event loop (the file readers block on the disk the same way);
    /// the collector's own timeout still applies around it.
    func fetch(year: Int?) throws(IngestDiagnostic) -> (columns: [String], records: [[String?]]) {
        var config = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password,
            database: database, tls: .disable)
        config.options.connectTimeout = .nanoseconds(
            Int64(connectTimeout.components.seconds) * 1_000_000_000
                + connectTimeout.components.attoseconds / 1_000_000_000)
        let logger = Logger(label: "youxiang.sql", factory: { _ in SwiftLogNoOpLogHandler() })
        let ms = max(1, Int(statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000))
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: config,
                id: 1, logger: logger
            ).wait()
        } catch {
            throw IngestDiagnostic(file: displayName, line: 0, message: "cannot connect to \(host):\(port): \(Self.connectFailure(error))")
        }
        defer { try? connection.close().wait() }
        do {
            _ = try connection.query("BEGIN TRANSACTION READ ONLY", logger: logger).wait()
            _ = try connection.query(PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = \(ms)"), logger: logger).wait()
            var binds = PostgresBindings()
            if let year { binds.append(year) }
            // Row by row as they arrive (PostgresNIO's collect-all `query(…).wait()` copies its growing row array at
            // every network read: quadratic, 33 s for a million rows in the benchmark).
            let collected = CollectedRows()
            _ = try connection.query(PostgresQuery(unsafeSQL: query, binds: binds), logger: logger) { row in
                if collected.columns.isEmpty { collected.columns = row.map(\.columnName) }
                collected.records.append(row.map(Self.text))
            }.wait()
            _ = try? connection.query("ROLLBACK", logger: logger).wait()
            return (collected.columns, collected.records)
        } catch {
            let what = year.map { " (year \($0))" } ?? ""
            throw IngestDiagnostic(file: displayName, line: 0, message: "query failed\(what): \(Self.describe(error))")
        }
    }

    /// The rows of one query as texts. Filled only on the connection's event loop (one row after another) and read
    /// after the query's future completed, hence `@unchecked Sendable`.
    private final class CollectedRows: @unchecked Sendable {
        var columns: [String] = []
        var records: [[String?]] = []
    }

    /// A cell as text: numbers in their shortest form, booleans `true`/`false`, dates `yyyy-mm-dd`, NULL nil.
    static func text(_ cell: PostgresCell) -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return (try? cell.decode(Int.self)).map(String.init)
        case .float4, .float8:
            guard let v = try? cell.decode(Double.self) else { return nil }
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        case .numeric: return (try? cell.decode(Decimal.self)).map { "\($0)" }
        case .bool: return (try? cell.decode(Bool.self)).map { $0 ? "true" : "false" }
        case .date, .timestamp, .timestamptz:
            guard let d = try? cell.decode(Date.self) else { return nil }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: d)
        default: return try? cell.decode(String.self)
        }
    }

    /// The database's message (PSQLError hides it from `description` on purpose); never the password.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? PSQLError else { return "\(error)" }
        var parts: [String] = []
        if let m = e.serverInfo?[.message] {
            parts.append(m)
            if let state = e.serverInfo?[.sqlState] { parts.append("SQLSTATE \(state)") }
        } else if let u = e.underlying, let plain = plainNetworkError("\(u)") {
            return plain
        } else {
            parts.append(e.code.description)
        }
        if let u = e.underlying { parts.append("\(u)") }
        return parts.joined(separator: "; ")
    }

    /// The common network failures in plain words (``NetworkFailure``, shared with the `http` source and the
    /// notifier; NIO's own text names its internal types: `SingleConnectionFailure(…)`, `connection reset (error set):
    /// …`); nil for anything else, which is then shown as NIO words it.
    static func plainNetworkError(_ text: String) -> String? {
        guard let failure = NetworkFailure(text) else { return nil }
        return failure == .refused ? "connection refused: is the database running and listening on that host and port?" : failure.words()
    }
}
