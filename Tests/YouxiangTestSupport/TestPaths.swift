import Foundation

/// Paths for tests: the repository root (from this file's location) and temporary files. Shared by `YouxiangTests`
/// and every module's own tests (`plugins/<module>/Tests`); `YouxiangTests` adds its bundled `Fixtures` folder.
public enum TestPaths {
    /// The repository's root folder.
    public static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `relative` (e.g. `plugins/plan/targets.yml`) below the repository root.
    public static func repo(_ relative: String) -> String { repoRoot + "/" + relative }

    /// Writes `text` to a new temporary file and returns its path.
    public static func temporaryFile(_ text: String, name: String = "config.yml", in folder: String? = nil) throws -> String {
        let dir = folder ?? (NSTemporaryDirectory() + "youxiang-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
