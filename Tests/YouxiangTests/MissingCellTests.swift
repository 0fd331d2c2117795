import Foundation
import Testing
import YouxiangAlerting
import YouxiangCore
import YouxiangPlan
import YouxiangTestSupport

/// A cell marked missing (`—`, blank) in a column an indicator needs makes that indicator-year incomplete — no value,
/// no meets_target, `eduplan_indicator_data_complete` 0, a reason naming the file, the row and the column — never a 0
/// or a ratio over the rows that happened to be filled; other indicators of the same rows keep their values.
@Suite struct MissingCellTests {
    /// The shipped configuration with one data file replaced by `text` (written as `name` in a temporary folder).
    static func shipped(replacing file: String, with text: String, name: String) throws -> (config: String, dir: String) {
        let dir = NSTemporaryDirectory() + "youxiang-missing-" + UUID().uuidString
        let path = try TestPaths.temporaryFile(text, name: name, in: dir)
        let source = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
            .replacingOccurrences(of: TestPaths.repo("plugins") + "/" + file, with: path)
        return (try TestPaths.temporaryFile(source, in: dir), dir)
    }

    /// `file`'s lines with column `column` set to `value` on the data rows `pick` selects (by their cells).
    static func blanking(_ file: String, column: Int, value: String = "—", where pick: ([String]) -> Bool) throws -> String {
        let text = try String(contentsOfFile: TestPaths.repo("plugins/" + file), encoding: .utf8)
        // "\r\n" is one Character in Swift: split on the file's own line ending.
        let eol = text.contains("\r\n") ? "\r\n" : "\n"
        return text.components(separatedBy: eol).enumerated().map { n, line -> String in
            var cells = line.components(separatedBy: ",")
            guard n > 0, cells.count > column, pick(cells) else { return line }
            cells[column] = value
            return cells.joined(separator: ",")
        }.joined(separator: eol)
    }

    static let d: Labels = ["district": "330206"]

    /// The review's case: 在园幼儿数 “—” on every 公办 row of 2025. Before the fix: public share 0, complete 1.
    @Test func blankChildrenOnPublicKindergartensMakeTheYearIncomplete() async throws {
        let text = try Self.blanking("enrolment/data/kindergartens_2025.csv", column: 8) { $0[3] == "公办" }
        let (config, _) = try Self.shipped(replacing: "enrolment/data/kindergartens_2025.csv", with: text, name: "kindergartens_2025.csv")
        let e = try await PipelineTests.collect(config)
        let y25 = Self.d.setting("year", "2025")
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", y25) == nil, "no ratio over the private rows only")
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_public_numerator", y25) == nil)
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_inclusive_ratio", y25) == nil)
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y25.setting("indicator", "kindergarten_enrolment_public")) == 0)
        #expect(e.snapshot.value("eduplan_indicator_meets_target", y25.setting("indicator", "kindergarten_enrolment_public")) == nil)
        #expect(e.snapshot.value("eduplan_kindergarten_enrolment_public_ratio", Self.d.setting("year", "2024")) != nil, "other years untouched")
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y25.setting("indicator", "migrant_children_public_school")) == 1)
        let reasons = e.completeness.first { $0.indicator == "kindergarten_enrolment_public" && $0.year == 2025 }?.reasonsZh ?? []
        let reason = try #require(reasons.first { $0.contains("kindergartens_2025.csv") }, "\(reasons)")
        #expect(reason.contains("“在园幼儿数”（第9列）缺失"), "\(reason)")
        #expect(reason.contains("第2、3、4、5、6行等"), "\(reason)")
    }

    /// 符合条件随迁子女数 marked missing on one school: row 5 is unknown for 2025, the 差异系数 of the same rows are not.
    @Test func aMissingMigrantCellPoisonsOnlyRowFive() async throws {
        let text = try Self.blanking("enrolment/data/compulsory_2025.csv", column: 7) { $0[0] == "2133010437" }
        let (config, _) = try Self.shipped(replacing: "enrolment/data/compulsory_2025.csv", with: text, name: "compulsory_2025.csv")
        let e = try await PipelineTests.collect(config)
        let y25 = Self.d.setting("year", "2025")
        #expect(e.snapshot.value("eduplan_migrant_children_public_school_ratio", y25) == nil)
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y25.setting("indicator", "migrant_children_public_school")) == 0)
        #expect(e.snapshot.value("eduplan_interschool_variation_coefficient", y25.setting("level", "primary").setting("resource", "composite")) != nil)
        let reasons = e.completeness.first { $0.indicator == "migrant_children_public_school" && $0.year == 2025 }?.reasonsZh ?? []
        #expect(reasons.contains { $0.contains("compulsory_2025.csv”第2行") && $0.contains("“符合条件随迁子女数”") }, "\(reasons)")
    }

    /// The other modules: a blank cell makes only the indicator that needs it incomplete; its sibling from the same
    /// rows keeps its value (digital: 5G vs network; vocational: row 9 vs row 8; lifelong: participation vs coverage,
    /// and an official figure).
    @Test(arguments: [
        ("digital_infrastructure/data/campus_network_2025.csv", 3, "school_5g_coverage", "teaching_space_network_coverage", "5G网络覆盖"),
        ("vocational_progression/data/vocational_2025.csv", 5, "vocational_graduates_higher_education", "vocational_entrants_long_programme", "毕业生数"),
        ("lifelong_learning/data/elderly_2025.csv", 3, "elderly_education_participation", "elderly_university_township_coverage", "经常性参与教育活动人次"),
    ])
    func aBlankCellPoisonsOnlyItsIndicator(file: String, column: Int, poisoned: String, kept: String, header: String) async throws {
        let name = String(file.split(separator: "/").last!)
        let text = try Self.blanking(file, column: column, value: "") { _ in true }
        let (config, _) = try Self.shipped(replacing: file, with: text, name: name)
        let e = try await PipelineTests.collect(config)
        let y25 = Self.d.setting("year", "2025")
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y25.setting("indicator", poisoned)) == 0)
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y25.setting("indicator", kept)) == 1)
        #expect(e.snapshot.value("eduplan_indicator_meets_target", y25.setting("indicator", poisoned)) == nil)
        let reasons = e.completeness.first { $0.indicator == poisoned && $0.year == 2025 }?.reasonsZh ?? []
        #expect(reasons.contains { $0.contains(name + "”第2") && $0.contains("“\(header)”") }, "\(reasons)")
    }

    /// An official figure marked missing: that indicator's year is incomplete, not merely without a value.
    @Test func aBlankOfficialFigureIsIncomplete() async throws {
        let file = "lifelong_learning/data/official_indicators.csv"
        let text = try Self.blanking(file, column: 2) { $0[0] == "2024" && $0[1].hasPrefix("高等教育毛入学率") }
        let (config, _) = try Self.shipped(replacing: file, with: text, name: "official_indicators.csv")
        let e = try await PipelineTests.collect(config)
        let y24 = Self.d.setting("year", "2024")
        #expect(e.snapshot.value("eduplan_higher_education_gross_enrolment_ratio", y24.setting("source", "official")) == nil)
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y24.setting("indicator", "higher_education_gross_enrolment")) == 0)
        #expect(e.snapshot.value("eduplan_indicator_data_complete", y24.setting("indicator", "expected_schooling_years")) == 1)
    }

    /// The `table` module: a blank summed cell or ratio part makes that metric's year incomplete, never a sum or a
    /// ratio over the filled rows; a count over the same rows is still served.
    @Test func tableModuleBlankCellsMakeTheYearIncomplete() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-table-missing-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("学校标识码,金额,分子,分母\n2133010001,5,1,2\n2133010002,—,1,\n", name: "a.csv", in: dir)
        _ = try TestPaths.temporaryFile("学校标识码,金额,分子,分母\n2133010001,5,1,2\n2133010002,6,1,4\n", name: "b.csv", in: dir)
        let config = try TestPaths.temporaryFile(
            """
            collectors:
              - name: t
                module: table
                source:
                  columns: {school_id: 学校标识码, amount: 金额, num: 分子, den: 分母}
                  files: [{path: a.csv, year: 2022}, {path: b.csv, year: 2023}]
                metrics:
                  - {name: test_amount_sum, help: a sum, aggregate: sum, value: amount}
                  - {name: test_part_ratio, help: a ratio, aggregate: ratio, numerator: num, denominator: den}
                  - {name: test_rows, help: a count, aggregate: count}
            """, in: dir)
        let e = try await PipelineTests.collect(config)
        #expect(e.snapshot.value("test_amount_sum", ["year": "2022"]) == nil, "not 5")
        #expect(e.snapshot.value("test_part_ratio", ["year": "2022"]) == nil, "not 0.5")
        #expect(e.snapshot.value("test_rows", ["year": "2022"]) == 2)
        #expect(e.snapshot.value("test_amount_sum", ["year": "2023"]) == 11)
        #expect(e.snapshot.value("test_part_ratio", ["year": "2023"]) == 0.333333333333)
        let reasons = e.statuses[0].problems.map(\.reasonZh)
        #expect(reasons.contains { $0.contains("“a.csv”第3行") && $0.contains("“金额”（第2列）缺失") }, "\(reasons)")
        #expect(reasons.contains { $0.contains("“分母”（第4列）缺失") }, "\(reasons)")
    }

    /// Issue #7: an indicator-year whose data arrived but is incomplete (rejected rows, a cell missing) is
    /// 数据不完整, not 无数据: `EduplanIndicatorDataMissing` stays inactive; a source that delivered nothing still raises it.
    @Test func dataMissingOnlyWhenNothingWasRead() throws {
        let plan = try CompletenessTests.plan()
        let rule = try CompletenessTests.rule("plan-data/kindergarten_enrolment_public", plan)
        func observe(unread: Bool) -> Observation? {
            var entry = IndicatorCompleteness(
                indicator: "kindergarten_enrolment_public", year: 2024, labels: Labels(), complete: false,
                reasonsZh: ["文件kindergartens_2024.csv有2行数据被拒收（共101行）"], reasons: ["2 rows rejected"])
            entry.unread = unread
            let ctx = EvaluationContext(
                snapshot: SeriesSnapshot(), plan: plan, prefer: [:], declaredFamilies: [], collectors: [],
                now: PlanCalendar.unixTime(year: 2026, month: 1, day: 2), externalLabels: ["district": "330206"], externalURL: "",
                completeness: [entry])
            return RuleEvaluator.observe(rule, ctx).first { $0.key["year"] == "2024" }?.value
        }
        #expect(observe(unread: false) == .inactive(value: 0), "rows rejected: the data was sent")
        if case .active = observe(unread: true) {} else { Issue.record("a file that could not be read is 无数据 too") }
    }

    /// A file that cannot be read marks its problem `unread`; rejected rows and missing cells do not.
    @Test func unreadMarksOnlyReadFailures() async throws {
        let (config, _) = try Self.shipped(
            replacing: "enrolment/data/kindergartens_2025.csv",
            with: try Self.blanking("enrolment/data/kindergartens_2025.csv", column: 8) { $0[0] == "1133013767" }, name: "k.csv")
        let e = try await PipelineTests.collect(config)
        let entry = try #require(e.completeness.first { $0.indicator == "kindergarten_enrolment_public" && $0.year == 2025 })
        #expect(!entry.complete && !entry.unread)
        let gone = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "/k.csv", with: "/gone.csv")
        let e2 = try await PipelineTests.collect(try TestPaths.temporaryFile(gone))
        let entry2 = try #require(e2.completeness.first { $0.indicator == "kindergarten_enrolment_public" && $0.year == 2025 })
        #expect(!entry2.complete && entry2.unread)
    }
}
