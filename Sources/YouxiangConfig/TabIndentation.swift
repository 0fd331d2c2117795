/// The hint for YAML indented with tabs, which YAML forbids (libyaml only says "found character that cannot start
/// any token").
public enum TabIndentation {
    /// The fix, given with the position of a tab-indented line.
    public static let hint = "YAML does not allow tabs for indentation; use spaces"

    /// The 1-based number of the first line at or before `line` whose indentation contains a tab, or nil. A YAML
    /// syntax error at or after such a line is most likely caused by it.
    public static func line(in text: String, atOrBefore line: Int) -> Int? {
        var number = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if number > line { break }
            if row.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") { return number }
        }
        return nil
    }
}
