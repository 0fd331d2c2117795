import Foundation
import Logging
import Testing
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// The file watcher when a data file and the configuration change in the same poll (review finding 3): the reload
/// keeps the collector unchanged, and the collector still re-reads its changed data file.
@Suite struct FileWatchRaceTests {
    @Test func dataChangeInTheSamePollAsAConfigChangeIsNotLost() async throws {
        let s = try ReloadTests.Setup()
        let config = try s.write(["a"])
        let engine = Engine(pipeline: try Pipeline.load(path: config, modules: allModules).get(), logger: Logger(label: "t"))
        let reloader = Reloader(path: config, modules: allModules, engine: engine, logger: Logger(label: "t"))
        let (c, d) = await engine.watchedFiles()
        let watcher = FileWatchService(
            engine: engine, reloader: reloader, interval: .milliseconds(300), logger: Logger(label: "t"),
            baseline: FileWatchService.stamps(c + d.keys.sorted()))
        await engine.collectAll()
        await reloader.recordStart(await engine.pipeline)
        let key: Labels = ["district": "330206", "year": "2023"]
        #expect(engine.published.current.snapshot.value("eduplan_a_rows", key) == 2)
        await engine.start()
        let task = Task { try await watcher.run() }
        defer { task.cancel() }

        // Both files change between two polls: each new content is written aside, then both are renamed into place at
        // once (microseconds apart, against a 300 ms poll). A row for 2023 is added, and a comment to the YAML.
        let data = s.dir + "/registry.csv"
        try "年份,名称\n2022,甲\n2023,乙\n2023,丙\n2023,丁\n".write(toFile: data + ".new", atomically: false, encoding: .utf8)
        try (String(contentsOfFile: config, encoding: .utf8) + "# c\n").write(toFile: config + ".new", atomically: false, encoding: .utf8)
        #expect(rename(data + ".new", data) == 0 && rename(config + ".new", config) == 0)

        // Waits for the outcome (a bound, not a timing assertion): the 2023 count becomes 3.
        var value = engine.published.current.snapshot.value("eduplan_a_rows", key)
        for _ in 0..<250 where value != 3 {
            try await Task.sleep(for: .milliseconds(20))
            value = engine.published.current.snapshot.value("eduplan_a_rows", key)
        }
        #expect(value == 3, "the changed data file was not re-read after the reload in the same poll")
        // And the configuration change was reloaded (the hash the reload read is the edited file's).
        let file = await engine.pipeline.config.file
        let loaded = await reloader.loadedHash(of: file)
        #expect(loaded == .some(ContentHash.of(file)), "the configuration change was not reloaded")
        await engine.stop()
    }
}
