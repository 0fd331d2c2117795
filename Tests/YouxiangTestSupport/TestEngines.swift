import Logging
import YouxiangModules
import YouxiangRuntime

/// Engines for tests, built from a configuration file with every registered module.
public enum TestEngines {
    /// An engine running `path` (not started: no collection yet), its snapshot built once.
    public static func engine(config path: String) async throws -> Engine {
        let e = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await e.rebuild()
        return e
    }

    /// An engine running the shipped configuration, deploy/youxiang.yml.
    public static func shipped() async throws -> Engine { try await engine(config: TestPaths.repo("deploy/youxiang.yml")) }
}
