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
    ///
    /// Rows are handed to `body` as they are read (a CSV file is streamed, never held whole): a row is valid only
    /// during its call, so `body` keeps values, not rows. A file's counts and rejected rows reach `result` once the
    /// file is complete; a file that fails part-way (its read abandoned at the collector's timeout, a file growing
    /// past `global.max_file_bytes` while read, a device or FIFO) has handed its earlier rows to `body`, but adds only
    /// its error and its `DataProblem`, which withholds every value of those families and years.
    public func forEachRow(into result: inout CollectionResult, feeds: Set<String>? = nil, _ body: (TableRow, Int?) throws -> Void) {
        var institutions: [Int: Set<String>] = [:]
        for read in reads() {
            let file = read
            // The file's own bookkeeping, added to `result` only once the whole file has been read (a file that fails
            // part-way adds its error and problem, and no counts), in the order the materialising reader gave: the
            // reader's rejections, then the module's.
            var bodyRejected: [String] = []
            var incomplete = 0
            var ids: [Int: Set<String>] = [:]
            let table: TableReadResult
            do {
                table = try read.run { row in
                    var rowYear = file.year
                    if file.yearFromRow {
                        do {
                            guard let y = try row.year(Self.yearField) else { throw RowRejection("the year column is empty") }
                            rowYear = y
                        } catch let e as RowRejection {
                            bodyRejected.append("\(row.file):\(row.line): \(e.message)")
                            return
                        } catch {
                            bodyRejected.append("\(error)")
                            return
                        }
                    }
                    if let year = rowYear, expectInstitutions, let id = row.text("school_id") { ids[year, default: []].insert(id) }
                    do {
                        try body(row, rowYear)
                    } catch is MissingValue {
                        incomplete += 1
                    } catch let e as RowRejection {
                        bodyRejected.append("\(row.file):\(row.line): \(e.message)")
                    } catch let e as IngestDiagnostic {
                        bodyRejected.append(e.description)
                    } catch {
                        bodyRejected.append("\(row.file):\(row.line): \(error)")
                    }
                }
            } catch {
                result.errors.append(error.description)
                result.problems.append(
                    DataProblem(
                        families: feeds, year: read.year,
                        reasonZh: "\(read.nameZh)读取失败：\(error.message)", reason: "\(read.name) failed: \(error.description)"))
                continue
            }
            result.rowsRead += table.rowsRead
            result.rejectedRows += table.rejected.map(\.description)
            result.rejectedRows += bodyRejected
            result.rowsIncomplete += incomplete
            for (year, set) in ids { institutions[year, default: []].formUnion(set) }
            let rejected = table.rejected.count + bodyRejected.count
            if rejected > 0, Double(rejected) > maxRejectedShare * Double(max(table.rowsRead, 1)) {
                result.problems.append(
                    DataProblem(
                        families: feeds, year: file.year,
                        reasonZh: "\(file.nameZh)有\(rejected)行数据被拒收（共\(table.rowsRead)行）",
                        reason: "\(file.name): \(rejected) of \(table.rowsRead) rows rejected (max_rejected_share \(maxRejectedShare))"))
            }
        }
        if expectInstitutions {
            for (year, ids) in institutions.sorted(by: { $0.key < $1.key }) {
                guard let before = institutions[year - 1] else { continue }
                let missing = before.subtracting(ids).sorted()
                guard !missing.isEmpty else { continue }
                let shown = missing.prefix(5).joined(separator: "、") + (missing.count > 5 ? "等" : "")
                result.problems.append(
                    DataProblem(
                        families: feeds, year: year,
                        reasonZh: "\(year)年缺少上一年名单中的\(missing.count)所学校（学校标识码：\(shown)）",
                        reason:
                            "\(year): \(missing.count) institution(s) of \(year - 1)'s list missing (school_id \(missing.prefix(5).joined(separator: ", ")))"))
            }
        }
    }

    /// The field a `sql` or `http` source's `year_column` is mapped to.
    static let yearField = "_year_column"

    /// One unit of reading: a file, one run of a `sql` query, or one request of an `http` source.
    struct Read {
        /// How messages name it: `文件data/kg.csv` / `file data/kg.csv`, or the database source.
        var nameZh: String
        var name: String
        var year: Int?
        var yearFromRow = false
        /// Reads, handing each accepted row to its argument (valid only during that call); the result's `rows` is
        /// empty.
        var run: (_ row: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult
    }

    /// A `Read.run` over a reader that returns the whole table: its rows handed on one by one.
    static func each(_ read: @escaping () throws(IngestDiagnostic) -> TableReadResult) -> (_ row: (TableRow) -> Void) throws(IngestDiagnostic) ->
        TableReadResult
    {
        { (row: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult in
            var table = try read()
            for r in table.rows { row(r) }
            table.rows = []
            return table
        }
    }

    func reads() -> [Read] {
        if let http {
            var columns = spec.columns
            if let c = http.yearColumn { columns[Self.yearField] = ColumnSpec(header: c) }
            func run(_ year: Int?) -> (_ row: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult {
                Self.each { () throws(IngestDiagnostic) -> TableReadResult in try http.fetchTable(year: year, columns: columns) }
            }
            if http.years.isEmpty {
                let name = http.displayName(year: nil)
                return [Read(nameZh: "接口来源\(name)", name: name, year: http.year, yearFromRow: http.yearColumn != nil, run: run(nil))]
            }
            return http.years.map { y in
                Read(nameZh: "接口来源\(http.displayName(year: y))（\(y)年）", name: "\(http.displayName(year: y)) (year \(y))", year: y, run: run(y))
            }
        }
        if let sql {
            var spec = self.spec
            if let c = sql.yearColumn { spec.columns[Self.yearField] = ColumnSpec(header: c) }
            let columns = spec.columns
            let markers = spec.skipMarkers
            func run(_ year: Int?) -> (_ row: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult {
                Self.each { () throws(IngestDiagnostic) -> TableReadResult in
                    let r = try sql.fetch(year: year)
                    return try RecordTable.build(
                        source: sql.displayName, columnNames: r.columns, records: r.records,
                        columns: columns, skipMarkers: markers)
                }
            }
            if sql.years.isEmpty {
                return [Read(nameZh: "数据库来源\(sql.displayName)", name: sql.displayName, year: nil, yearFromRow: sql.yearColumn != nil, run: run(nil))]
            }
            return sql.years.map { Read(nameZh: "数据库来源\(sql.displayName)（\($0)年）", name: "\(sql.displayName) (year \($0))", year: $0, run: run($0)) }
        }
        return resolvedFiles.map { f in
            Read(
                nameZh: "文件\(f.displayPath)", name: "file \(f.displayPath)", year: f.year,
                run: { (row: (TableRow) -> Void) throws(IngestDiagnostic) in try f.forEachRow(row) })
        }
    }

    /// The years the files declare (pattern files: the years in their names, now).
    public var years: [Int] {
        Array(Set(resolvedFiles.compactMap(\.year) + (sql?.years ?? []) + (http?.years ?? []) + [http?.year].compactMap { $0 })).sorted()
    }

    /// Absolute paths of the files, and the folders of year patterns (watched so a new file is noticed).
    public var paths: [String] { resolvedFiles.map(\.path) + patterns.map(\.directory) }
}
