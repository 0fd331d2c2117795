import CFreeXL
import Foundation
import YouxiangCore

/// Reads one sheet of an `.xls` workbook (BIFF8, what WPS and Excel 97–2003 save; BIFF5 and older too) into
/// ``TableRow``s through Debian's FreeXL, with the same ``TableSpec`` and the same rules as ``XLSXTableReader``:
/// title rows (`skipRows`), a one- to three-row header with merged cells joined like the CSV two-row header
/// (`在园幼儿数/合计`), 合计/其中 rows skipped by the shared markers, diagnostics naming the cell
/// (`data/kg.xls:基础基311!D17`).
///
/// Cell values: strings as they are (a 学校标识码 typed or styled as text stays a string), numbers in their shortest
/// form (integral ones without exponent or fraction, so an id stored as a number is `3302060001`), the cached value of
/// a formula, dates as `yyyy-mm-dd` (FreeXL recognises the date formats; 1900 and 1904 systems), times as `hh:mm:ss`.
/// What FreeXL does not report, and so reads differently from an `.xlsx`: a percentage-formatted cell reads as the
/// fraction stored (92.5% → `0.925`), a boolean as `1`/`0`, and every sheet counts as visible (the default sheet is
/// the first one).
///
/// Limits (``XLSXLimits``): `maxPartBytes` bounds the file's size, checked before FreeXL opens it; `maxCells` bounds
/// the chosen sheet's rows × columns. FreeXL itself reads the whole workbook at open.
public enum XLSTableReader {
    /// Reads the sheet `sheet` (a name, or a 1-based index when no sheet has that name; nil: the first sheet).
    ///
    /// - Throws: ``IngestDiagnostic`` for file-level problems: not an `.xls` workbook, damaged, password-protected, no
    ///   such sheet, a limit exceeded, a mapped header missing or ambiguous (the message lists the headers present).
    public static func read(path: String, sheet: String?, spec: TableSpec, limits: XLSXLimits = XLSXLimits()) throws(IngestDiagnostic) -> TableReadResult {
        func fail(_ message: String) -> IngestDiagnostic { IngestDiagnostic(file: path, line: 0, message: message) }
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

        var handle: UnsafeRawPointer?
        let opened = freexl_open(path, &handle)
        defer { if handle != nil { freexl_close(handle) } }
        guard opened == FREEXL_OK, let handle else { throw fail("not a readable .xls workbook: \(Self.describe(opened)); re-save it from Excel or WPS") }

        var info: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK, info == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw fail("the workbook is password-protected; save an unprotected copy")
        }
        var dateMode: UInt32 = 0
        _ = freexl_get_info(handle, UInt16(FREEXL_BIFF_DATEMODE), &dateMode)
        var count: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK, count > 0 else { throw fail("workbook has no sheets") }
        var names: [String] = []
        for i in 0..<min(count, UInt32(UInt16.max)) {
            var name: UnsafePointer<CChar>?
            names.append(freexl_get_worksheet_name(handle, UInt16(i), &name) == FREEXL_OK ? name.map { String(cString: $0) } ?? "" : "")
        }
        let index: Int
        if let sheet {
            if let i = names.firstIndex(of: sheet) {
                index = i
            } else if let i = Int(sheet), (1...names.count).contains(i) {
                index = i - 1
            } else {
                throw fail("no sheet \"\(sheet)\"; sheets: \(names.joined(separator: ", ")) (or give `sheet:` as a 1-based index)")
            }
        } else {
            index = 0
        }
        let sheetName = names[index]
        guard freexl_select_active_worksheet(handle, UInt16(index)) == FREEXL_OK else { throw fail("cannot select sheet \"\(sheetName)\"") }
        var lastRow: UInt32 = 0
        var lastColumn: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &lastRow, &lastColumn) == FREEXL_OK else { throw fail("cannot read the size of sheet \"\(sheetName)\"") }
        // FreeXL gives the count of rows and columns (an empty sheet: 0 × 0).
        let rows = Int(lastRow), columns = Int(lastColumn)
        // Rows without a column hold no cell, but walking them is not free: a damaged dimension record declaring
        // 246,546,456 rows × 0 columns kept the reader busy for minutes (found by fuzz/run xls).
        if columns == 0, rows > 0 {
            throw IngestDiagnostic(
                file: path, line: 0, message: "sheet declares \(rows) rows but no column: the workbook is damaged; re-save it from Excel or WPS",
                sheet: sheetName)
        }
        if rows * columns > limits.maxCells {
            throw IngestDiagnostic(
                file: path, line: 0, message: "sheet is \(rows) rows × \(columns) columns, more than \(limits.maxCells) cells (limit maxCells)",
                sheet: sheetName)
        }

        var builder = GridTableBuilder(file: path, sheet: sheetName, spec: spec, date1904: dateMode == UInt32(FREEXL_BIFF_DATEMODE_1904))
        var value = FreeXL_CellValue()
        for r in 0..<rows {
            var cells: [GridCell] = []
            for c in 0..<columns {
                guard freexl_get_cell_value(handle, UInt32(r), UInt16(c), &value) == FREEXL_OK,
                    let text = Self.text(value), !text.isEmpty
                else { continue }
                cells.append(GridCell(column: c + 1, text: text, number: Self.number(value, text: text, date1904: builder.date1904)))
            }
            // A row without any cell is a row absent from the sheet, as in an .xlsx.
            if !cells.isEmpty { try builder.add(row: r + 1, cells: cells) }
        }
        return try builder.finish()
    }

    /// The text of a cell as the reader hands it on (see the type's documentation); nil for an empty cell.
    static func text(_ v: FreeXL_CellValue) -> String? {
        switch Int32(v.type) {
        case FREEXL_CELL_INT: return String(v.value.int_value)
        case FREEXL_CELL_DOUBLE: return XLSXWorkbook.plain(v.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_TIME: return v.value.text_value.map { String(cString: $0) }
        // `yyyy-mm-dd hh:mm:ss`: the day, as an .xlsx date cell reads.
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME: return v.value.text_value.map { String(String(cString: $0).prefix(10)) }
        default: return nil
        }
    }

    /// The number a cell stores, for declared date and year columns: a number cell's value; for a date cell (FreeXL
    /// hands on only its `yyyy-mm-dd`), its serial back from the date (1900 system: day 1 is 1900-01-01 with Excel's
    /// phantom 1900-02-29, so serial = days since 1899-12-30 from 1900-03-01 on; 1904 system: days since 1904-01-01).
    static func number(_ v: FreeXL_CellValue, text: String, date1904: Bool) -> Double? {
        switch Int32(v.type) {
        case FREEXL_CELL_INT: return Double(v.value.int_value)
        case FREEXL_CELL_DOUBLE: return v.value.double_value
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            let days = CivilCalendar.days(year: parts[0], month: parts[1], day: parts[2])
            if date1904 { return Double(days - CivilCalendar.days(year: 1904, month: 1, day: 1)) }
            let serial = days - CivilCalendar.days(year: 1899, month: 12, day: 30)
            return Double(serial >= 61 ? serial : serial - 1)  // before 1900-03-01 the phantom 29 February is not yet counted
        default: return nil
        }
    }

    /// FreeXL's error codes in words.
    static func describe(_ code: Int32) -> String {
        switch code {
        case FREEXL_FILE_NOT_FOUND: return "no such file"
        case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory (the sheet dimensions are absurd)"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE: return "not an OLE2 compound document (not an .xls file)"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: return "the file is cut short"
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "no workbook stream inside (not an Excel file)"
        case FREEXL_CRAFTED_FILE: return "severely damaged (FreeXL refuses it as crafted)"
        case FREEXL_UNSUPPORTED_CHARSET, FREEXL_INVALID_CHARACTER: return "its text is in a character set FreeXL cannot convert"
        default: return "damaged (FreeXL error \(code))"
        }
    }
}
