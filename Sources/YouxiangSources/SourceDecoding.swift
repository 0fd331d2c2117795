import Foundation
import YouxiangConfig
import YouxiangCore
import YouxiangIngest

extension ConfigNode {
    /// The keys of a source block.
    public static let sourceKeys = [
        "files", "format", "encoding", "skip_rows", "header_rows", "columns", "skip_markers", "records_key", "delimiter", "sheet", "sql", "http",
        "max_rejected_share", "expect_institutions",
    ]
    /// The keys of one entry of a source's `files:` list.
    public static let fileKeys = ["path", "year", "format", "encoding", "skip_rows", "header_rows", "columns", "records_key", "sheet", "optional"]

    /// Decodes a source block:
    /// ```yaml
    /// encoding: utf-8          # utf-8 | gbk | gb18030 (default utf-8)
    /// skip_rows: 0             # title rows before the header
    /// header_rows: 1           # 1–3; merged header cells are joined as "上/下"
    /// format: xlsx             # csv | json | xlsx | xls; default from the extension (.xlsx/.xlsm → xlsx, .xls → xls, .json → json, else csv)
    /// sheet: 基础基311          # workbooks: the sheet's name or 1-based index (default: the first visible sheet)
    /// columns: {school_id: 学校标识码, equipment_value: {header: 教学仪器设备值(万元), scale: 10000}, children: {header: 在园幼儿数, min: 0},
    ///           opened: {header: 投用日期, type: date}, year: {header: 认定年份, type: year}}   # type: workbooks' number cells as dates / years
    /// max_rejected_share: 0    # rejected rows a file may have (share of its rows) before its year counts as incomplete
    /// expect_institutions: previous_year   # optional: every school_id of year Y-1 must be in year Y
    /// files:
    ///   - {path: data/kg_2022.csv, year: 2022, encoding: gbk, skip_rows: 2, header_rows: 2, columns: {children: 在园幼儿数/合计}}
    ///   - {path: data/kg_2026.xlsx, year: 2026, optional: true}   # may not exist yet (check config accepts that)
    ///   - {path: "data/kg_{year}.xlsx"}   # (quoted in a flow mapping) every matching file, its year from its name; new files are picked up
    /// ```
    /// Instead of `files:`, a source may have `sql:` (``SQLSource``) or `http:` (``HTTPSource``, a JSON API read like a
    /// `.json` file) with the same `columns:`.
    /// Per-file keys override the source's. Paths resolve against `baseDirectory`. Records diagnostics; nil on error.
    public func source(schema: SourceSchema, baseDirectory: String) -> SourceConfig? {
        guard let m = mapping(allowed: Self.sourceKeys) else { return nil }
        let errorsBefore = document.diagnostics.count
        var base = TableSpec(columns: [:])
        var baseFormat: SourceFile.Format? = nil
        applyLayout(m, to: &base, format: &baseFormat, schema: schema)
        if let markers = m.optional("skip_markers")?.stringList() { base.skipMarkers = markers }
        if let d = m.optional("delimiter")?.string() {
            if d.utf8.count == 1, let b = d.utf8.first { base.delimiter = b } else { m.optional("delimiter")?.error("expected one ASCII character") }
        }
        let baseRecordsKey = m.optional("records_key")?.string()
        let baseSheet = m.optional("sheet")?.string()
        var files: [SourceFile] = []
        var patterns: [YearPattern] = []
        var sql: SQLSource?
        var http: HTTPSource?
        if let n = m.optional("sql") {
            if m.optional("files") != nil { n.error("a source has either files: or sql:, not both") }
            if m.optional("http") != nil { n.error("a source has one of files:, sql: or http:, not several") }
            sql = n.sqlSource(yearRequired: schema.yearRequired, baseDirectory: baseDirectory)
        } else if let n = m.optional("http") {
            if m.optional("files") != nil { n.error("a source has either files: or http:, not both") }
            if let f = m.optional("format"), f.string() != "json" { f.error("an http: source reads JSON; remove format:") }
            http = n.httpSource(yearRequired: schema.yearRequired, baseDirectory: baseDirectory, recordsKey: baseRecordsKey)
            for key in ["encoding", "skip_rows", "header_rows", "sheet", "delimiter", "skip_markers"] {
                m.optional(key)?.error("\(key) applies to files; an http: source reads JSON records (remove \(key))")
            }
        } else if m.optional("files") == nil {
            m.node.error("missing files: (a list of {path: …, year: …}); or read a database with sql: {…} or a JSON API with http: {url: …}")
        } else if let list = m.optional("files")?.list() {
            if list.isEmpty { m.optional("files")?.error("expected at least one file") }
            for item in list {
                guard let fm = item.mapping(allowed: Self.fileKeys), let pathNode = fm.required("path"), let rawPath = pathNode.nonEmptyString() else {
                    continue
                }
                if rawPath.contains("://") {
                    pathNode.error(
                        "path takes a file path, not a URL (\(HTTPDisplay.url(rawPath))); to read a JSON API, replace files: with "
                            + "http: {url: …} (see the README, “Inputs”), or save the export to a file and give its path")
                    continue
                }
                let optional = fm.optional("optional")?.bool() ?? false
                let resolvedPath = Paths.resolve(rawPath, against: baseDirectory)
                let isPattern = rawPath.contains("{year}")
                var isFolder: ObjCBool = false
                if !isPattern, !optional, !FileManager.default.fileExists(atPath: resolvedPath, isDirectory: &isFolder) {
                    document.reportDataFile(
                        pathNode,
                        "data file \(rawPath) does not exist\(Paths.resolvedNote(rawPath, resolved: resolvedPath)); fix the path, or mark the file `optional: true` if it arrives later"
                    )
                } else if !isPattern, isFolder.boolValue {
                    document.reportDataFile(
                        pathNode,
                        "\(rawPath) is a folder, not a file\(Paths.resolvedNote(rawPath, resolved: resolvedPath)); give a file's path, or a pattern such as \(rawPath)/kg_{year}.csv"
                    )
                }
                var spec = base
                var format = baseFormat
                applyLayout(fm, to: &spec, format: &format, schema: schema)
                let year = fm.optional("year")?.year()
                if isPattern, let y = fm.optional("year") {
                    y.error("a path with {year} takes each file's year from its name; remove year:")
                } else if schema.yearRequired, !isPattern {
                    _ = fm.required("year")
                }
                let missing = schema.required.filter { spec.columns[$0] == nil }
                if !missing.isEmpty {
                    item.error("columns not mapped for required field(s): \(missing.joined(separator: ", "))")
                }
                let sheet = fm.optional("sheet")?.string() ?? baseSheet
                let resolved = format ?? SourceFile.Format.implied(by: rawPath)
                if sheet != nil, !resolved.isWorkbook {
                    (fm.optional("sheet") ?? m.optional("sheet"))?.error(
                        "sheet applies to workbooks only; this file is read as \(resolved.rawValue) (set format: xlsx or xls)")
                }
                let file = SourceFile(
                    displayPath: rawPath, path: resolvedPath, year: isPattern ? nil : year,
                    format: resolved, spec: spec, recordsKey: fm.optional("records_key")?.string() ?? baseRecordsKey, sheet: sheet)
                if isPattern {
                    guard let pattern = YearPattern(template: file) else {
                        pathNode.error("{year} may appear once, in the file name only (e.g. data/kg_{year}.xlsx)")
                        continue
                    }
                    var isDir: ObjCBool = false
                    if !FileManager.default.fileExists(atPath: pattern.directory, isDirectory: &isDir) || !isDir.boolValue {
                        document.reportDataFile(pathNode, "folder \(pattern.directory) of \(rawPath) does not exist; fix the path")
                    } else if !optional, pattern.files().isEmpty {
                        document.reportDataFile(
                            pathNode, "no file matches \(rawPath) (the year is four digits in place of {year}); fix the path, or mark it `optional: true`")
                    }
                    patterns.append(pattern)
                } else {
                    files.append(file)
                }
            }
        }
        var share = 0.0
        if let n = m.optional("max_rejected_share"), let v = n.double() {
            if (0...1).contains(v) { share = v } else { n.error("expected a share between 0 and 1 (0.01 = 1% of a file's rows)") }
        }
        var expect = false
        if let n = m.optional("expect_institutions"), let v = n.string() {
            if v == "previous_year" {
                expect = true
                if (files + patterns.map(\.template)).contains(where: { $0.spec.columns["school_id"] == nil }) {
                    n.error("expect_institutions needs the school_id column mapped")
                }
            } else if v != "none" {
                n.error("expected previous_year or none")
            }
        }
        guard document.diagnostics.count == errorsBefore else { return nil }
        var config = SourceConfig(files: files, patterns: patterns, maxRejectedShare: share, expectInstitutions: expect)
        config.sql = sql
        config.http = http
        config.spec = base
        if sql != nil || http != nil {
            let missing = schema.required.filter { base.columns[$0] == nil }
            if !missing.isEmpty {
                m.node.error("columns not mapped for required field(s): \(missing.joined(separator: ", "))")
                return nil
            }
        }
        return config
    }

    private func applyLayout(_ m: ConfigMapping, to spec: inout TableSpec, format: inout SourceFile.Format?, schema: SourceSchema) {
        if let n = m.optional("encoding"), let name = n.string() {
            if let e = TextEncoding(name: name) { spec.encoding = e } else { n.error("unknown encoding \"\(name)\" (expected utf-8, gbk or gb18030)") }
        }
        if let n = m.optional("format"), let name = n.string() {
            if let f = SourceFile.Format(rawValue: name) { format = f } else { n.error("unknown format \"\(name)\" (expected csv, json, xlsx or xls)") }
        }
        if let n = m.optional("skip_rows"), let v = n.int(in: 0...1_000_000) { spec.skipRows = v }
        if let n = m.optional("header_rows"), let v = n.int() {
            if (1...3).contains(v) { spec.headerRows = v } else { n.error("expected 1, 2 or 3") }
        }
        if let cm = m.optional("columns")?.freeMapping() {
            let known = schema.required + schema.optional
            for (field, node) in cm.entries {
                guard schema.openFields || known.contains(field) else {
                    var msg = "unknown field \"\(field)\""
                    if let near = Suggest.closest(to: field, in: known) { msg += "; did you mean \"\(near)\"?" }
                    document.report(line: node.keyLine, column: node.keyColumn, path: node.path, msg + " (fields: \(known.joined(separator: ", ")))")
                    continue
                }
                if case .scalar = node.node {
                    if let h = node.nonEmptyString() { spec.columns[field] = ColumnSpec(header: h, min: schema.defaultMin) }
                } else if let cmap = node.mapping(allowed: ["header", "scale", "min", "max", "type"]), let h = cmap.required("header")?.nonEmptyString() {
                    let lo = cmap.optional("min")?.double() ?? schema.defaultMin
                    let hi = cmap.optional("max")?.double()
                    if let lo, let hi, lo > hi { cmap.optional("max")?.error("max \(hi) is below min \(lo)") }
                    var kind: ColumnKind?
                    if let t = cmap.optional("type"), let name = t.string() {
                        if let k = ColumnKind(rawValue: name) {
                            kind = k
                        } else {
                            t.error("unknown column type \"\(name)\" (expected date or year; workbooks read a number cell of such a column as a date serial)")
                        }
                    }
                    spec.columns[field] = ColumnSpec(
                        header: h, scale: cmap.optional("scale")?.double(in: 1e-9...1e12, positive: true) ?? 1, min: lo, max: hi, kind: kind)
                }
            }
        }
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

extension ConfigNode {
    static let sqlKeys = [
        "host", "port", "database", "user", "password", "password_file", "password_env", "query", "years", "year_column",
        "statement_timeout", "connect_timeout",
    ]

    /// Decodes a `sql:` block (see ``SQLSource``). The password is read now, from `password_file` (trailing line break
    /// removed) or the environment variable `password_env`; a message never shows it.
    func sqlSource(yearRequired: Bool, baseDirectory: String) -> SQLSource? {
        guard let m = mapping(allowed: Self.sqlKeys) else { return nil }
        let before = document.diagnostics.count
        let host = m.required("host")?.nonEmptyString() ?? ""
        var port = 5432
        if let n = m.optional("port"), let p = n.int() {
            if (1...65535).contains(p) { port = p } else { n.error("expected a port 1–65535") }
        }
        let user = m.required("user")?.nonEmptyString() ?? ""
        let query = m.required("query")?.nonEmptyString() ?? ""
        var password: String?
        if let n = m.optional("password") {
            // Accepted as a key only to say where the secret goes (never inline: it would show in every copy of the file).
            n.error("put the secret in password_file or password_env, not in the configuration (it would show in every copy of this file)")
        }
        if let n = m.optional("password_file"), let f = n.nonEmptyString() {
            let path = Paths.resolve(f, against: baseDirectory)
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                password = text.trimmingCharacters(in: .newlines)
            } else {
                n.error("cannot read the password file \(path)")
            }
        }
        if let n = m.optional("password_env"), let name = n.nonEmptyString() {
            if password != nil { n.error("give password_file or password_env, not both") }
            if let v = ProcessInfo.processInfo.environment[name] { password = v } else { n.error("environment variable \(name) is not set") }
        }
        let years = m.optional("years")?.list()?.compactMap { $0.int() } ?? []
        let yearColumn = m.optional("year_column")?.nonEmptyString()
        if !years.isEmpty, yearColumn != nil { m.optional("year_column")?.error("give years (the year as $1) or year_column, not both") }
        if yearRequired, years.isEmpty, yearColumn == nil {
            m.node.error("give years: [2022, …] (each run gets the year as $1) or year_column: <column holding the year>")
        }
        if !years.isEmpty, !query.contains("$1") { m.optional("query")?.error("with years:, the query takes the year as $1") }
        let statementTimeout = m.optional("statement_timeout")?.duration() ?? .seconds(30)
        let connectTimeout = m.optional("connect_timeout")?.duration() ?? .seconds(10)
        guard document.diagnostics.count == before else { return nil }
        return SQLSource(
            host: host, port: port, database: m.optional("database")?.nonEmptyString(), user: user, password: password,
            query: query, years: years, yearColumn: yearColumn, statementTimeout: statementTimeout, connectTimeout: connectTimeout)
    }
}
