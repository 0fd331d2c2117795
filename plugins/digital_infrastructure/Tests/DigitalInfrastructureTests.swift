import Testing
import YouxiangTestSupport

@testable import DigitalInfrastructure

/// The `digital_infrastructure` module on its shipped example, recomputed from the CSVs by a plain reading.
@Suite struct DigitalInfrastructureTests {
    @Test func exampleCollectsOnlyDeclaredSeriesWithoutErrors() async throws {
        let run = try await ModuleExample.collect(folder: "digital_infrastructure")
        #expect(run.problems.isEmpty, "\(run.problems)")
    }

    /// 5G campus coverage = campuses marked 是 / campuses; network coverage = connected / teaching spaces, per year.
    @Test func coverageRatiosMatchTheRegistry() async throws {
        let run = try await ModuleExample.collect(folder: "digital_infrastructure")
        for year in 2022...2025 {
            let rows = try PlainCSV.rows(TestPaths.repo("plugins/digital_infrastructure/data/campus_network_\(year).csv"))
            let with5G = Double(rows.filter { $0["5G网络覆盖"] == "是" }.count)
            let spaces = rows.compactMap { Double($0["教学空间数"] ?? "") }.reduce(0, +)
            let connected = rows.compactMap { Double($0["已接入教育网教学空间数"] ?? "") }.reduce(0, +)
            let fiveG = try #require(run.value(DigitalFamilies.fiveG.name, ["year": String(year)]))
            let network = try #require(run.value(DigitalFamilies.spaces.name, ["year": String(year)]))
            #expect(abs(fiveG - with5G / Double(rows.count)) < 1e-9, "\(year)")
            #expect(abs(network - connected / spaces) < 1e-9, "\(year)")
        }
    }
}
