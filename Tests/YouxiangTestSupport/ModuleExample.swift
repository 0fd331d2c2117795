import Foundation
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// A module's shipped example (`plugins/<folder>/example.yml`, loaded with every registered module) collected once,
/// for the modules' own tests.
public struct ModuleExample: Sendable {
    /// Samples of every collector of the module, in collector order.
    public var samples: [Sample] = []
    /// File-level errors of those runs (the shipped example has none).
    public var errors: [String] = []
    /// Rejected rows of those runs (the shipped data has none).
    public var rejectedRows: [String] = []
    /// Samples whose family the collector did not declare (never any).
    public var undeclared: [Sample] = []

    /// Loads and collects the example of `plugins/<folder>`; throws the configuration's diagnostics.
    public static func collect(folder: String) async throws -> ModuleExample {
        let pipeline = try Pipeline.load(path: TestPaths.repo("plugins/\(folder)/example.yml"), modules: allModules).get()
        var out = ModuleExample()
        for entry in pipeline.config.collectors {
            let result = try await entry.collector.collect()
            let declared = Set(entry.collector.families.map(\.name))
            out.samples += result.samples
            out.errors += result.errors
            out.rejectedRows += result.rejectedRows
            out.undeclared += result.samples.filter { !declared.contains($0.family) }
        }
        return out
    }

    /// What is wrong with the run, one line each: file errors, rejected rows, undeclared samples, or no sample at all
    /// (empty for the shipped examples).
    public var problems: [String] {
        errors.map { "error: \($0)" } + rejectedRows.map { "rejected: \($0)" } + undeclared.map { "undeclared: \($0.family)" }
            + (samples.isEmpty ? ["no sample"] : [])
    }

    /// The value of the one sample of `family` whose labels include `labels`; nil when there is none.
    public func value(_ family: String, _ labels: [String: String]) -> Double? {
        samples.first { s in s.family == family && labels.allSatisfy { s.labels[$0.key] == $0.value } }?.value
    }
}
