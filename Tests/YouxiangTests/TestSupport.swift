import Foundation

/// Paths for tests: the repository root (from this file's location) and the fixtures folder.
enum TestPaths {
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func repo(_ relative: String) -> String { repoRoot + "/" + relative }

    static let fixtures: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path

    static func fixture(_ relative: String) -> String { fixtures + "/" + relative }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "config.yml", in folder: String? = nil) throws -> String {
        let dir = folder ?? (NSTemporaryDirectory() + "youxiang-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
