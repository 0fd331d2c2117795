import Foundation

/// A plain reading of a shipped UTF-8 CSV (one header row, no quoted cells), independent of the project's reader.
public enum PlainCSV {
    /// The header's names and each data row's cells, in file order.
    public static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r", with: "")
        let lines = text.split(separator: "\n").map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") }
        guard let head = lines.first else { return ([], []) }
        func cells(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (cells(head), lines.dropFirst().map(cells))
    }

    /// Each data row as header → cell.
    public static func rows(_ path: String) throws -> [[String: String]] {
        let t = try table(path)
        return t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0).map { ($0, $1) }) }
    }
}
