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

        // Waits for both outcomes (a bound, not a timing assertion; 30 s for a loaded machine, where 5 s saw the new
        // data before the reload had recorded the new configuration): the 2023 count becomes 3, and the hash the
        // reload read is the edited file's.
        let file = await engine.pipeline.config.file
        func state() async -> (Double?, Bool) {
            (engine.published.current.snapshot.value("eduplan_a_rows", key), await reloader.loadedHash(of: file) == .some(ContentHash.of(file)))
        }
        var (value, reloaded) = await state()
        for _ in 0..<1500 where value != 3 || !reloaded {
            try await Task.sleep(for: .milliseconds(20))
            (value, reloaded) = await state()
        }
        #expect(value == 3, "the changed data file was not re-read after the reload in the same poll")
        #expect(reloaded, "the configuration change was not reloaded")
        await engine.stop()
    }
}
