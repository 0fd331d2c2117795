/// Invisible format characters that a data cell's text must not carry into labels, pages, reports or alerts: the
/// Unicode bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F
/// marks, U+061C the Arabic letter mark), which can make “甲小学” display reversed or hide text, and the other
/// zero-width format characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), which make two names that look the same differ.
/// None has a place in the district's Chinese names, ids or numbers; they are removed where a cell's text is read (the
/// readers' `TableRow.text`), so everything downstream sees the visible text only.
public enum FormatControls {
    /// Whether `s` is one of the removed characters.
    @inline(__always)
    public static func contains(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Whether `bytes` (UTF-8) may hold one of the removed characters: a lead byte 0xD8 (U+061C), 0xE2 (U+2xxx) or
    /// 0xEF (U+FEFF). A cheap pre-check: false means the text has none.
    @inline(__always)
    public static func mayOccur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == 0xE2 || $0 == 0xD8 || $0 == 0xEF }
    }

    /// `text` without the removed characters (the text itself when it has none).
    public static func stripped(_ text: String) -> String {
        // Bytes first (no scalar decoding): most cells have no lead byte any of the characters starts with.
        guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xD8 || $0 == 0xEF }), text.unicodeScalars.contains(where: contains) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !contains(s) { out.append(s) }
        return String(out)
    }
}
