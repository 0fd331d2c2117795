/// Path helpers.
public enum Paths {
    /// `path` if absolute, else `base/path`.
    public static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base.isEmpty { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// What follows a data path as written in the YAML in a message: ` (/abs/path)`, the path resolved against the
    /// config's folder, only when resolving changed it, so an absolute path is printed once; else "".
    public static func resolvedNote(_ raw: String, resolved: String) -> String {
        raw == resolved ? "" : " (\(resolved))"
    }

    /// The folder part of a file path ("." for a bare name).
    public static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }
}
