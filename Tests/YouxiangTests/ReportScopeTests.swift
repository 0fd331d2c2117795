import Foundation
import Testing
import YouxiangCore
import YouxiangTestSupport
import YouxiangWeb

@testable import YouxiangRuntime

/// The report on a year uses only what was known by that year (#9), and its 国家县域评估 section says in words why
/// criteria are missing instead of disappearing (#4).
@Suite struct ReportScopeTests {
    static func report(_ e: Exposition, year: Int) throws -> String {
        let input = try #require(e.office.input(e.snapshot, alerts: [], now: 0))
        return OfficePages.report(input, year: year)
    }

    /// `/report?year=2022` on the shipped data (2022–2025): no projection through later years, no provincial pass
    /// dated after 2022, no “0项” sentence.
    @Test func aReportOnAnEarlyYearUsesOnlyThatYearsData() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        let r22 = try Self.report(e, year: 2022)
        #expect(!r22.contains("已于2023年通过") && !r22.contains("已于2024年通过") && !r22.contains("已于2025年通过"))
        #expect(!r22.contains("0项设有当年目标"))
        #expect(r22.contains("2022年，规划36项量化指标当年均无年度目标（"), "the baseline year has no yearly target")
        #expect(!r22.contains("按趋势预测"), "one observed year gives no trend")
        let r25 = try Self.report(e, year: 2025)
        #expect(r25.contains("按趋势预测"), "four years give a trend")
        #expect(r25.contains("项设有当年目标"))
    }

    /// Review #4: 2025's kindergarten file missing. The compulsory criteria (inputs complete) keep their values; the
    /// preschool ones are 数据不完整; the report keeps section 五 and says which file failed.
    @Test func oneFailedAssessmentSourceKeepsTheOtherCriteria() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-assessment-gone-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("", name: "keep", in: dir)
        let source = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
            .replacingOccurrences(
                of: "{path: " + TestPaths.repo("plugins") + "/enrolment/data/kindergartens_2025.csv, year: 2025}",
                with: "{path: " + dir + "/kindergartens_2025_gone.csv, year: 2025, optional: true}")
        let e = try await PipelineTests.collect(try TestPaths.temporaryFile(source, in: dir))
        let y25: Labels = ["district": "330206", "year": "2025"]
        let compulsory = e.snapshot.series("eduplan_assessment_criterion_data_complete", matching: y25.setting("assessment", "compulsory_quality_balanced"))
        #expect(!compulsory.isEmpty)
        for s in compulsory {
            #expect(s.value == 1, "\(s.labels)")
            #expect(e.snapshot.value("eduplan_assessment_criterion_value", s.labels) != nil, "\(s.labels)")
        }
        let preschool = e.snapshot.series("eduplan_assessment_criterion_data_complete", matching: y25.setting("assessment", "preschool_universal_inclusive"))
        #expect(!preschool.isEmpty)
        #expect(preschool.contains { $0.value == 0 })
        #expect(!e.snapshot.series("eduplan_assessment_criterion_value", matching: ["year": "2024"]).isEmpty)
        let r = try Self.report(e, year: 2025)
        #expect(r.contains("五、国家县域评估量化指标情况"))
        #expect(r.contains("六、《方案》文本不一致之处及处理"))
        #expect(r.contains("“kindergartens_2025_gone.csv”最近一次读取失败"), "the report names the failed file")
        #expect(r.contains("数据不完整"))
        #expect(!r.contains("各园均达到"), "no kindergarten is known to be at standard when its file was not read")
    }
}
