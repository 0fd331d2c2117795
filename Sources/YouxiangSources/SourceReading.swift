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
    /// partial value for them. So does a row whose handler throws `MissingValue` (a cell marked missing that an
    /// indicator needs): a problem for the value's families (default: `feeds`) and the row's year, naming the file,
    /// the rows and the column (`MissingCells`); the other rows are still read.
    ///
    /// Rows are handed to `body` as they are read (a CSV file is streamed, never held whole): a row is valid only
    /// during its call, so `body` keeps values, not rows. A file's counts and rejected rows reach `result` once the
    /// file is complete; a file that fails part-way (its read abandoned at the collector's timeout, a file growing
    /// past `global.max_file_bytes` while read, a device or FIFO) has handed its earlier rows to `body`, but adds only
    /// its error and its `DataProblem`, which withholds every value of those families and years.
    public func forEachRow(into result: inout CollectionResult, feeds: Set<String>? = nil, _ body: (TableRow, Int?) throws -> Void) {
        var institutions: [Int: Set<String>] = [:]
        var names: [String: String] = [:]  // 学校标识码 → 学校名称 (the `name` field), for naming missing schools
        for read in reads() {
            let file = read
            // The file's own bookkeeping, added to `result` only once the whole file has been read (a file that fails
            // part-way adds its error and problem, and no counts), in the order the materialising reader gave: the
            // reader's rejections, then the module's.
            var bodyRejected: [String] = []
            // The year each of the module's rejections belongs to (the file's, or the row's own `year` cell when it
            // reads as one); nil: unknown.
            var rejectedYears: [Int?] = []
            var incomplete = 0
            var missing = MissingCells()
            var ids: [Int: Set<String>] = [:]
            var fileNames: [String: String] = [:]
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
                            rejectedYears.append(nil)
                            return
                        } catch {
                            bodyRejected.append("\(error)")
                            rejectedYears.append(nil)
                            return
                        }
                    }
                    if let year = rowYear, expectInstitutions, let id = row.text("school_id") {
                        ids[year, default: []].insert(id)
                        if let name = row.text("name"), !name.isEmpty { fileNames[id] = name }
                    }
                    // The year a missing cell or a rejection belongs to: the file's, or the row's own `year` cell when it reads.
                    func rejectedYear() -> Int? { rowYear ?? (row.has("year") ? (try? row.year("year")) ?? nil : nil) }
                    do {
                        try body(row, rowYear)
                    } catch let m as MissingValue {
                        incomplete += 1
                        let year = m.year ?? rejectedYear()
                        missing.note(row, field: m.field, year: year, families: m.families, labels: m.labels)
                    } catch let e as RowRejection {
                        bodyRejected.append("\(row.file):\(row.line): \(e.message)")
                        rejectedYears.append(rejectedYear())
                    } catch let e as IngestDiagnostic {
                        bodyRejected.append(e.description)
                        rejectedYears.append(rejectedYear())
                    } catch {
                        bodyRejected.append("\(row.file):\(row.line): \(error)")
                        rejectedYears.append(rejectedYear())
                    }
                }
            } catch {
                result.errors.append(error.description)
                result.problems.append(
                    DataProblem(
                        families: feeds, year: read.year,
                        reasonZh: read.nameZh + (read.isFile ? ReadFailureText.reason(error) : "读取失败"), reason: read.failure(error),
                        unread: true))
                continue
            }
            result.rowsRead += table.rowsRead
            result.rejectedRows += table.rejected.map(\.description)
            result.rejectedRows += bodyRejected
            result.rowsIncomplete += incomplete
            for (year, set) in ids { institutions[year, default: []].formUnion(set) }
            names.merge(fileNames) { _, new in new }
            result.problems += missing.problems(feeds: feeds)
            let rejected = table.rejected.count + bodyRejected.count
            if rejected > 0, Double(rejected) > maxRejectedShare * Double(max(table.rowsRead, 1)) {
                // Rows of a multi-year file whose own year is known withhold only their years; a rejection without a
                // year (the reader's own: a CSV syntax error, a short row; a row without a readable year) withholds
                // every year the file feeds.
                let years: [Int?] =
                    file.year == nil && table.rejected.isEmpty && !rejectedYears.contains(nil)
                    ? Set(rejectedYears.compactMap { $0 }).sorted() : [file.year]
                for year in years {
                    result.problems.append(
                        DataProblem(
                            families: feeds, year: year,
                            reasonZh: "\(file.nameZh)有\(rejected)行数据被拒收（共\(table.rowsRead)行）",
                            reason: "\(file.name): \(rejected) of \(table.rowsRead) rows rejected (max_rejected_share \(maxRejectedShare))"))
                }
            }
        }
        if expectInstitutions {
            for (year, ids) in institutions.sorted(by: { $0.key < $1.key }) {
                guard let before = institutions[year - 1] else { continue }
                let missing = before.subtracting(ids).sorted()
                guard !missing.isEmpty else { continue }
                let shown = missing.prefix(5).map { id in names[id].map { "\($0)（学校标识码\(id)）" } ?? "学校标识码\(id)" }
                    .joined(separator: "、")
                result.problems.append(
                    DataProblem(
                        families: feeds, year: year,
                        reasonZh: "\(year)年缺少上一年名单中的\(missing.count)所学校，"
                            + (missing.count > 5 ? "包括\(shown)等" : missing.count == 1 ? "即\(shown)" : "分别为\(shown)"),
                        reason:
                            "\(year): \(missing.count) institution(s) of \(year - 1)'s list missing (school_id \(missing.prefix(5).joined(separator: ", ")))"))
            }
        }
    }

    /// The field a `sql` or `http` source's `year_column` is mapped to.
    static let yearField = "_year_column"

    /// One unit of reading: a file, one run of a `sql` query, or one request of an `http` source.
    struct Read {
        /// How messages name it: `文件“kg.csv”` (base name) / `file data/kg.csv`, or the database source.
        var nameZh: String
        var name: String
        var year: Int?
        var yearFromRow = false
        /// A local file (its failure is told in words: “不存在”, “没有读取权限”, …), not a database or an API.
        var isFile = false
        /// Reads, handing each accepted row to its argument (valid only during that call); the result's `rows` is
        /// empty.
        var run: (_ row: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult

        /// The English reason for this read's failure, naming the file, query or URL once (`name` already names it;
        /// the diagnostic's own file is left out): `<name> failed: <message>`, with the position inside it when the
        /// diagnostic has one (`line 12`, `line 12, column 3`, `sheet 学校`, `学校!D17`).
        func failure(_ e: IngestDiagnostic) -> String {
            let position: String?
            if let sheet = e.sheet {
                position = e.line == 0 ? "sheet \(sheet)" : "\(sheet)!" + (e.column.map { XLSXColumn.letters($0) } ?? "") + String(e.line)
            } else if let column = e.column {
                position = "line \(e.line), column \(column)"
            } else {
                position = e.line == 0 ? nil : "line \(e.line)"
            }
            return "\(name) failed: " + (position.map { "\($0): " } ?? "") + e.message
        }
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
                nameZh: ReadFailureText.fileName(f.displayPath), name: "file \(f.displayPath)", year: f.year, isFile: true,
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
