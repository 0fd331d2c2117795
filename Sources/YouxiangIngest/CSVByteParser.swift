import YouxiangCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record as parsed, reusing its storage between records. Two forms:
/// - direct: a record without quotes that lies inside the parser's read buffer is not copied; `direct` points at its
///   first byte and its fields are separated there by one delimiter byte each (valid until the parser's next call);
/// - copied: the unquoted bytes of all fields back to back in `bytes` (quoted fields, records across a buffer end).
/// `ends` holds the end offset of each field, relative to the record's first byte in either form.
struct RawRecord {
    var line = 0
    var bytes: [UInt8] = []
    var ends: [Int] = []
    /// The direct form's first byte in the parser's buffer; nil for the copied form.
    var direct: UnsafePointer<UInt8>?

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    var fieldCount: Int { ends.count }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        direct = nil
    }

    @inline(__always) mutating func endField() { ends.append(bytes.count) }

    /// Bytes between two fields: the delimiter in the direct form, none in the copied form.
    @inline(__always) var gap: Int { direct == nil ? 0 : 1 }

    /// The byte range of field `field` (0-based) relative to the record's first byte.
    @inline(__always) func range(of field: Int) -> Range<Int> {
        (field == 0 ? 0 : ends[field - 1] + gap)..<ends[field]
    }

    /// Calls `body` with all the record's bytes (for the direct form, delimiters included).
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let direct { return try body(UnsafeBufferPointer(start: direct, count: ends.last ?? 0)) }
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the raw bytes of field `field` (0-based).
    func withField<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(of: field)
        return try withBytes { all in try body(UnsafeBufferPointer(rebasing: all[r])) }
    }

    /// True when every byte of every field is an ASCII space or tab (an empty line or a row of empty cells).
    var isBlank: Bool {
        for i in 0..<fieldCount {
            let blank = withField(i) { f in
                for b in f where b != 0x20 && b != 0x09 { return false }
                return true
            }
            if !blank { return false }
        }
        return true
    }
}

/// The streaming RFC 4180 state machine behind ``CSVReader`` and ``TableReader``.
///
/// Reads the file with `fread` in chunks (1 MiB by default) and scans bytes; it never decodes text, which is safe for
/// UTF-8, GBK and GB18030 alike because none of their multi-byte sequences contain `,` `"` CR or LF.
final class CSVByteParser {
    enum Step {
        case record
        case error(IngestDiagnostic)
        case end
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    let path: String
    let delimiter: UInt8
    private var file: UnsafeMutablePointer<FILE>?
    private let buf: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var pos = 0
    private var end = 0
    /// File offset of `buf[0]`.
    private var chunkOffset: Int64 = 0
    private var eof = false
    private var readError: String?
    /// Physical line (1-based) of the next unread byte.
    private var line = 1
    /// The previous record ended with CR: an LF right after it belongs to the same line break.
    private var skipLF = false
    private let limits: ReadLimits
    /// Set when reading had to stop before the end (cancelled by the collector's timeout, or over the byte limit):
    /// a file-level failure; `next` then reports `.end`.
    private(set) var stopped: IngestDiagnostic?

    init(path: String, delimiter: UInt8, chunkSize: Int = 1 << 20, limits: ReadLimits = .active) throws(IngestDiagnostic) {
        guard delimiter != Self.quote, delimiter != Self.cr, delimiter != Self.lf else {
            throw IngestDiagnostic(file: path, line: 0, message: "invalid CSV delimiter byte \(delimiter)")
        }
        self.path = path
        self.delimiter = delimiter
        self.limits = limits
        capacity = max(chunkSize, 16)
        let opened = try BoundedFile.open(path, limits: limits)
        file = opened
        // A regular file over the limit fails before its first record, so a streaming read hands no row of it on.
        var st = stat()
        if fstat(fileno(opened), &st) == 0, (st.st_mode & UInt32(S_IFMT)) == UInt32(S_IFREG), Int64(st.st_size) > limits.maxFileBytes {
            fclose(opened)
            throw IngestDiagnostic(file: path, line: 0, message: "file is larger than global.max_file_bytes (\(limits.maxFileBytes) bytes)")
        }
        buf = .allocate(capacity: capacity)
        if refill(), end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
            pos = 3  // UTF-8 byte order mark
        }
        if let readError {
            // Fully initialised: deinit closes the file and frees the buffer.
            throw IngestDiagnostic(file: path, line: 0, message: "cannot read file: \(readError)")
        }
    }

    deinit {
        if let file { fclose(file) }
        buf.deallocate()
    }

    @inline(__always) private func fill() -> Bool {
        pos < end || refill()
    }

    private func refill() -> Bool {
        guard !eof, stopped == nil, let f = file else { return false }
        chunkOffset += Int64(end)
        pos = 0
        end = 0
        if let stop = BoundedFile.stopReason(path: path, offset: chunkOffset, limits: limits) {
            stopped = stop
            eof = true
            return false
        }
        let n = fread(buf, 1, capacity, f)
        if n == 0 {
            eof = true
            if ferror(f) != 0 { readError = String(cString: strerror(errno)) }
            return false
        }
        end = n
        return true
    }

    private func diagnostic(_ line: Int, _ column: Int?, _ message: String) -> IngestDiagnostic {
        IngestDiagnostic(file: path, line: line, column: column, message: message)
    }

    /// Consumes the CR or LF at `pos` as a record terminator.
    @inline(__always) private func consumeLineBreak(_ b: UInt8) {
        pos += 1
        line += 1
        if b == Self.cr { skipLF = true }
    }

    /// Error recovery: drops everything up to and including the next line break.
    private func skipRestOfLine() {
        while fill() {
            let b = buf[pos]
            if b == Self.cr || b == Self.lf {
                consumeLineBreak(b)
                return
            }
            pos += 1
        }
    }

    /// Parses the next record into `rec`. On `.error` the offending record is dropped and parsing can continue.
    func next(into rec: inout RawRecord) -> Step {
        rec.reset()
        if skipLF {
            skipLF = false
            if fill(), buf[pos] == Self.lf { pos += 1 }
        }
        guard fill() else {
            if let readError {
                self.readError = nil
                return .error(diagnostic(line, nil, "read error: \(readError)"))
            }
            return .end
        }
        rec.line = line
        if directRecord(into: &rec) { return .record }
        let delim = delimiter
        var field = 1
        while true {
            // Start of a field.
            guard fill() else { rec.endField(); return .record }
            if buf[pos] != Self.quote {
                // Unquoted field: copy runs of ordinary bytes.
                while true {
                    guard fill() else { rec.endField(); return .record }
                    let base = buf, start = pos, stop = end
                    var i = start
                    while i < stop {
                        let b = base[i]
                        if b == delim || b == Self.quote || b == Self.cr || b == Self.lf { break }
                        i &+= 1
                    }
                    if i > start { rec.bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                    pos = i
                    if rec.bytes.count > ReadLimits.maxRecordBytes { return oversized(rec.line) }
                    if i == stop { continue }
                    let b = base[i]
                    if b == delim {
                        pos += 1
                        rec.endField()
                        field += 1
                        break
                    }
                    if b == Self.quote {
                        let d = diagnostic(line, field, "CSV syntax: stray '\"' inside an unquoted field")
                        skipRestOfLine()
                        return .error(d)
                    }
                    consumeLineBreak(b)
                    rec.endField()
                    return .record
                }
                continue
            }
            // Quoted field.
            pos += 1
            let quoteLine = line
            var resume: (offset: Int64, line: Int, afterCR: Bool)?
            var prevCR = false
            while true {
                guard fill() else { return unterminated(quoteLine, field, resume) }
                let base = buf, start = pos, stop = end
                var i = start
                while i < stop {
                    let b = base[i]
                    if b == Self.quote || b == Self.cr || b == Self.lf { break }
                    i &+= 1
                }
                if i > start {
                    rec.bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
                    prevCR = false
                }
                pos = i
                if rec.bytes.count > ReadLimits.maxRecordBytes { return oversized(quoteLine) }
                if i == stop { continue }
                let b = base[i]
                pos += 1
                if b == Self.quote {
                    if fill(), buf[pos] == Self.quote {
                        rec.bytes.append(Self.quote)
                        pos += 1
                        prevCR = false
                        continue
                    }
                    break  // closing quote
                }
                // A line break inside quotes is data; it still advances the physical line count.
                rec.bytes.append(b)
                if b == Self.cr {
                    line += 1
                    prevCR = true
                } else {
                    if !prevCR { line += 1 }
                    prevCR = false
                }
                if resume == nil { resume = (chunkOffset + Int64(pos), line, b == Self.cr) }
            }
            // After the closing quote: delimiter, line break or end of file.
            guard fill() else { rec.endField(); return .record }
            let b = buf[pos]
            if b == delim {
                pos += 1
                rec.endField()
                field += 1
                continue
            }
            if b == Self.cr || b == Self.lf {
                consumeLineBreak(b)
                rec.endField()
                return .record
            }
            let d = diagnostic(line, field, "CSV syntax: unexpected text after the closing '\"' of a quoted field")
            skipRestOfLine()
            return .error(d)
        }
    }

    /// The common case without a copy: a record with no `"` whose line break is inside the current buffer. Scans it
    /// in place, fills `rec.ends` and `rec.direct` and consumes it; returns false (consuming nothing) otherwise, for
    /// the full state machine to read it.
    @inline(__always) private func directRecord(into rec: inout RawRecord) -> Bool {
        let base = buf, start = pos
        let stop = min(end, start &+ ReadLimits.maxRecordBytes)
        let delim = delimiter
        var i = start
        while i < stop {
            let b = base[i]
            if b == delim {
                rec.ends.append(i &- start)
            } else if b <= Self.quote {
                if b == Self.quote { break }
                if b == Self.cr || b == Self.lf {
                    rec.ends.append(i &- start)
                    rec.direct = UnsafePointer(base + start)
                    pos = i &+ 1
                    line += 1
                    if b == Self.cr { skipLF = true }
                    return true
                }
            }
            i &+= 1
        }
        rec.ends.removeAll(keepingCapacity: true)
        return false
    }

    /// A record over `ReadLimits.maxRecordBytes`: dropped (its storage released) and skipped to the next line break.
    private func oversized(_ recordLine: Int) -> Step {
        let d = diagnostic(recordLine, nil, "record longer than \(ReadLimits.maxRecordBytes) bytes; skipped to the next line")
        skipRestOfLine()
        return .error(d)
    }

    /// A quoted field ran to end of file. Reports the line the quote opened on, then resumes parsing at the line after
    /// it, so that rows swallowed by the stray quote are still read.
    private func unterminated(_ quoteLine: Int, _ field: Int, _ resume: (offset: Int64, line: Int, afterCR: Bool)?) -> Step {
        if let readError {
            self.readError = nil
            return .error(diagnostic(line, nil, "read error: \(readError)"))
        }
        let d = diagnostic(quoteLine, field, "CSV syntax: quoted field is not closed before the end of the file")
        if let resume, let f = file, fseeko(f, off_t(resume.offset), SEEK_SET) == 0 {
            clearerr(f)
            eof = false
            chunkOffset = resume.offset
            pos = 0
            end = 0
            line = resume.line
            skipLF = resume.afterCR
        }
        return .error(d)
    }
}
