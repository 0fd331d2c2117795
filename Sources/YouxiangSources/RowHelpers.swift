import YouxiangCore
import YouxiangIngest

/// A row a module refuses (a value out of range, an id that is not a 学校标识码). Thrown from a row handler.
public struct RowRejection: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A row without a value the computation needs, where the export marks the value missing (`—`, `-`, blank, `N/A`).
/// Such a row contributes no sample and is not an error: it is counted in `CollectionResult.rowsIncomplete`.
public struct MissingValue: Error, Sendable {
    public var field: String
    public init(_ field: String) { self.field = field }
}

extension TableRow {
    /// A required number; a cell marked missing throws `MissingValue` (no sample, no error).
    public func requiredNumber(_ field: String) throws -> Double {
        guard let v = try number(field) else { throw MissingValue(field) }
        return v
    }

    /// A required count: a non-negative whole number.
    public func count(_ field: String) throws -> Double {
        let v = try requiredNumber(field)
        guard v >= 0, v == v.rounded() else { throw RowRejection("\(field) must be a whole number ≥ 0, found \(v)") }
        return v
    }

    /// The 10-digit 学校标识码 (学校(机构)标识码), read as text. Scientific notation (an id saved as a number by a
    /// spreadsheet) is rejected with a hint.
    public func schoolID(_ field: String = "school_id") throws -> String {
        guard let t = text(field) else { throw RowRejection("\(field) is missing") }
        if t.utf8.count == 10, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return t }
        if t.contains("E+") || t.contains("e+") {
            throw RowRejection("\(field) \"\(t)\" was saved as a number in scientific notation; export the 学校标识码 column as text")
        }
        throw RowRejection("\(field) \"\(t)\" is not a 10-digit 学校标识码")
    }

    /// The year of the row: the `year` field when mapped, else the file's year.
    public func year(fileYear: Int?, field: String = "year") throws -> Int {
        if has(field), let y = try year(field) { return y }
        if let fileYear { return fileYear }
        throw RowRejection("no year: map a `\(field)` column or give the file a `year:`")
    }
}

/// Rejects a second row for the same key (e.g. the same 学校标识码 in the same year), naming where the first was.
/// A school counted twice would silently bias every share it is part of.
public struct DuplicateGuard {
    private var firstSeen: [String: (file: String, line: Int)] = [:]
    public init() {}

    /// Records `key` for `row`; throws `RowRejection` when it was seen before.
    public mutating func check(_ key: String, describe: @autoclosure () -> String, row: TableRow) throws {
        if let first = firstSeen[key] {
            let at = first.file == row.file ? "line \(first.line)" : "\(first.file):\(first.line)"
            throw RowRejection("\(describe()) appears twice (first on \(at)); the row is not counted again")
        }
        firstSeen[key] = (row.file, row.line)
    }
}
