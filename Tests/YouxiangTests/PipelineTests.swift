import Foundation
import Logging
import Testing
import YouxiangCore
import YouxiangModules
import YouxiangRuntime

/// The shipped configuration and data, collected in-process.
@Suite struct PipelineTests {
    /// `got` equals `want` to 1e-9 (the exposition keeps 12 significant digits); nil is never close.
    static func close(_ got: Double?, _ want: Double) -> Bool { got.map { abs($0 - want) < 1e-9 } ?? false }

    /// Row 2 from a kindergarten file with one header row, computed here from the CSV text, independently of the
    /// ingest code: Σ 在园幼儿数 over 办别 = 公办 / Σ 在园幼儿数.
    static func publicShare(_ path: String) throws -> Double {
        func fields(_ line: Substring) -> [String] {
            var out: [String] = [], cell = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { out.append(cell); cell = "" } else { cell.append(ch) }
            }
            out.append(cell)
            return out.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline)
        let header = fields(lines[0])
        let owner = try #require(header.firstIndex(of: "办别")), children = try #require(header.firstIndex(of: "在园幼儿数"))
        var all = 0.0, publicOwned = 0.0
        for line in lines.dropFirst() {
            let f = fields(line)
            guard f.count == header.count, ["公办", "民办"].contains(f[owner]) else { continue }  // 合计 rows, footers
            let n = try #require(Double(f[children].replacingOccurrences(of: ",", with: "")), "\(path): \(line)")
            all += n
            if f[owner] == "公办" { publicOwned += n }
        }
        try #require(all > 0)
        return publicOwned / all
    }

    static func collect(_ path: String) async throws -> Exposition {
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "test"))
        await engine.collectAll()
        return engine.published.current
    }

    /// Table rows at the plan's 2022 column (the shipped sample data is built to reproduce it).
    @Test func shippedDataReproducesThe2022Baseline() async throws {
        let e = try await Self.collect(TestPaths.repo("deploy/youxiang.yml"))
        let failed = e.statuses.filter { !$0.success }.map(\.lastErrors)
        #expect(failed.isEmpty, "\(failed)")
        let d: Labels = ["district": "330206", "year": "2022"]
        let expected: [(String, Labels, Double)] = [
            ("eduplan_kindergarten_enrolment_inclusive_ratio", d, 0.90),
            ("eduplan_kindergarten_enrolment_public_ratio", d, 0.67),
            ("eduplan_county_assessment_passed", d.setting("assessment", "preschool_universal_inclusive").setting("tier", "provincial"), 1),
            ("eduplan_expected_schooling_years", d.setting("source", "official"), 15.2),
            ("eduplan_expected_schooling_years", d.setting("source", "computed"), 15.2),
            ("eduplan_vocational_entrants_long_programme_ratio", d, 0.30),
            ("eduplan_vocational_graduates_higher_education_ratio", d, 0.60),
            ("eduplan_vocational_training_person_times", d, 6800),
            ("eduplan_industry_education_projects", d, 5),
            ("eduplan_higher_education_gross_enrolment_ratio", d.setting("source", "official"), 0.74),
        ]
        for (family, labels, value) in expected {
            #expect(e.snapshot.value(family, labels) == value, "\(family)\(labels)")
        }
        // Rows 5 and 6 at the plan's printed precision (whole percent; hundredths of a percent): private schools
        // enrol eligible migrant pupils too, and junior graduates are a third of enrolment, so neither is an exact
        // fraction 1 or 9991/10000.
        let row5 = try #require(e.snapshot.value("eduplan_migrant_children_public_school_ratio", d))
        #expect(row5 < 1 && (row5 * 100).rounded() == 100)
        let row6 = try #require(e.snapshot.value("eduplan_junior_graduates_upper_secondary_ratio", d))
        #expect(row6 >= 0.9991 && (row6 * 10000).rounded() == 9991)
        #expect(
            e.snapshot.value(
                "eduplan_kindergarten_enrolment_public_target_ratio", ["district": "330206", "year": "2027", "op": "ge", "target_source": "table"]) == 0.75)
        for year in 2023...2027 {
            #expect(!e.snapshot.series("eduplan_kindergarten_enrolment_inclusive_target_ratio", matching: ["year": String(year)]).isEmpty)
        }
    }

    /// In 2025 rows 2 and 9 miss their yearly targets; row 5 misses its 100% every year because private schools
    /// enrol eligible migrant pupils (issue 8's realism); everything else with a 2023–2025 target meets it.
    @Test func shippedDataMissesExactlyTheExpectedTargets() async throws {
        let e = try await Self.collect(TestPaths.repo("deploy/youxiang.yml"))
        let misses = e.snapshot.series("eduplan_indicator_meets_target").filter { $0.value == 0 }
        #expect(
            Set(misses.map { "\($0.labels["indicator"]!)@\($0.labels["year"]!)" })
                == [
                    "kindergarten_enrolment_public@2025", "vocational_graduates_higher_education@2025",
                    "migrant_children_public_school@2023", "migrant_children_public_school@2024", "migrant_children_public_school@2025",
                ])
        #expect(e.snapshot.series("eduplan_indicator_meets_target").count > 20)
    }

    /// The GBK export and its UTF-8 twin give identical series.
    @Test func gbkAndUtf8TwinsYieldIdenticalSeries() async throws {
        func config(_ file: String, _ encoding: String) -> String {
            """
            collectors:
              - name: enrolment
                module: enrolment
                kindergartens:
                  columns: {school_id: 学校标识码, ownership: 办别, inclusive: 普惠性, grade: 等级, children: 在园幼儿数/合计}
                  files: [{path: \(TestPaths.repo("plugins/enrolment/data/" + file)), year: 2022, encoding: \(encoding), skip_rows: 2, header_rows: 2}]
                compulsory:
                  columns: {school_id: 学校标识码, ownership: 办别, stage: 学段, students: 在校学生数}
                  files: [{path: \(TestPaths.repo("plugins/enrolment/data/compulsory_2022.csv")), year: 2022}]
            """
        }
        let gbk = try await Self.collect(try TestPaths.temporaryFile(config("kindergartens_2022.csv", "gbk")))
        let utf8 = try await Self.collect(try TestPaths.temporaryFile(config("kindergartens_2022.utf8.csv", "utf-8")))
        func render(_ e: Exposition) -> String {
            String(buffer: e.text).split(separator: "\n").filter { $0.hasPrefix("eduplan_") }.joined(separator: "\n")
        }
        #expect(render(gbk).contains("eduplan_kindergarten_enrolment_inclusive_ratio{year=\"2022\"} 0.9"))
        #expect(render(gbk) == render(utf8))
        #expect(gbk.statuses.first?.rowsRejected == 0)
    }

    /// One unreadable file fails its source, not the collector's other series: they stay served, and the missing
    /// file's series are filled in from the last good run for keep_last_good runs (marked stale), then leave.
    @Test func oneMissingFileKeepsTheOtherSeries() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-partial-" + UUID().uuidString
        for name in ["kindergartens_2023.csv", "kindergartens_2024.csv", "compulsory_2023.csv"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: TestPaths.repo("plugins/enrolment/data/" + name), toPath: dir + "/" + name)
        }
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: enrolment
                module: enrolment
                keep_last_good: 1
                kindergartens:
                  columns: {school_id: 学校标识码, ownership: 办别, inclusive: 普惠性, children: 在园幼儿数}
                  files: [{path: kindergartens_2023.csv, year: 2023}, {path: kindergartens_2024.csv, year: 2024}]
                compulsory:
                  columns: {school_id: 学校标识码, ownership: 办别, stage: 学段, students: 在校学生数}
                  files: [{path: compulsory_2023.csv, year: 2023}]
            """, in: dir)
        let pipeline = try Pipeline.load(path: path, modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "t"))
        await engine.collectAll()
        try FileManager.default.removeItem(atPath: dir + "/kindergartens_2024.csv")
        await engine.collectAll()
        var e = engine.published.current
        // Expected values derived from the data files themselves (children in 公办 kindergartens / all children),
        // so the test follows a regeneration of the sample data; with the shipped data they are 0.68 and 0.70.
        let public2023 = try Self.publicShare(TestPaths.repo("plugins/enrolment/data/kindergartens_2023.csv"))
        let public2024 = try Self.publicShare(TestPaths.repo("plugins/enrolment/data/kindergartens_2024.csv"))
        #expect(public2023 != public2024)  // otherwise a value served for the wrong year would go unnoticed
        #expect(Self.close(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", ["year": "2023"]), public2023))
        #expect(Self.close(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", ["year": "2024"]), public2024))  // filled in
        #expect(e.snapshot.value("youxiang_collector_stale", ["collector": "enrolment", "module": "enrolment"]) == 1)
        await engine.collectAll()
        e = engine.published.current
        #expect(Self.close(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", ["year": "2023"]), public2023))  // still served
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", ["year": "2024"]) == nil)  // gone after keep_last_good
        #expect(e.snapshot.value("youxiang_collector_success", ["collector": "enrolment", "module": "enrolment"]) == 0)
    }

    /// A bad row is skipped, named by file and line, counted; the rest loads, but the year is incomplete and publishes
    /// nothing (issue 8: no partial ratio) unless the source tolerates that share of rejected rows; a needed cell
    /// marked missing makes the year incomplete whatever the tolerance (review #1).
    @Test(arguments: [nil, 0.5]) func badRowsAreCountedAndTheRestLoads(tolerance: Double?) async throws {
        let dir = NSTemporaryDirectory() + "youxiang-badrows-" + UUID().uuidString
        _ = try TestPaths.temporaryFile(
            """
            学校标识码,办别,普惠性,在园幼儿数
            1133000001,公办,是,100
            2.13301E+09,公办,是,100
            1133000003,民办,否,12x
            1133000004,民办,否,—
            1133000005,民办,是,100
            1133000005,民办,是,100
            合计,,,300
            """, name: "kg.csv", in: dir)
        _ = try TestPaths.temporaryFile("学校标识码,办别,学段,在校学生数\n2133000001,公办,小学,10\n", name: "c.csv", in: dir)
        let path = try TestPaths.temporaryFile(
            """
            collectors:
              - name: kg
                module: enrolment
                kindergartens:
                  columns: {school_id: 学校标识码, ownership: 办别, inclusive: 普惠性, children: 在园幼儿数}
                  files: [{path: kg.csv, year: 2022}]\(tolerance.map { "\n      max_rejected_share: \($0)" } ?? "")
                compulsory:
                  columns: {school_id: 学校标识码, ownership: 办别, stage: 学段, students: 在校学生数}
                  files: [{path: c.csv, year: 2022}]
            """, in: dir)
        let e = try await Self.collect(path)
        let st = try #require(e.statuses.first)
        #expect(st.success)
        #expect(st.rowsRejected == 3)  // the scientific-notation id, "12x", and the same school twice
        #expect(st.rowsIncomplete == 1)  // "—": missing, not an error, but the year's totals are unknown
        // Whatever the tolerance for rejected rows, a needed cell marked missing makes the kindergartens' families
        // incomplete for 2022 (never the 0.5 of the other rows), with the file, row and column named.
        #expect(e.snapshot.value("eduplan_students", ["level": "kindergarten", "year": "2022"]) == nil)
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", ["year": "2022"]) == nil)
        #expect(st.problems.contains { $0.year == 2022 && $0.reasonZh.contains("“kg.csv”第5行（共1行）“在园幼儿数”（第4列）缺失") })
        if tolerance == nil {
            // 3 of 6 rows rejected: a second reason
            #expect(st.problems.map(\.year) == [2022, 2022])
            #expect(st.problems.contains { $0.reasonZh.contains("3行数据被拒收") })
        } else {
            // a share of 0.5 tolerated: 3 of 6 is not above it, so the missing cell is the only reason
            #expect(st.problems.count == 1)
        }
    }
}
