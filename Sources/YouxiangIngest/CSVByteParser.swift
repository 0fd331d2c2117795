import YouxiangCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record as parsed, reusing its storage between records: the bytes of its fields at `base`, with the end offset
/// of each field (relative to `base`) in `ends`. Two forms:
/// - in place: a record without quotes that lies inside the parser's read buffer is not copied; `base` points into
///   that buffer and its fields are separated there by one delimiter byte each (`gap` 1);
/// - copied: the unquoted bytes of all fields back to back (`gap` 0), built in `bytes` (quoted fields, records across
///   a buffer end) and then placed in the parser's own buffer, which `base` points at.
/// Either way `base` is valid until the parser's next call.
struct RawRecord {
    var line = 0
    /// Where the copied form is built.
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var base: UnsafePointer<UInt8>?
    /// Bytes between two fields: the delimiter in place, none when copied.
    var gap = 0

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    var fieldCount: Int { ends.count }

    mutating func reset() {
        // (Records in place leave `bytes` empty: skip the call.)
        if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
        ends.removeAll(keepingCapacity: true)
        base = nil
        gap = 0
    }

    @inline(__always) mutating func endField() { ends.append(bytes.count) }

    /// The byte range of field `field` (0-based) relative to `base`.
    @inline(__always) func range(of field: Int) -> Range<Int> {
        (field == 0 ? 0 : ends[field - 1] + gap)..<ends[field]
    }

    /// All the record's bytes (in place: delimiters included).
    @inline(__always) var all: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: base == nil ? 0 : ends.last ?? 0)
    }

    /// Calls `body` with the raw bytes of field `field` (0-based).
    func withField<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: all[range(of: field)]))
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
    /// Where a copied record's bytes are placed (see ``RawRecord``).
    private var copied: UnsafeMutablePointer<UInt8>
    private var copiedCapacity = 4096
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
        copied = .allocate(capacity: copiedCapacity)
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
        copied.deallocate()
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
        let step = copiedRecord(into: &rec)
        if case .record = step {
            // The copied form goes to a buffer of the parser's own, so that `base` is a plain pointer as in place.
            if copiedCapacity < rec.bytes.count {
                copied.deallocate()
                copiedCapacity = max(rec.bytes.count, copiedCapacity * 2)
                copied = .allocate(capacity: copiedCapacity)
            }
            rec.bytes.withUnsafeBufferPointer { b in
                if let from = b.baseAddress { copied.update(from: from, count: b.count) }
            }
            rec.base = UnsafePointer(copied)
            rec.gap = 0
        }
        return step
    }

    /// The full RFC 4180 state machine for a record `directRecord` did not take: it is copied into `rec.bytes`.
    private func copiedRecord(into rec: inout RawRecord) -> Step {
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
            let closedOn = line
            if let resume, rewind(to: resume) {
                // The quote spanned line breaks: most likely a stray '"' that swallowed the lines up to the next
                // quote. Only the line it opened on is rejected, and reading goes on from the line after it.
                return .error(
                    diagnostic(
                        quoteLine, field,
                        "CSV syntax: the '\"' opening field \(field) is closed only on line \(closedOn) and followed by text there "
                            + "(a stray '\"'?); this line is rejected and reading goes on at line \(quoteLine + 1)"))
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
                    rec.base = UnsafePointer(base + start)
                    rec.gap = 1
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
        if let resume { _ = rewind(to: resume) }
        return .error(d)
    }

    /// Moves reading back to `resume` (the first line break inside a quoted field, as `copiedRecord` noted it), so the
    /// lines a stray quote swallowed are read as records; false when the file cannot seek (a FIFO), reading then
    /// goes on where it was.
    private func rewind(to resume: (offset: Int64, line: Int, afterCR: Bool)) -> Bool {
        guard let f = file, fseeko(f, off_t(resume.offset), SEEK_SET) == 0 else { return false }
        clearerr(f)
        eof = false
        chunkOffset = resume.offset
        pos = 0
        end = 0
        line = resume.line
        skipLF = resume.afterCR
        return true
    }
}
