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
    ///
    /// Completeness: `feeds` names the families this source's rows go into (nil: every family of the collector).
    /// A file that fails, a file whose rejected rows exceed `maxRejectedShare` of its rows, and (with
    /// `expectInstitutions`) a year missing an institution of the previous year's list each add a `DataProblem` for
    /// those families and the file's year (every year for a file without `year:`), so the runtime publishes no
    /// partial value for them.
    public func forEachRow(into result: inout CollectionResult, feeds: Set<String>? = nil, _ body: (TableRow, Int?) throws -> Void) {
        var institutions: [Int: Set<String>] = [:]
        for file in files {
            let table: TableReadResult
            do {
                table = try file.read()
            } catch {
                result.errors.append(error.description)
                result.problems.append(DataProblem(
                    families: feeds, year: file.year,
                    reasonZh: "文件\(file.displayPath)读取失败：\(error.message)", reason: "file \(file.displayPath) failed: \(error.description)"))
                continue
            }
            result.rowsRead += table.rowsRead
            result.rejectedRows += table.rejected.map(\.description)
            var rejected = table.rejected.count
            for row in table.rows {
                if let year = file.year, expectInstitutions, let id = row.text("school_id") { institutions[year, default: []].insert(id) }
                do {
                    try body(row, file.year)
                } catch is MissingValue {
                    result.rowsIncomplete += 1
                } catch let e as RowRejection {
                    rejected += 1
                    result.rejectedRows.append("\(row.file):\(row.line): \(e.message)")
                } catch let e as IngestDiagnostic {
                    rejected += 1
                    result.rejectedRows.append(e.description)
                } catch {
                    rejected += 1
                    result.rejectedRows.append("\(row.file):\(row.line): \(error)")
                }
            }
            if rejected > 0, Double(rejected) > maxRejectedShare * Double(max(table.rowsRead, 1)) {
                result.problems.append(DataProblem(
                    families: feeds, year: file.year,
                    reasonZh: "文件\(file.displayPath)有\(rejected)行数据被拒收（共\(table.rowsRead)行）",
                    reason: "file \(file.displayPath): \(rejected) of \(table.rowsRead) rows rejected (max_rejected_share \(maxRejectedShare))"))
            }
        }
        if expectInstitutions {
            for (year, ids) in institutions.sorted(by: { $0.key < $1.key }) {
                guard let before = institutions[year - 1] else { continue }
                let missing = before.subtracting(ids).sorted()
                guard !missing.isEmpty else { continue }
                let shown = missing.prefix(5).joined(separator: "、") + (missing.count > 5 ? "等" : "")
                result.problems.append(DataProblem(
                    families: feeds, year: year,
                    reasonZh: "\(year)年缺少上一年名单中的\(missing.count)所学校（学校标识码：\(shown)）",
                    reason: "\(year): \(missing.count) institution(s) of \(year - 1)'s list missing (school_id \(missing.prefix(5).joined(separator: ", ")))"))
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
