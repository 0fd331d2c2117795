/// How a data value appears in a log line or an error message: quoted, at most ``maxCharacters`` characters of it, with
/// its size when it is longer, so a hostile or broken cell (a 300 MB string, a 1 MiB CSV record) never lands whole in a
/// log. Quotes, line breaks and tabs are escaped (`\"`, `\n`, `\r`, `\t`) and invisible format characters
/// (``FormatControls``) are shown as `\u{202E}`, so the line stays one line and reads as what the cell holds.
public enum ValuePreview {
    /// The most characters of a value quoted in a message.
    public static let maxCharacters = 64

    /// `"text"`, or `"first 64 characters…" (N bytes)` for a longer text.
    public static func quoted(_ text: String) -> String {
        var shown = ""
        var count = 0
        var cut = false
        for s in text.unicodeScalars {
            if count == maxCharacters {
                cut = true
                break
            }
            count += 1
            switch s {
            case "\"": shown += "\\\""
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            default:
                if FormatControls.contains(s) {
                    shown += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
                } else {
                    shown.unicodeScalars.append(s)
                }
            }
        }
        return cut ? "\"\(shown)…\" (\(text.utf8.count) bytes)" : "\"\(shown)\""
    }
}
