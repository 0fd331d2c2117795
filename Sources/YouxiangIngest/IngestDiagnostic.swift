/// A file-level or row-level problem found while ingesting an export, with its position.
///
/// - `file`: the path exactly as given to the reader.
/// - `line`: 1-based physical line for CSV (the line a record starts on), 1-based record index for JSON
///   (see ``JSONTableReader``), or `0` for problems that concern the whole file (missing file, bad header, …).
/// - `column`: 1-based index of the column (field) in the file, or `nil` when not applicable.
///
/// `description` reads `path:line:column: message`, or `path:line: message` when `column` is `nil`,
/// the format editors and CI logs understand.
public struct IngestDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file the problem is in, as given to the reader.
    public var file: String
    /// 1-based line (CSV) or record index (JSON); `0` for file-level problems.
    public var line: Int
    /// 1-based column (field) index in the file, or `nil`.
    public var column: Int?
    /// Human-readable explanation, e.g. `在园幼儿数/合计: "12x" is not a number`.
    public var message: String
    /// Workbooks only: the sheet's name. The position then reads `file.xlsx:Sheet!D17` (column letters, row number).
    public var sheet: String? = nil

    /// Creates a diagnostic. See the properties for the meaning of each position.
    public init(file: String, line: Int, column: Int? = nil, message: String, sheet: String? = nil) {
        self.sheet = sheet
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, the column part omitted when `column` is `nil`; a whole-file problem (line 0, no
    /// column) is `path: message`.
    public var description: String {
        if let sheet {
            let cell = line == 0 ? "" : (column.map { XLSXColumn.letters($0) } ?? "") + String(line)
            return "\(file):\(sheet)\(cell.isEmpty ? "" : "!" + cell): \(message)"
        }
        if let column {
            return "\(file):\(line):\(column): \(message)"
        }
        if line == 0 { return "\(file): \(message)" }
        return "\(file):\(line): \(message)"
    }
}
