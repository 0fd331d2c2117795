/// A problem found in a configuration or data file, with its position.
///
/// `description` reads `file:line:column: error: key.path: message`, the shape compilers use, so editors can jump to
/// it. `line`/`column` are 1-based; 0 means "the whole file".
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    /// The key path inside the YAML document, e.g. `collectors[2].columns.enrolled`; empty when not applicable.
    public var path: String
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, path: String = "", message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.severity = severity
    }

    public var description: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        if line > 0, column > 0 { s += ":\(column)" }
        s += ": \(severity.rawValue): "
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }
}

/// Several diagnostics thrown at once (a configuration is reported whole, never one error at a time).
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
