import Foundation
import YouxiangCore

/// Reads one sheet of an `.xls` workbook (BIFF8, what WPS and Excel 97–2003 save; BIFF5 and older too) into
/// ``TableRow``s through Debian's FreeXL, with the same ``TableSpec`` and the same rules as ``XLSXTableReader``:
/// title rows (`skipRows`), a one- to three-row header with merged cells joined like the CSV two-row header
/// (`在园幼儿数/合计`), 合计/其中 rows skipped by the shared markers, diagnostics naming the cell
/// (`data/kg.xls:基础基311!D17`).
///
/// FreeXL runs in a child process, `youxiang-xls-reader` (``XLSReaderProcess``): FreeXL 1.0.6 crashes on crafted
/// files (a SEGV in `freexl_open`, a double-free abort), and one blocking C call cannot be stopped at the collector's
/// timeout. The child writes the typed cells (``XLSCellStream``); the rows are built here, by ``GridTableBuilder`` as
/// for an `.xlsx`. A crash, a hang past the timeout or an exhausted limit fails this file with a clear error.
///
/// Cell values: strings as they are (a 学校标识码 typed or styled as text stays a string), numbers in their shortest
/// form (integral ones without exponent or fraction, so an id stored as a number is `3302060001`), the cached value of
/// a formula, dates as `yyyy-mm-dd` (FreeXL recognises the date formats; 1900 and 1904 systems), times as `hh:mm:ss`.
/// What FreeXL does not report, and so reads differently from an `.xlsx`: a percentage-formatted cell reads as the
/// fraction stored (92.5% → `0.925`), a boolean as `1`/`0`, and every sheet counts as visible (the default sheet is
/// the first one).
///
/// Limits (``XLSXLimits``): `maxPartBytes` bounds the file's size, checked before the child starts, and the child's
/// output; `maxCells` bounds the chosen sheet's rows × columns. FreeXL itself reads the whole workbook at open, inside
/// the child's memory and CPU limits (``XLSReaderProcess``).
public enum XLSTableReader {
    /// Reads the sheet `sheet` (a name, or a 1-based index when no sheet has that name; nil: the first sheet).
    ///
    /// - Throws: ``IngestDiagnostic`` for file-level problems: not an `.xls` workbook, damaged, password-protected, no
    ///   such sheet, a limit exceeded, a mapped header missing or ambiguous (the message lists the headers present);
    ///   the reader crashed on the file, ran past the timeout, or is not installed.
    public static func read(
        path: String, sheet: String?, spec: TableSpec, limits: XLSXLimits = XLSXLimits(), process: XLSReaderProcess = XLSReaderProcess()
    ) throws(IngestDiagnostic) -> TableReadResult {
        func fail(_ message: String, sheet: String? = nil) -> IngestDiagnostic { IngestDiagnostic(file: path, line: 0, message: message, sheet: sheet) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { throw fail("cannot read file: no such file") }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw fail("not a regular file (a device, FIFO, socket or folder)") }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > limits.maxPartBytes { throw fail("file is \(size) bytes, over the limit of \(limits.maxPartBytes) bytes for a workbook") }
        if let head = FileHandle(forReadingAtPath: path).flatMap({ h in
            defer { try? h.close() }; return try? h.read(upToCount: 4)
        }),
            head.elementsEqual([0x50, 0x4B, 0x03, 0x04])
        {
            throw fail("this file is an .xlsx workbook (a zip archive), not an .xls; give it the .xlsx extension or set `format: xlsx`")
        }

        var arguments = [path, String(limits.maxCells), String(process.maxMemoryBytes), String(process.maxCPUSeconds)]
        if let sheet { arguments.append(sheet) }
        let run = process.run(arguments: arguments, maxOutputBytes: limits.maxPartBytes)
        // Decoded before the ending is looked at: a refusal after the 'H' record names the sheet.
        let stream = try? XLSCellStream(run.stdout)
        if run.ending == .exited(0), let stream, stream.complete { return try table(stream, path: path, spec: spec) }
        let said = String(decoding: run.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch run.ending {
        case .exited(0):
            throw fail(
                "the .xls reader (\(process.executable)) wrote output this daemon does not understand; install the youxiang-xls-reader built with this youxiangd"
            )
        case .exited(2) where !said.isEmpty: throw fail(said, sheet: stream?.sheet)
        case .exited(let status):
            throw fail(
                "the .xls reader failed on this file (exit status \(status)\(said.isEmpty ? "" : ": \(said)")); save it again as .xlsx", sheet: stream?.sheet)
        case .signalled(let signal):
            let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
            throw fail(
                "the .xls reader crashed on this file (killed by signal \(signal), \(name)); the file is damaged or hostile — save it again as .xlsx",
                sheet: stream?.sheet)
        case .timedOut:
            throw fail("the .xls reader was killed: the read ran past its timeout before the file was read", sheet: stream?.sheet)
        case .outputTooLarge:
            throw fail(
                "the sheet's cells come to more than \(limits.maxPartBytes) bytes (limit maxPartBytes); split the workbook or save it as .xlsx",
                sheet: stream?.sheet)
        case .notStarted(let code):
            throw fail(
                "cannot start the .xls reader \(process.executable): \(String(cString: strerror(code))); install \(XLSReaderProcess.programName) beside "
                    + "youxiangd (README, Deploying) or set \(XLSReaderProcess.environmentVariable) to its path")
        }
    }

    /// The table from the output `youxiang-xls-reader` wrote for the file `path` (its typed cells, see
    /// ``XLSCellStream``), as ``read(path:sheet:spec:limits:process:)`` builds it once the reader exited cleanly. Public
    /// for the fuzz target (`fuzz/Sources/fuzz-xls`): this decoding is what runs inside the daemon on the child's output.
    ///
    /// - Throws: ``IngestDiagnostic``: output that is not the reader's whole, well-formed stream; a mapped header
    ///   missing or ambiguous.
    public static func table(readerOutput: [UInt8], path: String, spec: TableSpec) throws(IngestDiagnostic) -> TableReadResult {
        guard let stream = try? XLSCellStream(readerOutput), stream.complete else {
            throw IngestDiagnostic(file: path, line: 0, message: "the .xls reader's output is damaged or cut short")
        }
        return try table(stream, path: path, spec: spec)
    }

    /// Builds the rows from a complete stream, by ``GridTableBuilder`` as for an `.xlsx`.
    static func table(_ stream: XLSCellStream, path: String, spec: TableSpec) throws(IngestDiagnostic) -> TableReadResult {
        var builder = GridTableBuilder(file: path, sheet: stream.sheet ?? "", spec: spec, date1904: stream.date1904)
        var row = -1
        var cells: [GridCell] = []
        for cell in stream.cells {
            if cell.row != row {
                // A row without any cell is a row absent from the sheet, as in an .xlsx.
                if !cells.isEmpty { try builder.add(row: row + 1, cells: cells) }
                cells.removeAll(keepingCapacity: true)
                row = cell.row
            }
            guard let text = Self.text(cell.value), !text.isEmpty else { continue }
            cells.append(GridCell(column: cell.column + 1, text: text, number: Self.number(cell.value, text: text, date1904: builder.date1904)))
        }
        if !cells.isEmpty { try builder.add(row: row + 1, cells: cells) }
        return try builder.finish()
    }

    /// The text of a cell as the reader hands it on (see the type's documentation); nil for an empty cell.
    static func text(_ v: XLSCellStream.Value) -> String? {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return XLSXWorkbook.plain(d)
        case .text(let s), .time(let s): return s
        // `yyyy-mm-dd hh:mm:ss`: the day, as an .xlsx date cell reads.
        case .date(let s): return String(s.prefix(10))
        }
    }

    /// The number a cell stores, for declared date and year columns: a number cell's value; for a date cell (FreeXL
    /// hands on only its `yyyy-mm-dd`), its serial back from the date (1900 system: day 1 is 1900-01-01 with Excel's
    /// phantom 1900-02-29, so serial = days since 1899-12-30 from 1900-03-01 on; 1904 system: days since 1904-01-01).
    static func number(_ v: XLSCellStream.Value, text: String, date1904: Bool) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .date:
            let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            let days = CivilCalendar.days(year: parts[0], month: parts[1], day: parts[2])
            if date1904 { return Double(days - CivilCalendar.days(year: 1904, month: 1, day: 1)) }
            let serial = days - CivilCalendar.days(year: 1899, month: 12, day: 30)
            return Double(serial >= 61 ? serial : serial - 1)  // before 1900-03-01 the phantom 29 February is not yet counted
        case .text, .time: return nil
        }
    }
}
