/// Escaping text for the formats the daemon writes by hand (log lines, YAML scalars, diagnostics, HTML). The
/// exposition's label escaping is not here: it works on bytes, in the exposition writer's hot loop.
public enum TextEscaping {
    /// `text` with every Unicode scalar found in `table` replaced by its entry, and every other scalar for which
    /// `other` returns a string replaced by that; the rest is kept as it is.
    public static func escaping(
        _ text: String, _ table: [Unicode.Scalar: String],
        other: (Unicode.Scalar) -> String? = { _ in nil }
    ) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            if let r = table[u] ?? other(u) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// JSON's (and logfmt's) backslash escapes for `"`, `\`, newline, carriage return and tab.
    public static let backslash: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]

    /// HTML's escapes for element content and quoted attributes: `& < > " '`.
    public static let html: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
}
