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

struct Once: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Collect once, print the exposition, exit non-zero if a collector failed.")
    @OptionGroup var common: CommonOptions
    @Option(help: "text (0.0.4) or openmetrics.") var format = "text"

    func run() async throws {
        let logger = common.logger()
        let pipeline = try loadOrExit(common.configFile)
        let engine = Engine(pipeline: pipeline, logger: logger)
        await engine.collectAll()
        let e = engine.published.current
        let fmt: ExpositionFormat = format == "openmetrics" ? .openMetrics : .text
        var w = ExpositionWriter(format: fmt)
        w.write(e.snapshot)
        w.finish()
        FileOutput.write(fd: 1, w.bytes)
        let failed = e.statuses.filter { !$0.success }
        for f in failed { printError("collector \(f.name) failed: \(f.lastErrors.joined(separator: "; "))") }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
