import Testing
import YouxiangTestSupport

@testable import TableModule

/// The generic `table` module on its shipped example, checked against the registries by a plain reading.
@Suite struct TableModuleTests {
    @Test func exampleCollectsOnlyDeclaredSeriesWithoutErrors() async throws {
        let run = try await ModuleExample.collect(folder: "table")
        #expect(run.problems.isEmpty, "\(run.problems)")
    }

    /// `aggregate: value` with label maps: each row of the assessments registry is one series, 是 → 1 and 否 → 0.
    @Test func valueAggregateMapsEveryRegistryRow() async throws {
        let run = try await ModuleExample.collect(folder: "table")
        let assessments = ["学前教育普及普惠县": "preschool_universal_inclusive", "义务教育优质均衡发展县": "compulsory_quality_balanced"]
        let tiers = ["省级": "provincial", "国家级": "national"]
        let rows = try PlainCSV.rows(TestPaths.repo("plugins/table/data/assessments.csv"))
        #expect(!rows.isEmpty)
        for row in rows {
            let labels = ["year": row["年份"] ?? "", "assessment": assessments[row["评估"] ?? ""] ?? "?", "tier": tiers[row["层级"] ?? ""] ?? "?"]
            #expect(run.value("eduplan_county_assessment_passed", labels) == (row["是否通过"] == "是" ? 1 : 0), "\(labels)")
        }
    }
}
