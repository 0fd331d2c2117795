/// Path helpers.
public enum Paths {
    /// `path` if absolute, else `base/path`.
    public static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base.isEmpty { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// A data path as an operator should see it in a message: `raw` as written in the YAML, followed by
    /// ` (resolved: /abs/path)` only when resolving it against the config's folder changed it, so an absolute path
    /// is printed once.
    public static func shown(_ raw: String, resolved: String) -> String {
        raw == resolved ? raw : "\(raw) (resolved: \(resolved))"
    }

    /// The folder part of a file path ("." for a bare name).
    public static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }
}
