import YouxiangCore
import YouxiangIngest

/// One input file of a source: where it is, which year it describes, and how to read it.
public struct SourceFile: Sendable {
    /// The path as written in the YAML (for messages).
    public var displayPath: String
    /// The path resolved against the configuration file's folder.
    public var path: String
    /// The school year (start year) or calendar year the file describes; nil when rows carry their own year column.
    public var year: Int?
    public var format: Format
    public var spec: TableSpec
    /// For JSON: the member holding the array of records (nil: the document is the array).
    public var recordsKey: String?
    /// For workbooks (`sheet:`): the sheet's name, or its 1-based index; nil: the first visible sheet.
    public var sheet: String?

    /// How the file is read (`format:`). Without `format:`, a path ending `.xlsx`/`.xlsm` is a workbook, `.xls` an old
    /// (BIFF8) workbook, `.json` is JSON, anything else CSV.
    public enum Format: String, Sendable {
        case csv, json, xlsx, xls

        /// Whether the format is a workbook (takes `sheet:`).
        public var isWorkbook: Bool { self == .xlsx || self == .xls }

        /// The format a path's extension implies.
        public static func implied(by path: String) -> Format {
            let lower = path.lowercased()
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return .xlsx }
            if lower.hasSuffix(".xls") { return .xls }
            if lower.hasSuffix(".json") { return .json }
            return .csv
        }
    }

    public init(displayPath: String, path: String, year: Int?, format: Format, spec: TableSpec, recordsKey: String? = nil, sheet: String? = nil) {
        self.displayPath = displayPath
        self.path = path
        self.year = year
        self.format = format
        self.spec = spec
        self.recordsKey = recordsKey
        self.sheet = sheet
    }

    /// Reads the file, handing each accepted row to `body` (valid only during that call): a CSV file is streamed
    /// (``TableReader/forEachRow(path:spec:limits:_:)``), the other formats are read whole and then handed on row by
    /// row. The result's counts and `rejected` are the file's; its `rows` is empty.
    /// - Throws: as ``read()``; a CSV read stopped part-way throws after the rows before it were handed on.
    public func forEachRow(_ body: (TableRow) -> Void) throws(IngestDiagnostic) -> TableReadResult {
        guard format == .csv else {
            var table = try read()
            for row in table.rows { body(row) }
            table.rows = []
            return table
        }
        try FileKind.refuseWorkbook(path: path, displayPath: displayPath, configuredAs: "csv")
        return try TableReader.forEachRow(path: path, spec: spec, body)
    }

    /// Reads the file into rows. Throws for file-level problems only; bad rows are in the result's `rejected`.
    /// A workbook given to the CSV or JSON reader fails with a message that says how to configure it.
    public func read() throws(IngestDiagnostic) -> TableReadResult {
        switch format {
        case .csv:
            try FileKind.refuseWorkbook(path: path, displayPath: displayPath, configuredAs: "csv")
            return try TableReader.read(path: path, spec: spec)
        case .json:
            try FileKind.refuseWorkbook(path: path, displayPath: displayPath, configuredAs: "json")
            return try JSONTableReader.read(path: path, columns: spec.columns, recordsKey: recordsKey)
        case .xlsx:
            return try XLSXTableReader.read(path: path, sheet: sheet, spec: spec)
        case .xls:
            return try XLSTableReader.read(path: path, sheet: sheet, spec: spec)
        }
    }
}
