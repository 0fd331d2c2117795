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
        version: SelfMetrics.version,
        subcommands: [Serve.self, Check.self, Once.self, Report.self, Rules.self, ListModules.self],
        defaultSubcommand: Serve.self)
}

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

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Collect on schedule and serve /metrics (the default).")
    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("web.listen-address"), help: "Address to listen on, e.g. :9096 or 127.0.0.1:9096.")
    var listenAddress = ":9096"

    @Option(name: .customLong("web.telemetry-path"), help: "Path under which to expose metrics.")
    var telemetryPath = "/metrics"

    @Flag(name: .customLong("web.enable-lifecycle"), help: "Enable reload via HTTP POST /-/reload.")
    var enableLifecycle = false

    @Option(name: .customLong("web.config.file"), help: "Web configuration (TLS, basic auth) in the exporter-toolkit format.")
    var webConfigFile: String?

    @Option(name: .customLong("config.watch-interval"), help: "How often to check the config and data files for changes (0s disables).")
    var watchInterval = "2s"

    @Option(name: .customLong("storage.path"), help: "Folder for the notification outbox and alert states (SQLite).")
    var storagePath = "data"

    @Flag(name: .customLong("web.disable-exporter-metrics"), help: "Serve only the plan's series: no youxiang_*, process_* or ALERTS.")
    var disableExporterMetrics = false

    @Option(
        name: .customLong("web.external-url"),
        help: "The URL youxiangd is reached at (e.g. behind a proxy), for links in alert messages; overrides alerting.external_url. Unset: no links.")
    var externalURL: String?

    @Option(name: .customLong("web.read-header-timeout"), help: "Close a connection whose request head is not complete within this time.")
    var readHeaderTimeout = "10s"

    @Option(name: .customLong("web.idle-timeout"), help: "Close a connection with no traffic for this long.")
    var idleTimeout = "60s"

    @Option(name: .customLong("web.max-request-body-bytes"), help: "Largest request body read (413 beyond), whatever the framing.")
    var maxBodyBytes = 65536

    func run() async throws {
        let logger = common.logger()
        guard let listen = ListenAddress(listenAddress) else {
            printError("--web.listen-address: expected [host]:port, got \"\(listenAddress)\"")
            throw ExitCode(2)
        }
        guard telemetryPath.hasPrefix("/"), telemetryPath.count > 1 else {
            printError("--web.telemetry-path must start with / and not be /")
            throw ExitCode(2)
        }
        var options = ServeOptions(configFile: common.configFile, listen: listen)
        options.telemetryPath = telemetryPath
        options.enableLifecycle = enableLifecycle
        options.storagePath = storagePath
        options.exporterMetrics = !disableExporterMetrics
        if let externalURL {
            guard externalURL.hasPrefix("http://") || externalURL.hasPrefix("https://") else {
                printError("--web.external-url: expected an http:// or https:// URL, got \"\(externalURL)\"")
                throw ExitCode(2)
            }
            options.externalURL = externalURL
        }
        guard let header = Self.httpDuration(readHeaderTimeout), let idle = Self.httpDuration(idleTimeout) else {
            printError("--web.read-header-timeout, --web.idle-timeout: expected a duration from 1ms to 1h, such as 10s")
            throw ExitCode(2)
        }
        options.http.readHeaderTimeout = header
        options.http.idleTimeout = idle
        guard (0...(64 << 20)).contains(maxBodyBytes) else {
            printError("--web.max-request-body-bytes: expected 0 to 67108864")
            throw ExitCode(2)
        }
        options.http.maxBodyBytes = maxBodyBytes
        if watchInterval == "0" || watchInterval == "0s" {
            options.watchInterval = nil
        } else if let d = DurationParser.parse(watchInterval), d > .zero {
            options.watchInterval = d
        } else {
            printError("--config.watch-interval: expected a duration such as 2s, or 0s to disable")
            throw ExitCode(2)
        }
        if let webConfigFile {
            switch WebConfig.load(path: webConfigFile) {
            case .success(let w): options.webConfig = w
            case .failure(let e):
                for d in e.diagnostics { printError(d.description) }
                throw ExitCode(1)
            }
        }
        let pipeline = try loadOrExit(common.configFile)
        try await Daemon.serve(pipeline: pipeline, options: options, modules: allModules, logger: logger)
    }
}

extension Serve {
    /// A connection timeout: 1 ms to 1 h.
    static func httpDuration(_ text: String) -> Duration? {
        guard let d = DurationParser.parse(text), d > .zero, d <= .seconds(3600) else { return nil }
        return d
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate files.", subcommands: [CheckConfig.self])
}

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Validate a configuration file (exit 0, or 1 with every diagnostic).")
    @Argument(help: "Configuration file(s).") var files: [String]

    func run() async throws {
        var failed = false
        for f in files {
            switch Pipeline.load(path: f, modules: allModules) {
            case .success(let p):
                // A named data file that does not exist fails the check (the daemon itself starts and reports it).
                for d in p.config.dataFileProblems { print(d.description) }
                if !p.config.dataFileProblems.isEmpty {
                    failed = true
                    print("\(f): \(p.config.dataFileProblems.count) missing data file(s)")
                    continue
                }
                print("\(f): OK: \(p.config.collectors.count) collector(s), \(p.evaluator?.plan.indicators.count ?? 0) plan indicator(s)")
                for c in p.config.collectors {
                    for path in c.collector.inputFiles {
                        // A folder here is a `{year}` pattern's, watched for new files; its files are listed themselves
                        // (a listed path that is a folder is reported at load).
                        var isFolder: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { continue }
                        do { fclose(try BoundedFile.open(path, limits: p.config.readLimits)) } catch {
                            print("\(f): warning: collector \(c.name): cannot read \(path): \(error)")
                        }
                    }
                }
            case .failure(let e):
                failed = true
                for d in e.diagnostics { print(d.description) }
                print("\(f): \(e.diagnostics.count) error(s)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

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

struct ListModules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "modules", abstract: "List the collector modules.")
    func run() {
        for m in allModules { print("\(m.name)\t\(m.summary)") }
    }
}

#if canImport(Glibc)
import Glibc
#endif
