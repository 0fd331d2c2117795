/// Makes a data-derived text (an annotation, a label value, a school's name) inert in the chat robots' markdown
/// (DingTalk `msgtype: markdown`, WeCom `msgtype: markdown`), so it shows as the text it is and cannot add links,
/// images, emphasis, headings, quotes, lists, code, tables or HTML tags (`<font>`, …) to the message.
///
/// Neither robot documents backslash escapes, so a backslash could show up literally; instead each character that opens
/// markdown syntax is replaced by its full-width form, which no markdown renders and which reads naturally in Chinese
/// text: `[` `]` `<` `>` `*` `_` `#` `|` `~` `\` `&` and the backtick become `［` `］` `＜` `＞` `＊` `＿` `＃` `｜`
/// `～` `＼` `＆` and `｀` (`&` too, so no HTML entity such as `&#x202E;` is decoded), except an `_` between two ASCII
/// letters or digits (`kindergartens_2025.csv`), which CommonMark never reads as emphasis, so file names and ids stay
/// as written. A URL scheme's `://` becomes `：//` and the dot of a word-initial `www.` becomes `．` (GitHub-style
/// markdown links a bare `www.example.com` too), so a bare address is not turned into a link. Line breaks (CR, LF,
/// U+0085, U+2028, U+2029) become a space: the text stays inside the line the message template put it on, so it cannot
/// start a heading, a quote or a list. A value that begins like a list item (`-`, `+`, `1.`, `1)`) has that marker
/// made full-width too. Template text (the `**` and `> ` around a value, the title) is not passed through this.
public enum MarkdownText {
    /// `text` with markdown syntax and line breaks neutralised (see the type's documentation).
    public static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\r":
                // CR LF is one break.
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                out.append(" ")
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(" ")
            case ":" where i + 2 < scalars.count && scalars[i + 1] == "/" && scalars[i + 2] == "/":
                out.append("：")
            case "." where startsWWW(scalars, dot: i):
                out.append("．")
            case "_" where i > 0 && i + 1 < scalars.count && isWordScalar(scalars[i - 1]) && isWordScalar(scalars[i + 1]):
                // Inside a word (`kindergartens_2025.csv`, `keep_last_good`): not emphasis in CommonMark; kept.
                out.append(c)
            default:
                if let wide = fullWidth[c] { out.append(wide) } else { out.append(c) }
            }
            i += 1
        }
        return listMarkerNeutralised(String(out))
    }

    /// The markdown syntax characters and their full-width forms.
    static let fullWidth: [Unicode.Scalar: Unicode.Scalar] = [
        "[": "［", "]": "］", "<": "＜", ">": "＞", "*": "＊", "_": "＿", "`": "｀", "#": "＃", "|": "｜", "~": "～",
        "\\": "＼", "&": "＆",
    ]

    /// Whether the `.` at `dot` ends a `www` (any case) that starts a word: `www.example.com`, not `awww.x`.
    private static func startsWWW(_ scalars: [Unicode.Scalar], dot: Int) -> Bool {
        guard dot >= 3, scalars[(dot - 3)..<dot].allSatisfy({ $0 == "w" || $0 == "W" }) else { return false }
        return dot == 3 || !isWordScalar(scalars[dot - 4])
    }

    /// An ASCII letter or digit.
    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    /// A leading list marker (after blanks): `-`, `+` → `－`, `＋`; the `.` or `)` after leading digits → `．`, `）`.
    private static func listMarkerNeutralised(_ s: String) -> String {
        let start = s.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" } ?? s.unicodeScalars.endIndex
        var scalars = s.unicodeScalars
        guard start < scalars.endIndex else { return s }
        switch scalars[start] {
        case "-": scalars.replaceSubrange(start...start, with: ["－"])
        case "+": scalars.replaceSubrange(start...start, with: ["＋"])
        case "0"..."9":
            let end = scalars[start...].firstIndex { !("0"..."9").contains($0) } ?? scalars.endIndex
            guard end < scalars.endIndex else { return s }
            if scalars[end] == "." { scalars.replaceSubrange(end...end, with: ["．"]) }
            if scalars[end] == ")" { scalars.replaceSubrange(end...end, with: ["）"]) }
        default: return s
        }
        return String(scalars)
    }
}
