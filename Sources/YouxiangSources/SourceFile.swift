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

    public enum Format: String, Sendable { case csv, json }

    /// Reads the file into rows. Throws for file-level problems only; bad rows are in the result's `rejected`.
    public func read() throws(IngestDiagnostic) -> TableReadResult {
        switch format {
        case .csv: return try TableReader.read(path: path, spec: spec)
        case .json: return try JSONTableReader.read(path: path, columns: spec.columns, recordsKey: recordsKey)
        }
    }
}

