/// Invisible format characters that a data cell's text must not carry into labels, pages, reports or alerts: the
/// Unicode bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F
/// marks, U+061C the Arabic letter mark), which can make “甲小学” display reversed or hide text, and the other
/// zero-width format characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), which make two names that look the same differ,
/// and the C0 control characters other than tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
/// U+000E–U+001F) and DEL (U+007F), which a NUL in a school's name carried into label values and pages. None has a place in the district's Chinese names, ids or numbers; they are removed where a cell's text is read (the
/// readers' `TableRow.text`), so everything downstream sees the visible text only.
public enum FormatControls {
    /// Whether `s` is one of the removed characters.
    @inline(__always)
    public static func contains(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return true
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Whether `bytes` (UTF-8) may hold one of the removed characters: a byte below 0x20 or 0x7F (controls; tab and
    /// line breaks pass the check but are kept), a lead byte 0xD8 (U+061C), 0xE2 (U+2xxx) or 0xEF (U+FEFF). A cheap
    /// pre-check: false means the text has none.
    @inline(__always)
    public static func mayOccur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(where: mayStart)
    }

    /// Whether a UTF-8 byte may start one of the removed characters (see ``mayOccur(in:)``).
    @inline(__always)
    static func mayStart(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x7F || b == 0xE2 || b == 0xD8 || b == 0xEF
    }

    /// `text` without the removed characters (the text itself when it has none).
    public static func stripped(_ text: String) -> String {
        // Bytes first (no scalar decoding): most cells have no lead byte any of the characters starts with.
        guard text.utf8.contains(where: mayStart), text.unicodeScalars.contains(where: contains) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !contains(s) { out.append(s) }
        return String(out)
    }
}
