/// Text encodings of spreadsheet exports.
///
/// Excel on Chinese Windows saves CSV as GBK (code page 936); newer tools write GB18030 or UTF-8 (often with a BOM).
/// The raw value is the canonical configuration spelling.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8; a BOM at the very start of a CSV file is skipped.
    case utf8 = "utf-8"
    /// GBK / code page 936 (glibc iconv's `GBK` converter). `gb2312` files are read as GBK, a superset.
    case gbk
    /// GB18030, the superset of GBK that covers all of Unicode.
    case gb18030

    /// Parses a configured encoding name, case-insensitively and ignoring surrounding whitespace.
    ///
    /// Accepts `utf-8`, `utf8`, `gbk`, `cp936`, `windows-936`, `gb2312` (read as GBK) and `gb18030`;
    /// returns `nil` for anything else.
    public init?(name: String) {
        var key = ""
        for scalar in name.unicodeScalars where !scalar.properties.isWhitespace {
            key.unicodeScalars.append(scalar)
        }
        switch key.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gbk", "cp936", "windows-936", "gb2312": self = .gbk
        case "gb18030": self = .gb18030
        default: return nil
        }
    }

    /// The name glibc's `iconv_open` knows this encoding by.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gbk: return "GBK"
        case .gb18030: return "GB18030"
        }
    }
}
