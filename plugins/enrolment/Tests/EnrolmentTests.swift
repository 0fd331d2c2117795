import Testing
import YouxiangTestSupport

@testable import Enrolment

/// The `enrolment` module on its shipped example, checked against the CSVs by a plain reading.
@Suite struct EnrolmentTests {
    @Test func exampleCollectsOnlyDeclaredSeriesWithoutErrors() async throws {
        let run = try await ModuleExample.collect(folder: "enrolment")
        #expect(run.problems.isEmpty, "\(run.problems)")
    }

    /// Task 一's places added, cumulative from `places_from_year` (2023): summed over the levels, each year's value is
    /// the registry's 新增学位数 of the projects commissioned from 2023 up to that year; 2022 is a measured 0.
    @Test func placesAddedMatchTheProjectRegistry() async throws {
        let run = try await ModuleExample.collect(folder: "enrolment")
        let projects = try PlainCSV.rows(TestPaths.repo("plugins/enrolment/data/places_projects.csv"))
        #expect(!projects.isEmpty)
        for year in 2022...2025 {
            let want = projects.filter { p in Int((p["投用日期"] ?? "").prefix(4)).map { $0 >= 2023 && $0 <= year } ?? false }
                .compactMap { Double($0["新增学位数"] ?? "") }.reduce(0, +)
            let served = run.samples.filter { $0.family == EnrolmentFamilies.placesAdded.name && $0.labels["year"] == String(year) }
            #expect(!served.isEmpty, "\(year)")
            #expect(served.map(\.value).reduce(0, +) == want, "\(year)")
        }
    }
}
