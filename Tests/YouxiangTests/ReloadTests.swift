import Foundation
import Logging
import Testing
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// Reload tables: a bad file keeps the old set; add, remove and change collectors; state of unchanged ones kept.
@Suite struct ReloadTests {
    /// A folder with a registry CSV and a config naming `collectors` (each a `table` collector counting rows).
    struct Setup {
        let dir: String
        init() throws {
            dir = NSTemporaryDirectory() + "youxiang-reload-" + UUID().uuidString
            _ = try TestPaths.temporaryFile("年份,名称\n2022,甲\n2023,乙\n2023,丙\n", name: "registry.csv", in: dir)
            // A larger table, so that re-running a changed collector takes a noticeable moment.
            _ = try TestPaths.temporaryFile("年份,名称\n" + String(repeating: "2022,甲\n2023,乙\n", count: 20000), name: "big.csv", in: dir)
        }

        func write(_ collectors: [String], edited: Set<String> = [], fast: Bool = false) throws -> String {
            var y = "global: {interval: 1h, external_labels: {district: \"330206\"}}\ncollectors:\n"
            if fast {
                // A collector running every 50 ms, unchanged by the reloads: its runs rebuild the snapshot while reloads
                // are half-way (this once published a snapshot without the changed collectors).
                y += """
                      - name: fast
                        module: table
                        interval: 50ms
                        source: {columns: {year: 年份}, files: [{path: registry.csv}]}
                        metrics: [{name: eduplan_fast_rows, help: rows, aggregate: count}]

                    """
            }
            for c in collectors {
                y += """
                      - name: \(c)
                        module: table
                        source:
                          columns: {year: 年份, name: 名称}
                          files: [{path: \(fast && c == "a" ? "big.csv" : "registry.csv")}]
                        metrics:
                          - {name: eduplan_\(c)_rows, help: "rows of \(c)\(edited.contains(c) ? " (edited)" : "")", aggregate: count}

                    """
            }
            return try TestPaths.temporaryFile(y, name: "config.yml", in: dir)
        }
    }

    static func families(_ e: Exposition) -> Set<String> {
        Set(e.snapshot.families.map(\.family.name).filter { $0.hasPrefix("eduplan_") })
    }

    @Test func addRemoveChangeAndKeep() async throws {
        let s = try Setup()
        let path = try s.write(["a", "b"])
        let engine = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        #expect(Self.families(engine.published.current) == ["eduplan_a_rows", "eduplan_b_rows"])
        let runsOfA = await engine.status(of: "a").runs

        // Remove b, add c: exactly b's series leave, c's arrive in the same snapshot; a keeps its state.
        let reloader = Reloader(path: try s.write(["a", "c"]), modules: allModules, engine: engine, logger: Logger(label: "t"))
        let summary = try await reloader.reload(reason: "test").get()
        #expect(summary == ReloadSummary(added: ["c"], removed: ["b"], changed: [], unchanged: ["a"]))
        #expect(Self.families(engine.published.current) == ["eduplan_a_rows", "eduplan_c_rows"])
        #expect(await engine.status(of: "a").runs == runsOfA)
        #expect(engine.published.current.snapshot.value("eduplan_c_rows", ["district": "330206", "year": "2023"]) == 2)

        // Change a (its HELP): it restarts; c is unchanged.
        _ = try s.write(["a", "c"], edited: ["a"])
        let changed = try await reloader.reload(reason: "test").get()
        #expect(changed.changed == ["a"] && changed.unchanged == ["c"])
        #expect(engine.published.current.snapshot.families.first { $0.family.name == "eduplan_a_rows" }?.family.help == "rows of a (edited)")
        #expect(engine.published.current.snapshot.value("youxiang_config_last_reload_successful", ["district": "330206"]) == 1)
        await engine.stop()
    }

    @Test func badFileKeepsTheRunningConfiguration() async throws {
        let s = try Setup()
        let path = try s.write(["a"])
        let engine = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        let before = String(buffer: engine.published.current.text)
        try "collectors:\n  - name: a\n    modul: table\n".write(toFile: path, atomically: true, encoding: .utf8)
        let reloader = Reloader(path: path, modules: allModules, engine: engine, logger: Logger(label: "t"))
        guard case .failure(let e) = await reloader.reload(reason: "test") else { Issue.record("reload should fail"); return }
        #expect(e.diagnostics.contains { $0.description.contains("missing required key \"module\"") })
        let after = engine.published.current
        #expect(after.snapshot.value("youxiang_config_last_reload_successful", ["district": "330206"]) == 0)
        #expect(Self.families(after) == ["eduplan_a_rows"])
        #expect(
            String(buffer: after.text).replacingOccurrences(of: "youxiang_config_last_reload_successful{district=\"330206\"} 0", with: "")
                == before.replacingOccurrences(of: "youxiang_config_last_reload_successful{district=\"330206\"} 1", with: ""))
    }

    /// A collector whose file disappears keeps serving its last good series for `keep_last_good` failed runs, marked
    /// stale, then its series are dropped.
    @Test func failingCollectorKeepsLastGoodThenDrops() async throws {
        let s = try Setup()
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: a
                module: table
                keep_last_good: 2
                source: {columns: {year: 年份}, files: [{path: registry.csv}]}
                metrics: [{name: eduplan_a_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: s.dir)
        let engine = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        try FileManager.default.removeItem(atPath: s.dir + "/registry.csv")
        for expectedStale in [1.0, 1.0] {
            await engine.collectAll()
            let e = engine.published.current
            #expect(e.snapshot.value("eduplan_a_rows", ["year": "2023"]) == 2)
            #expect(e.snapshot.value("youxiang_collector_stale", ["collector": "a", "module": "table"]) == expectedStale)
            #expect(e.snapshot.value("youxiang_collector_success", ["collector": "a", "module": "table"]) == 0)
        }
        await engine.collectAll()
        #expect(engine.published.current.snapshot.series("eduplan_a_rows").isEmpty)
        #expect(engine.published.current.snapshot.value("youxiang_collector_stale", ["collector": "a", "module": "table"]) == 0)
    }

    /// Without `keep_last_good`, README's default applies: the last good series are served (stale) for 3 failed runs,
    /// and are gone at the 4th.
    @Test func keepLastGoodDefaultsToThreeRuns() async throws {
        let s = try Setup()
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: a
                module: table
                source: {columns: {year: 年份}, files: [{path: registry.csv}]}
                metrics: [{name: eduplan_a_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: s.dir)
        let engine = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        #expect(engine.published.current.snapshot.value("eduplan_a_rows", ["year": "2023"]) == 2)
        try FileManager.default.removeItem(atPath: s.dir + "/registry.csv")
        for failed in 1...3 {
            await engine.collectAll()
            let snap = engine.published.current.snapshot
            #expect(snap.value("eduplan_a_rows", ["year": "2023"]) == 2, "failed run \(failed)")
            #expect(snap.value("youxiang_collector_stale", ["collector": "a", "module": "table"]) == 1, "failed run \(failed)")
        }
        await engine.collectAll()
        #expect(engine.published.current.snapshot.series("eduplan_a_rows").isEmpty)
        #expect(engine.published.current.snapshot.value("youxiang_collector_stale", ["collector": "a", "module": "table"]) == 0)
    }

    /// Scrapes running through repeated reloads see the old set or the new one: never torn, never duplicated.
    @Test func scrapesDuringReloadsAreNeverTorn() async throws {
        let s = try Setup()
        let pathA = try s.write(["a", "b"], fast: true)
        let engine = Engine(pipeline: try Pipeline.load(path: pathA, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        await engine.start()
        let reloader = Reloader(path: pathA, modules: allModules, engine: engine, logger: Logger(label: "t"))
        let published = engine.published
        let scraper = Task.detached { () -> [String] in
            var problems: [String] = []
            for _ in 0..<3000 {
                let text = String(buffer: published.current.text)
                let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
                if Set(lines).count != lines.count { problems.append("duplicate line") }
                let fams = Set(lines.filter { $0.hasPrefix("eduplan_") }.map { $0.prefix { $0 != "{" } })
                if fams != ["eduplan_a_rows", "eduplan_b_rows", "eduplan_fast_rows"], fams != ["eduplan_a_rows", "eduplan_c_rows", "eduplan_fast_rows"] {
                    problems.append("torn: \(fams.sorted())")
                }
                await Task.yield()
            }
            return problems
        }
        for i in 0..<20 {
            // Every other reload also changes a (its HELP), so it is re-run before the swap while `fast` keeps running;
            // two reloads are asked for at once, to check they do not overlap: run one after the other, the first
            // applies the change and the second finds nothing to do; overlapping, both would diff against the old
            // pipeline and both would report (and apply) the change.
            _ = try s.write(i % 2 == 0 ? ["a", "c"] : ["a", "b"], edited: i % 4 < 2 ? ["a"] : [], fast: true)
            async let first = reloader.reload(reason: "test")
            async let second = reloader.reload(reason: "test")
            let pair = await [first, second].map { r -> ReloadSummary? in if case .success(let s) = r { return s } else { return nil } }
            let changing = pair.compactMap { $0 }.filter { !($0.added.isEmpty && $0.removed.isEmpty && $0.changed.isEmpty) }
            #expect(pair.allSatisfy { $0 != nil }, "reload \(i) failed")
            #expect(changing.count == 1, "reload \(i): \(changing.count) of the two concurrent reloads applied the change: \(pair)")
        }
        let problems = await scraper.value
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        await engine.stop()
    }
}

/// A source that never answers (a FIFO, admitted by `allow_non_regular_files`, whose writer never writes): the run is
/// abandoned at its timeout, the next run is refused while it hangs, and the snapshot stays readable. Without the
/// setting the FIFO is refused at once.
@Suite struct HangingSourceTests {
    @Test func fifoSourceTimesOut() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fifo = dir + "/never.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A writer that never writes: the reader's read() blocks (the open itself never does).
        let writer = open(fifo, O_RDWR)
        #expect(writer >= 0)
        let path = try TestPaths.temporaryFile(
            """
            global: {allow_non_regular_files: true}
            collectors:
              - name: hang
                module: table
                timeout: 300ms
                source: {columns: {year: 年份}, files: [{path: never.csv}]}
                metrics: [{name: eduplan_hang_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: dir)
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "t"))
        let clock = ContinuousClock()
        let start = clock.now
        await engine.collectAll()
        // Unabandoned, the FIFO read never returns; 60 s leaves room for a loaded machine (3 s, then 15 s, were
        // exceeded while the test process shared two cores with a build).
        #expect(clock.now - start < .seconds(60))
        let first = await engine.status(of: "hang")
        #expect(!first.success && first.lastErrors.first?.contains("timed out") == true, "\(first.lastErrors)")
        await engine.collectAll()
        #expect(await engine.status(of: "hang").lastErrors.first?.contains("still in progress") == true)
        #expect(engine.published.current.ready)
        // Release the blocked reader so the thread ends.
        close(writer)
    }

    @Test func fifoIsRefusedByDefault() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/never.csv", 0o600) == 0)
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: hang
                module: table
                source: {columns: {year: 年份}, files: [{path: never.csv}]}
                metrics: [{name: eduplan_hang_rows, help: rows, aggregate: count}]
            """, name: "config.yml", in: dir)
        let engine = Engine(pipeline: try Pipeline.load(path: path, modules: allModules).get(), logger: Logger(label: "t"))
        await engine.collectAll()
        let s = await engine.status(of: "hang")
        #expect(!s.success && s.lastErrors.first?.contains("not a regular file") == true, "\(s.lastErrors)")
    }
}
