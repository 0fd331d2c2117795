import YouxiangCore
import YouxiangIngest

/// The typed reads a module's row handler needs beyond `TableRow`'s own: required numbers and counts, the
/// 学校标识码, the row's year. A value that cannot be read throws `RowRejection` (or `MissingValue`).
extension TableRow {
    /// A required number; a cell marked missing throws `MissingValue` (not an error: the row is left out and the
    /// families it feeds are incomplete for its year).
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
