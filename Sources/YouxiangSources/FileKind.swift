import Foundation
import YouxiangIngest

/// What a data file is by its first bytes, so a workbook configured as CSV fails with the fix instead of
/// “bytes are not valid UTF-8”.
enum FileKind {
    /// Throws when `path` starts like an `.xlsx` (zip) or an `.xls` (OLE2 compound document) workbook.
    static func refuseWorkbook(path: String, displayPath: String, configuredAs format: String) throws(IngestDiagnostic) {
        // Only regular files are looked at: opening a FIFO would block here, outside the reader's own timeout handling.
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
            let handle = FileHandle(forReadingAtPath: path)
        else { return }  // the reader reports a missing file
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw IngestDiagnostic(
                file: displayPath, line: 0,
                message:
                    "this file is an Excel workbook (.xlsx), not \(format); set `format: xlsx` on it (and `sheet: <name or 1-based index>` "
                    + "when the table is not on the first sheet), or give the path its .xlsx extension")
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw IngestDiagnostic(
                file: displayPath, line: 0,
                message:
                    "this file is an old Excel workbook (.xls), not \(format); set `format: xls` on it (and `sheet: <name or 1-based index>` "
                    + "when the table is not on the first sheet), or give the path its .xls extension")
        }
    }
}
