extension StringProtocol {
    /// The text without the leading and trailing characters for which `isTrimmed` is true (the one trimming routine
    /// of the project; Foundation's `trimmingCharacters(in:)` is used only where a `CharacterSet` is meant).
    public func trimming(where isTrimmed: (Character) -> Bool) -> String {
        String(drop(while: isTrimmed).reversed().drop(while: isTrimmed).reversed())
    }

    /// The text without leading and trailing spaces and tabs (header parameters, matchers, template actions).
    public var trimmingSpaces: String { trimming { $0 == " " || $0 == "\t" } }
}
