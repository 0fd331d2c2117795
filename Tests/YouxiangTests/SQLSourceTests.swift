import Foundation
import Testing
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime

/// A real PostgreSQL 15 in a temp folder on a free loopback port, started with `initdb`/`pg_ctl` as the `postgres`
/// user (PostgreSQL refuses root), password authentication (scram-sha-256), stopped by `pg_ctl stop`.
final class PostgresServer: @unchecked Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    let dir: String
    let port: Int
    let password = "pw-\(UUID().uuidString.prefix(8))"

    init() throws {
        dir = NSTemporaryDirectory() + "youxiang-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try password.write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        port = try Self.freePort()
        if getuid() == 0 { try Self.run("/bin/chown", ["-R", "postgres:postgres", dir]) }
        try asPostgres(
            Self.bin + "/initdb",
            [
                "-D", dir + "/data", "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + dir + "/pw",
                "-E", "UTF8", "--locale=C",
            ])
        try asPostgres(
            Self.bin + "/pg_ctl",
            [
                "-D", dir + "/data", "-l", dir + "/log", "-w", "-t", "60",
                "-o", "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1", "start",
            ])
    }

    func stop() {
        try? asPostgres(Self.bin + "/pg_ctl", ["-D", dir + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func asPostgres(_ tool: String, _ args: [String]) throws {
        if getuid() == 0 { try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + args) } else { try Self.run(tool, args) }
    }

    /// Runs SQL with psql (as a client, over TCP with the password).
    func psql(_ sql: String) throws {
        let file = dir + "/load-\(UUID().uuidString).sql"
        try sql.write(toFile: file, atomically: true, encoding: .utf8)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres", file]) }
        try Self.run(
            "/usr/bin/psql", ["-v", "ON_ERROR_STOP=1", "-q", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-f", file],
            env: ["PGPASSWORD": password])
    }

    /// Runs `tool` through `/bin/sh` with `system()`, stdin/stdout from/to /dev/null and stderr to a file (read for
    /// the error). Not Foundation's Process: its exit monitoring hung here once pg_ctl had started the server.
    static func run(_ tool: String, _ args: [String], env: [String: String] = [:]) throws {
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let errPath = NSTemporaryDirectory() + "youxiang-run-\(UUID().uuidString).err"
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let envPart = env.map { "\($0.key)=\(q($0.value))" }.joined(separator: " ")
        let command = "\(envPart) \(q(tool)) \(args.map(q).joined(separator: " ")) </dev/null >/dev/null 2>\(q(errPath))"
        let status = system(command)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw RunError(message: "\(tool) \(args.joined(separator: " ")) exited \(status): \(text)")
        }
    }

    struct RunError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// `sql` sources against a real PostgreSQL: the shipped digital-infrastructure data loaded into tables gives the same
/// series as the CSV files; a database that is down, a wrong password, a query that hangs and a missing column each
/// fail that source only, with a clear message and without the password.
@Suite(.serialized) struct SQLSourceTests {
    /// `CREATE TABLE name (year int, "<header>" text, …)` and the rows of `files` (year, path).
    static func load(_ table: String, _ files: [(Int?, String)]) throws -> String {
        var sql = ""
        for (i, (year, path)) in files.enumerated() {
            let csv = try PlainCSV.table(path)
            if i == 0 {
                sql += "CREATE TABLE \(table) (year int, " + csv.header.map { "\"\($0)\" text" }.joined(separator: ", ") + ");\n"
            }
            for row in csv.rows {
                let values = row.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
                sql += "INSERT INTO \(table) VALUES (\(year.map(String.init) ?? "NULL"), \(values.joined(separator: ", ")));\n"
            }
        }
        return sql
    }

    /// The example with both CSV sources read from `server` by the queries `campuses` and `aiLabs` (YAML flow
    /// mappings' contents); the AI labs optionally from another port or with another password file.
    static func config(
        _ server: PostgresServer, campuses: String, aiLabs: String, dir: String,
        aiLabsPort: Int? = nil, aiLabsPassword: String? = nil
    ) throws -> String {
        let conn = "host: 127.0.0.1, port: \(server.port), user: postgres, database: postgres, password_file: \(server.dir)/pw"
        return try CSVComparison.config(
            campuses: "sql: {\(conn), \(campuses)}",
            labs: "sql: {host: 127.0.0.1, port: \(aiLabsPort ?? server.port), user: postgres, database: postgres, "
                + "password_file: \(aiLabsPassword ?? server.dir + "/pw"), \(aiLabs)}",
            dir: dir)
    }

    /// Runs blocking work (initdb, pg_ctl, psql) on its own thread, so the test does not hold a thread of the shared
    /// concurrency pool (on two cores, other suites' timing depends on it).
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in Thread { c.resume(with: Result { try work() }) }.start() }
    }

    @Test func sameSeriesAsTheCSVsAndClearErrorsPerSource() async throws {
        let server = try await Self.offPool {
            let s = try PostgresServer()
            do {
                try s.psql(
                    try Self.load("campus_network", CSVComparison.campusYears.map { (y: Int) -> (Int?, String) in (y, CSVComparison.campusFile(y)) })
                        + Self.load("ai_labs", [(nil, CSVComparison.labsFile)]))
            } catch {
                s.stop()
                throw error
            }
            return s
        }
        defer { server.stop() }
        let dir = server.dir
        let campuses = "query: 'SELECT * FROM campus_network WHERE year = $1', years: [2022, 2023, 2024, 2025]"

        // The same series as the CSV files.
        let sqlConfig = try Self.config(server, campuses: campuses, aiLabs: "query: 'SELECT * FROM ai_labs'", dir: dir)
        #expect(try String(contentsOfFile: sqlConfig, encoding: .utf8).contains("sql: {"))
        let csv = try await CSVComparison.collect(CSVComparison.example)
        let sql = try await CSVComparison.collect(sqlConfig)
        #expect(sql.errors == [], "\(sql.errors.prefix(5))")
        #expect(!csv.samples.isEmpty)
        #expect(sql.rows == csv.rows)
        #expect(
            sql.samples == csv.samples,
            "\(csv.difference(sql, "CSV", "SQL"))")

        // Failures of the ai_labs source only: the campus series stay.
        func failing(_ aiLabs: String, port: Int? = nil, password: String? = nil, _ want: String) async throws {
            let path = try Self.config(server, campuses: campuses, aiLabs: aiLabs, dir: dir, aiLabsPort: port, aiLabsPassword: password)
            let r = try await CSVComparison.collect(path)
            #expect(r.errors.count == 1, "\(r.errors)")
            #expect(r.errors.first?.contains(want) == true, "want \(want): \(r.errors)")
            #expect(r.errors.allSatisfy { !$0.contains(server.password) })
            #expect(r.samples.contains { $0.family == "eduplan_school_5g_coverage_ratio" }, "the other source's series must stay")
        }
        try await failing("query: 'SELECT * FROM ai_labs'", port: try PostgresServer.freePort(), "connection refused: is the database running")
        try await failing("query: 'SELECT pg_sleep(30), * FROM ai_labs', statement_timeout: 300ms", "canceling statement due to statement timeout")
        try await failing(
            "query: 'SELECT \"实验室名称\", \"学校标识码\", \"建成年份\" FROM ai_labs'",
            "column \"是否高标准\" (field high_standard) not found; columns present: 实验室名称, 学校标识码, 建成年份")
        try "wrong-password".write(toFile: dir + "/wrong", atomically: true, encoding: .utf8)
        try await failing("query: 'SELECT * FROM ai_labs'", password: dir + "/wrong", "password authentication failed")
    }
}
