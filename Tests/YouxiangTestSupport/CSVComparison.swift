import Foundation
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// What the tests of the other source kinds share when they compare with the CSV files (`http` API, `sql` database,
/// JSON files): the shipped digital-infrastructure example, whose two CSV sources (campus networks per year, AI labs)
/// are replaced by the kind under test; its rows as plain text; one collection of a configuration as the runtime
/// publishes it; and the difference of two collections in words.
public enum CSVComparison {
    /// The example whose CSV files are the reference: `plugins/digital_infrastructure/example.yml`.
    public static let example = TestPaths.repo("plugins/digital_infrastructure/example.yml")
    /// The example's data folder, with its trailing `/`.
    public static let data = TestPaths.repo("plugins/digital_infrastructure/data/")
    /// The years of the campus-network files, `campus_network_<year>.csv`.
    public static let campusYears = [2022, 2023, 2024, 2025]

    /// The path of the campus-network file of `year`.
    public static func campusFile(_ year: Int) -> String { data + "campus_network_\(year).csv" }
    /// The path of the AI-labs file (no year: each row has its 建成年份).
    public static let labsFile = data + "ai_labs.csv"

    /// The example with the campus-network `files:` replaced by `campuses` and the AI-labs `files:` by `labs` (the
    /// text of a source block's keys, e.g. `sql: {…}` or `http: {…}`), the plan's path made absolute, written to a new
    /// file in `dir`; returns its path.
    public static func config(campuses: String, labs: String, dir: String) throws -> String {
        var yaml = try String(contentsOfFile: example, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "../plan/", with: TestPaths.repo("plugins/plan/"))
        let campusFiles = """
                  files:
                    - {path: data/campus_network_2022.csv, year: 2022}
                    - {path: data/campus_network_2023.csv, year: 2023}
                    - {path: data/campus_network_2024.csv, year: 2024}
                    - {path: data/campus_network_2025.csv, year: 2025}

            """
        let labsFiles = """
                  files:
                    - {path: data/ai_labs.csv}

            """
        guard yaml.contains(campusFiles), yaml.contains(labsFiles) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: example, NSLocalizedDescriptionKey: "the example's files: blocks changed"])
        }
        yaml = yaml.replacingOccurrences(of: campusFiles, with: "      \(campuses)\n").replacingOccurrences(of: labsFiles, with: "      \(labs)\n")
        let path = dir + "/config-\(UUID().uuidString.prefix(8)).yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What one collection of every collector of a configuration gave, as the runtime publishes it.
    public struct Collected: Sendable {
        /// The `eduplan_*` samples, an incomplete family-year withheld (as `CollectorRunner` does).
        public var samples: Set<Sample> = []
        /// File-level errors and rejected rows.
        public var errors: [String] = []
        /// Rows read.
        public var rows = 0
        /// Why family-years are incomplete.
        public var problems: [DataProblem] = []

        /// The samples only in `self` and only in `other`, the first three of each, for a failed comparison's message.
        public func difference(_ other: Collected, _ name: String, _ otherName: String) -> String {
            "only \(name): \(samples.subtracting(other.samples).prefix(3)); only \(otherName): \(other.samples.subtracting(samples).prefix(3))"
        }
    }

    /// Loads `path` with every registered module and runs each collector once.
    public static func collect(_ path: String) async throws -> Collected {
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        var c = Collected()
        for entry in pipeline.config.collectors {
            let r = try await entry.collector.collect()
            c.samples.formUnion(r.problems.withholding(r.samples).kept.filter { $0.family.hasPrefix("eduplan_") })
            c.errors += r.errors + r.rejectedRows
            c.rows += r.rowsRead
            c.problems += r.problems
        }
        return c
    }

    /// A new temporary folder (the caller removes it).
    public static func temporaryDirectory(_ prefix: String) throws -> String {
        let dir = NSTemporaryDirectory() + "youxiang-\(prefix)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
