import YouxiangCore

/// One CSV record: the raw bytes of each field, with RFC 4180 quoting already removed
/// (surrounding quotes stripped, `""` turned into `"`), in the file's encoding (not yet decoded).
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line the record starts on (a record with a quoted line break spans several lines).
    public var line: Int
    /// Raw field bytes, left to right. An empty line yields one empty field.
    public var fields: [[UInt8]]

    /// Creates a record from its start line and raw field bytes.
    public init(line: Int, fields: [[UInt8]]) {
        self.line = line
        self.fields = fields
    }
}

/// A streaming RFC 4180 reader over the raw bytes of a file.
///
/// - Reads in 1 MiB chunks with `fread`; memory use does not grow with the file.
/// - Works on UTF-8, GBK and GB18030 without decoding: their multi-byte sequences never contain `,` `"` CR or LF.
/// - Line ends may be CRLF, LF or a lone CR. A UTF-8 BOM at the very start is skipped. Quoted fields may contain the
///   delimiter, line breaks (the physical line count keeps running inside them) and doubled quotes.
/// - A trailing line break at end of file yields no extra record; an empty line yields a record with one empty field.
///
/// Iteration yields `.success(record)` or `.failure(diagnostic)`. Failures are record-level CSV syntax errors and the
/// reader continues after them:
/// - a stray `"` inside an unquoted field, or text after a closing quote: the diagnostic names the line and the
///   1-based field; the rest of that physical line is dropped and reading continues on the next line;
/// - a quote that is never closed: the diagnostic names the line the quote opened on; reading resumes at the line
///   after it, so the rows the quote swallowed are still returned.
///
/// The reader is a single-pass sequence backed by an open file (closed when the reader is released); copies share
/// the same position. It is not `Sendable`: use it from one task.
public struct CSVReader: Sequence, IteratorProtocol {
    /// `.success` with the next record, or `.failure` with a record-level syntax error.
    public typealias Element = Result<CSVRecord, IngestDiagnostic>

    private let parser: CSVByteParser
    private var record = RawRecord()
    private var stopReported = false

    /// Opens `path` for reading.
    /// - Parameters:
    ///   - path: the CSV file; diagnostics carry this string as `file`.
    ///   - delimiter: the field separator byte, `,` by default (`\t` for tab-separated exports).
    /// - Throws: ``IngestDiagnostic`` with line 0 when the file is missing or unreadable, or the delimiter is
    ///   `"`, CR or LF.
    ///   - limits: the read limits (`ReadLimits.active` by default).
    public init(path: String, delimiter: UInt8 = UInt8(ascii: ","), limits: ReadLimits = .active) throws(IngestDiagnostic) {
        parser = try CSVByteParser(path: path, delimiter: delimiter, limits: limits)
    }

    /// The next record or syntax error, or `nil` at end of file.
    /// A read stopped early (the task was cancelled, or the file passed `ReadLimits.maxFileBytes`) yields one last
    /// `.failure` (line 0) and then ends.
    public mutating func next() -> Result<CSVRecord, IngestDiagnostic>? {
        if stopReported { return nil }
        let step = parser.next(into: &record)
        if let stop = parser.stopped {
            stopReported = true
            return .failure(stop)
        }
        switch step {
        case .end:
            return nil
        case .error(let d):
            return .failure(d)
        case .record:
            var fields: [[UInt8]] = []
            fields.reserveCapacity(record.fieldCount)
            for i in 0..<record.fieldCount {
                fields.append(record.withField(i) { Array($0) })
            }
            return .success(CSVRecord(line: record.line, fields: fields))
        }
    }
}
