import Foundation
import GRDB
import Logging

/// What `Outbox.openRecovering` did with a damaged state store.
public struct StoreRecovery: Sendable {
    /// Where the damaged database was moved.
    public var movedTo: String
    /// Why it could not be used (SQLite's or the migrator's error).
    public var reason: String
}

extension Outbox {
    /// Opens `<directory>/youxiang.db`; a database that is corrupt, unreadable, not ours or of a schema this version does
    /// not know is moved aside as `youxiang.db.damaged-<UTC time>` (with its `-wal` and `-shm` files), logged as an
    /// error, and a new empty one is created: the daemon starts with empty state (it re-evaluates and re-notifies what
    /// is firing) rather than not at all.
    /// - Throws: only when the folder cannot hold a new database either (not writable, disk full).
    public static func openRecovering(
        directory: String, logger: Logger,
        now: Date = Date()
    ) throws -> (outbox: Outbox, recovery: StoreRecovery?) {
        do {
            let o = try Outbox(directory: directory)
            try o.verify()
            return (o, nil)
        } catch {
            let reason = "\(error)"
            let path = directory + "/youxiang.db"
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            let target = "\(path).damaged-\(f.string(from: now))"
            let fm = FileManager.default
            guard fm.fileExists(atPath: path) else { throw error }
            try fm.moveItem(atPath: path, toPath: target)
            for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                try? fm.moveItem(atPath: path + suffix, toPath: target + suffix)
            }
            logger.error(
                "state store unusable; moved aside, starting with empty state",
                metadata: ["path": .string(path), "moved_to": .string(target), "error": .string(reason)])
            let o = try Outbox(directory: directory)
            return (o, StoreRecovery(movedTo: target, reason: reason))
        }
    }

    /// Checks that the database is sound and holds exactly the schema this version writes: SQLite's `quick_check`,
    /// then the tables and columns.
    func verify() throws {
        try db.read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else { throw StoreDamage("quick_check: \(check.prefix(3).joined(separator: "; "))") }
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            guard migrations == ["v1"] else { throw StoreDamage("unknown schema (migrations \(migrations.joined(separator: ",")))") }
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('notification') ORDER BY name")
            let expected = ["attempts", "created_at", "id", "kind", "last_error", "next_attempt_at", "payload", "receiver", "sent_at", "seq", "status"]
            guard columns == expected else { throw StoreDamage("unknown schema (notification columns \(columns.joined(separator: ",")))") }
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM state")
        }
    }
}

/// A state database that opened but cannot be used.
struct StoreDamage: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
