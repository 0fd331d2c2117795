import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one sheet of an `.xlsx`/`.xlsm` workbook into ``TableRow``s, with the same ``TableSpec`` and the same rules
/// as ``TableReader`` reads a CSV export of that sheet.
///
/// - Rows are sheet rows: `skipRows` skips sheet rows 1…skipRows (title rows, merged or not), the next `headerRows`
///   rows are the header (a merged header cell has its text in its first cell only, and is joined like the CSV
///   two-row header: `在园幼儿数/合计`), every later row is data. A row absent from the sheet is blank.
/// - Cell values: shared and inline strings, numbers (integral ones without exponent: a 学校标识码 stays a 10-digit
///   string whether stored as text or as a number), booleans (`true`/`false`), the cached value of a formula, dates
///   as `yyyy-mm-dd` where the cell's number format is a date (1900 and 1904 date systems). Error values (`#DIV/0!`)
///   reach the row as text and are rejected where a number is needed.
/// - Diagnostics name the cell: `data/kg.xlsx:基础基311!D17: 在园幼儿数/合计: "#DIV/0!" is not a number`.
/// - ``XLSXLimits`` bound the inflated size of each part and the cell count.
public enum XLSXTableReader {
    /// Reads the sheet `sheet` (a name, or a 1-based index when no sheet has that name; nil: the first visible sheet).
    ///
    /// - Throws: ``IngestDiagnostic`` for file-level problems: not a workbook, no such sheet, a limit exceeded, XML that
    ///   does not parse, a mapped header missing or ambiguous (the message lists the headers present).
    public static func read(path: String, sheet: String?, spec: TableSpec, limits: XLSXLimits = XLSXLimits()) throws(IngestDiagnostic) -> TableReadResult {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        let chosen = try workbook.sheet(sheet)
        guard let xml = try workbook.part(chosen.part, required: true) else { throw IngestDiagnostic(file: path, line: 0, message: "sheet part missing") }
        var builder = GridTableBuilder(file: path, sheet: chosen.name, spec: spec, date1904: workbook.date1904)
        let scanner = XLSXSheetScanner(workbook: workbook, maxCells: limits.maxCells)
        try scanner.run(xml, file: path, sheet: chosen.name) { row, cells throws(IngestDiagnostic) in
            try builder.add(row: row, cells: cells)
        }
        return try builder.finish()
    }
}
