import Foundation

/// The per-record text checks of the readers whose cells arrive as `String`s (workbooks, database results): is the
/// record blank, does its first non-blank cell hold a skip marker. On the hot path of every record, so a cell that
/// neither starts nor ends with white space costs no Foundation call.
enum RecordText {
    /// `text` without leading and trailing white space (Unicode White_Space, the set Foundation's
    /// `whitespacesAndNewlines` holds); the text itself when it neither starts nor ends with white space.
    static func trimmed(_ text: String) -> String {
        guard let a = text.unicodeScalars.first, let z = text.unicodeScalars.last else { return text }
        if !a.properties.isWhitespace, !z.properties.isWhitespace { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `text` contains `needle` (UTF-8 bytes, compared byte for byte).
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var t = text
        return t.withUTF8 { h in
            guard !needle.isEmpty, needle.count <= h.count else { return needle.isEmpty }
            var i = 0
            while i <= h.count - needle.count {
                if h[i] == needle[0], h[i..<(i + needle.count)].elementsEqual(needle) { return true }
                i += 1
            }
            return false
        }
    }
}
