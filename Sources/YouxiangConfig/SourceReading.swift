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

extension SourceConfig {
    /// Reads every file, calling `body` for each accepted row with the year that applies (the file's `year`, or nil).
    ///
    /// Bookkeeping goes into `result`: rows read, rows rejected by the reader or by `body` (throwing `RowRejection` or
    /// `IngestDiagnostic`), each as `file:line[:column]: message`, and file-level errors. A failing file never stops
    /// the other files.
    public func forEachRow(into result: inout CollectionResult, _ body: (TableRow, Int?) throws -> Void) {
        for file in files {
            let table: TableReadResult
            do {
                table = try file.read()
            } catch {
                result.errors.append(error.description)
                continue
            }
            result.rowsRead += table.rowsRead
            result.rejectedRows += table.rejected.map(\.description)
            for row in table.rows {
                do {
                    try body(row, file.year)
                } catch is MissingValue {
                    result.rowsIncomplete += 1
                } catch let e as RowRejection {
                    result.rejectedRows.append("\(row.file):\(row.line): \(e.message)")
                } catch let e as IngestDiagnostic {
                    result.rejectedRows.append(e.description)
                } catch {
                    result.rejectedRows.append("\(row.file):\(row.line): \(error)")
                }
            }
        }
    }

    /// The years the files declare.
    public var years: [Int] { Array(Set(files.compactMap(\.year))).sorted() }

    /// Absolute paths of the files.
    public var paths: [String] { files.map(\.path) }
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

extension ConfigMapping {
    /// Decodes a required source block under `key`.
    public func source(_ key: String, schema: SourceSchema, context: ModuleContext) -> SourceConfig? {
        required(key)?.source(schema: schema, baseDirectory: context.baseDirectory)
    }

    /// Decodes an optional source block under `key`.
    public func optionalSource(_ key: String, schema: SourceSchema, context: ModuleContext) -> SourceConfig?? {
        guard let n = optional(key) else { return .some(nil) }
        guard let s = n.source(schema: schema, baseDirectory: context.baseDirectory) else { return nil }
        return .some(s)
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
