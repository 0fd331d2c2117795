import Foundation

/// A file entry whose path has the year in it (`path: data/kg_{year}.xlsx`): every file of the folder whose name
/// matches, with its year from the name, so a new school year needs a new file and no YAML edit.
///
/// Only the file name may hold `{year}` (once); the year is four digits. The folder is listed each time the source is
/// read or watched, so a file appearing is read at the next run, and the watcher, which watches the folder, notices it.
public struct YearPattern: Sendable {
    /// The entry's settings; its `path`/`displayPath` hold the pattern, its `year` is nil.
    public var template: SourceFile
    /// The resolved folder that is listed.
    public var directory: String
    let prefix: String
    let suffix: String

    /// Parses a resolved pattern path; nil when `{year}` is not in the file name exactly once.
    public init?(template: SourceFile) {
        let path = template.path
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let parts = name.components(separatedBy: "{year}")
        guard parts.count == 2, !folder.contains("{year}") else { return nil }
        self.template = template
        directory = folder.isEmpty ? "/" : folder
        prefix = parts[0]
        suffix = parts[1]
    }

    /// The matching files now, by year.
    public func files() -> [SourceFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var out: [SourceFile] = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count == prefix.count + 4 + suffix.count {
            let middle = name.dropFirst(prefix.count).prefix(4)
            guard middle.allSatisfy(\.isASCII), middle.allSatisfy(\.isNumber), let year = Int(middle) else { continue }
            var f = template
            f.year = year
            f.path = directory + "/" + name
            f.displayPath = template.displayPath.replacingOccurrences(of: "{year}", with: String(middle))
            out.append(f)
        }
        return out.sorted { ($0.year ?? 0) < ($1.year ?? 0) }
    }
}
