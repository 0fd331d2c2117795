import Testing
import YouxiangTestSupport

@testable import LifelongLearning

/// The `lifelong_learning` module on its shipped example, checked against the CSVs by a plain reading.
@Suite struct LifelongLearningTests {
    @Test func exampleCollectsOnlyDeclaredSeriesWithoutErrors() async throws {
        let run = try await ModuleExample.collect(folder: "lifelong_learning")
        #expect(run.problems.isEmpty, "\(run.problems)")
    }

    /// Row 7: the official 儿童平均预期受教育年限 is served as published (source="official"), and a computed value sits
    /// beside it for every year the enrolment and population files cover.
    @Test func officialSchoolingYearsAreServedAsPublished() async throws {
        let run = try await ModuleExample.collect(folder: "lifelong_learning")
        let official = try PlainCSV.rows(TestPaths.repo("plugins/lifelong_learning/data/official_indicators.csv"))
            .filter { $0["指标"] == "儿童平均预期受教育年限" }
        #expect(!official.isEmpty)
        for row in official {
            let year = try #require(row["年份"]), want = try #require(Double(row["数值"] ?? ""))
            #expect(run.value(LifelongFamilies.schooling.name, ["year": year, "source": "official"]) == want, "\(year)")
        }
        for year in 2022...2025 {
            #expect(run.value(LifelongFamilies.schooling.name, ["year": String(year), "source": "computed"]) != nil, "\(year)")
        }
    }
}
