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

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Alerting rules.", subcommands: [RulesExport.self])
}

struct RulesExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the target and threshold rules as a Prometheus rule file (promtool check rules accepts it).")
    @Option(name: .customLong("config.file"), help: "Path to the YAML configuration.")
    var configFile = "deploy/youxiang.yml"

    func run() async throws {
        let pipeline = try loadOrExit(configFile)
        let text = RuleExport.prometheusRules(
            pipeline.rules, plan: pipeline.evaluator?.plan, prefer: pipeline.config.plan?.prefer ?? [:],
            interval: DurationParser.format(pipeline.alerting.evaluationInterval),
            source: configFile + (pipeline.config.plan.map { " and " + $0.targetsFile } ?? ""))
        FileOutput.write(fd: 1, Array(text.utf8))
    }
}
