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

struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "Path to the YAML configuration.")
    var configFile = "deploy/youxiang.yml"

    @Option(name: .customLong("log.level"), help: "debug, info, warning or error.")
    var logLevel = "info"

    @Option(name: .customLong("log.format"), help: "logfmt or json.")
    var logFormat = "logfmt"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log.level: expected debug, info, warning or error") }
        guard LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log.format: expected logfmt or json") }
    }

    func logger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = LogFormat(rawValue: logFormat) ?? .logfmt
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level, format: format) }
        return Logger(label: "youxiangd")
    }
}

/// Loads a pipeline or prints every diagnostic and exits 1.
func loadOrExit(_ path: String) throws -> Pipeline {
    switch Pipeline.load(path: path, modules: allModules) {
    case .success(let p): return p
    case .failure(let e):
        for d in e.diagnostics { printError(d.description) }
        printError("\(e.diagnostics.count) error(s) in the configuration; nothing started.")
        throw ExitCode(1)
    }
}

func printError(_ s: String) {
    FileOutput.write(fd: 2, Array((s + "\n").utf8))
}
