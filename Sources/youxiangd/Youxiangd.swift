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

/// `youxiangd`: serves the 学有优教 plan's indicators as Prometheus metrics.
@main
struct Youxiangd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "youxiangd",
        abstract: "Watches the Beilun 学有优教 plan (2023–2027) and serves its indicators as Prometheus metrics.",
        discussion: RootHelp.discussion,
        version: SelfMetrics.version,
        subcommands: [Serve.self, Check.self, Once.self, Report.self, Rules.self, ListModules.self],
        defaultSubcommand: Serve.self)
}
