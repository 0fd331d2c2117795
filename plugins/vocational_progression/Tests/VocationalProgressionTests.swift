import Testing
import YouxiangTestSupport

@testable import VocationalProgression

/// The `vocational_progression` module on its shipped example, recomputed from the CSVs by a plain reading.
@Suite struct VocationalProgressionTests {
    @Test func exampleCollectsOnlyDeclaredSeriesWithoutErrors() async throws {
        let run = try await ModuleExample.collect(folder: "vocational_progression")
        #expect(run.problems.isEmpty, "\(run.problems)")
    }

    /// Rows 8 and 9: long-programme entrants / entrants and graduates to higher education / graduates, per year.
    @Test func progressionRatiosMatchTheSchoolRecords() async throws {
        let run = try await ModuleExample.collect(folder: "vocational_progression")
        for year in 2022...2025 {
            let rows = try PlainCSV.rows(TestPaths.repo("plugins/vocational_progression/data/vocational_\(year).csv"))
            func sum(_ column: String) -> Double { rows.compactMap { Double($0[column] ?? "") }.reduce(0, +) }
            let long = try #require(run.value(VocationalFamilies.longProgramme.name, ["year": String(year)]))
            let higher = try #require(run.value(VocationalFamilies.toHigher.name, ["year": String(year)]))
            #expect(abs(long - sum("长学制招生数") / sum("招生数")) < 1e-9, "\(year)")
            #expect(abs(higher - sum("升入高等学校数") / sum("毕业生数")) < 1e-9, "\(year)")
        }
    }
}
