import YouxiangCore
import YouxiangIngest

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
        for file in resolvedFiles {
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

    /// The years the files declare (pattern files: the years in their names, now).
    public var years: [Int] { Array(Set(resolvedFiles.compactMap(\.year))).sorted() }

    /// Absolute paths of the files, and the folders of year patterns (watched so a new file is noticed).
    public var paths: [String] { resolvedFiles.map(\.path) + patterns.map(\.directory) }
}
