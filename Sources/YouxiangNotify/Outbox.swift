import Foundation
import GRDB
import YouxiangAlerting
import YouxiangCore

/// The durable outbox and state store: SQLite (GRDB, WAL) in `--storage.path`.
///
/// Every notification is committed here — in the same transaction as the alert and dispatcher states that produced
/// it — before any attempt to send it, so a crash loses nothing and a restart re-pages nobody. Each receiver's queue
/// is sent in order (a firing notice before its resolution). Rows: `queued` → `sent`, or `dead` (rejected by the
/// receiver with a 4xx, or older than the receiver's `max_age`).
public final class Outbox: Sendable {
    let db: DatabaseQueue
    public let path: String

    /// Opens (creating) `<directory>/youxiang.db`.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/youxiang.db"
        var config = Configuration()
        config.busyMode = .timeout(5)
        db = try DatabaseQueue(path: path, configuration: config)
        try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode=WAL") }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL,
                      receiver TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      payload BLOB NOT NULL,
                      created_at REAL NOT NULL,
                      next_attempt_at REAL NOT NULL,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      status TEXT NOT NULL DEFAULT 'queued',
                      last_error TEXT,
                      sent_at REAL,
                      UNIQUE(receiver, id));
                    CREATE INDEX notification_queue ON notification(receiver, status, seq);
                    CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                    """)
        }
        try migrator.migrate(db)
    }

    /// Commits notifications and states together. A notification whose (receiver, id) is already stored is not
    /// stored again; a queued `refresh` for the same receiver is replaced by a newer one.
    public func commit(_ notifications: [AlertNotification], states: [String: Data]) throws {
        let encoder = JSONEncoder()
        try db.write { db in
            for n in notifications {
                if n.kind == .refresh {
                    try db.execute(
                        sql: "DELETE FROM notification WHERE receiver = ? AND kind = 'refresh' AND status = 'queued' AND attempts = 0",
                        arguments: [n.receiver])
                }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO notification (id, receiver, kind, payload, created_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [n.id, n.receiver, n.kind.rawValue, try encoder.encode(n), n.createdAt.seconds, n.createdAt.seconds])
            }
            for (k, v) in states {
                try db.execute(
                    sql: "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [k, v])
            }
        }
    }

    /// A stored state, or nil.
    public func state(_ key: String) throws -> Data? {
        try db.read { db in try Data.fetchOne(db, sql: "SELECT value FROM state WHERE key = ?", arguments: [key]) }
    }

    /// A queued notification and its delivery bookkeeping.
    public struct Entry: Sendable {
        public var seq: Int64
        public var notification: AlertNotification
        public var attempts: Int
        public var nextAttemptAt: UnixTime
    }

    /// The oldest queued notification of `receiver` (the head of its queue), or nil.
    public func head(receiver: String) throws -> Entry? {
        try db.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT seq, payload, attempts, next_attempt_at FROM notification
                        WHERE receiver = ? AND status = 'queued' ORDER BY seq LIMIT 1
                        """, arguments: [receiver])
            else { return nil }
            let n = try JSONDecoder().decode(AlertNotification.self, from: row["payload"] as Data)
            return Entry(seq: row["seq"], notification: n, attempts: row["attempts"], nextAttemptAt: UnixTime(seconds: row["next_attempt_at"]))
        }
    }

    public func markSent(_ seq: Int64, at now: UnixTime) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE notification SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE seq = ?", arguments: [now.seconds, seq])
        }
    }

    public func markRetry(_ seq: Int64, error: String, next: UnixTime) throws {
        try db.write { db in
            try db.execute(
                sql: "UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?",
                arguments: [error, next.seconds, seq])
        }
    }

    public func markDead(_ seq: Int64, error: String) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE notification SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE seq = ?", arguments: [error, seq])
        }
    }

    /// Queued notifications per receiver.
    public func queuedCounts() throws -> [String: Int] {
        try db.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT receiver, COUNT(*) AS n FROM notification WHERE status = 'queued' GROUP BY receiver") {
                out[row["receiver"]] = row["n"]
            }
            return out
        }
    }

    /// Deletes sent and dead rows created before `cutoff` (the table does not grow without bound).
    public func prune(olderThan cutoff: UnixTime) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM notification WHERE status IN ('sent', 'dead') AND created_at < ?", arguments: [cutoff.seconds])
        }
    }
}
