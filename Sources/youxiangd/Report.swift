import ArgumentParser
import Foundation
import Logging
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangExposition
import YouxiangIngest
import YouxiangModules
import YouxiangRuntime
import YouxiangWeb

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Collect once and write the periodic report (one self-contained HTML document, A4 print layout).")
    @OptionGroup var common: CommonOptions
    @Option(help: "The year reported (default: the latest year with data).") var year: Int?
    @Option(help: "Write the report to this file instead of standard output.") var out: String?

    func run() async throws {
        let logger = common.logger()
        let pipeline = try loadOrExit(common.configFile)
        let engine = Engine(pipeline: pipeline, logger: logger)
        await engine.collectAll()
        let e = engine.published.current
        guard let input = e.office.input(e.snapshot, alerts: []) else {
            printError("\(common.configFile): no plan: (targets_file) configured; a report needs the plan's targets")
            throw ExitCode(1)
        }
        if let year, !(input.plan.baselineYear...(input.plan.years.max() ?? input.plan.baselineYear)).contains(year) {
            printError("--year \(year): the plan covers \(input.plan.baselineYear)–\(input.plan.years.max() ?? input.plan.baselineYear)")
            throw ExitCode(1)
        }
        for f in e.statuses where !f.success {
            printError("collector \(f.name) failed: \(f.lastErrors.joined(separator: "; ")) (the report lists it under 数据质量说明)")
        }
        let model = OfficeModel(input)
        if let year, let refusal = OfficeRoutes.futureYearError(year, latest: model.latestDataYear) {
            printError("--year \(year): \(refusal.description)")
            throw ExitCode(1)
        }
        let html = OfficePages.report(input, year: year ?? model.year)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(html.utf8)) else {
                printError("\(out): cannot write the report")
                throw ExitCode(1)
            }
        } else {
            FileOutput.write(fd: 1, Array(html.utf8))
        }
    }
}
