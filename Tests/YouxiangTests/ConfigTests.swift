import Foundation
import Testing
import YouxiangConfig
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// `*.bad.yaml` cases: each file's `# expect: LINE:COLUMN text` lines must each match a diagnostic reported for that
/// position whose text contains `text`; the good file must load.
@Suite struct ConfigTests {
    static let folder = TestPaths.fixture("config")
    static let badFiles: [String] =
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?
        .filter { $0.hasSuffix(".bad.yaml") }.sorted() ?? []

    @Test func thereAreBadCases() { #expect(Self.badFiles.count >= 9) }

    @Test(arguments: badFiles)
    func badConfigIsRejectedWithPosition(_ name: String) throws {
        let path = Self.folder + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectations = text.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }.map { $0.dropFirst(10) }
        #expect(!expectations.isEmpty, "\(name) has no # expect: line")
        guard case .failure(let error) = Pipeline.load(path: path, modules: allModules) else {
            Issue.record("\(name) loaded but should fail")
            return
        }
        let reported = error.diagnostics.map(\.description)
        for e in expectations {
            let position = e.prefix { $0 != " " }
            let message = e.dropFirst(position.count + 1)
            let hit = reported.contains { $0.hasPrefix("\(path):\(position): error: ") && $0.contains(message) }
            #expect(hit, "\(name): expected \(position) \(message); got:\n\(reported.joined(separator: "\n"))")
        }
    }

    @Test func goodConfigLoads() throws {
        let result = Pipeline.load(path: Self.folder + "/good.yaml", modules: allModules)
        let pipeline = try result.get()
        #expect(pipeline.config.collectors.map(\.name) == ["pairs"])
        #expect(pipeline.config.interval == .seconds(60))
        #expect(pipeline.config.externalLabels == ["district": "330206"])
    }

    @Test func shippedConfigurationsLoad() throws {
        for file in ["deploy/youxiang.yml"]
            + ["enrolment", "vocational_progression", "lifelong_learning", "digital_infrastructure", "table"].map({ "plugins/\($0)/example.yml" })
        {
            let path = TestPaths.repo(file)
            guard FileManager.default.fileExists(atPath: path) else { Issue.record("missing \(file)"); continue }
            if case .failure(let e) = Pipeline.load(path: path, modules: allModules) { Issue.record("\(file): \(e)") }
        }
    }

    @Test(arguments: [("30s", 30), ("5m", 300), ("1h30m", 5400), ("1d", 86400)] as [(String, Int64)])
    func durations(text: String, seconds: Int64) {
        #expect(DurationParser.parse(text) == .seconds(seconds))
    }

    @Test func badDurations() {
        for t in ["", "10", "m", "5x", "1h30", "-5s"] { #expect(DurationParser.parse(t) == nil, "\(t)") }
        #expect(DurationParser.parse("250ms") == .milliseconds(250))
        #expect(DurationParser.format(.seconds(5400)) == "1h30m")
    }
}

/// Values found by the adversarial review: each once crashed or miscounted.
@Suite struct RegressionTests {
    @Test func hugeDurationsAreErrorsNotCrashes() {
        #expect(DurationParser.parse("999999999999999999y") == nil)
        #expect(DurationParser.parse("9223372036854775807s") == nil)
        #expect(DurationParser.parse("11y") == nil)
        #expect(DurationParser.parse("10y") == .seconds(315_360_000))
    }

    @Test func configWithUTF8BOMLoads() throws {
        let text = "\u{FEFF}global:\n  interval: 1m\ncollectors: []\n"
        let path = try TestPaths.temporaryFile(text)
        #expect((try? Pipeline.load(path: path, modules: allModules).get()) != nil)
    }

    @Test func tableMetricsMayNotTakeReservedNames() throws {
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: t
                module: table
                source: {columns: {year: 年份}, files: [{path: x.csv}]}
                metrics:
                  - {name: youxiang_build_info, help: x, aggregate: count}
                  - {name: eduplan_x, help: x, aggregate: count, const_labels: {year: "1999"}}
            """)
        guard case .failure(let e) = Pipeline.load(path: path, modules: allModules) else { Issue.record("should fail"); return }
        #expect(e.description.contains("reserved for the daemon's own metrics"))
        #expect(e.description.contains("label \"year\" is reserved"))
    }

    @Test func planFamilyCollisionIsReportedAtTheCollector() throws {
        let path = try TestPaths.temporaryFile(
            """
            plan: {targets_file: \(TestPaths.repo("plugins/plan/targets.yml"))}
            collectors:
              - name: t
                module: table
                source: {columns: {year: 年份}, files: [{path: x.csv}]}
                metrics: [{name: eduplan_indicator_meets_target, help: x, aggregate: count}]
            """)
        guard case .failure(let e) = Pipeline.load(path: path, modules: allModules) else { Issue.record("should fail"); return }
        #expect(e.diagnostics.contains { $0.line == 3 && $0.column == 5 && $0.message.contains("the plan's targets produce") })
    }
}
