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

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate files.", subcommands: [CheckConfig.self])
}

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Validate a configuration file (exit 0, or 1 with every diagnostic).")
    @Argument(help: "Configuration file(s).") var files: [String]

    @Flag(
        name: .customLong("allow-missing-data"),
        help: """
            Fail only on configuration errors: a missing data file is a warning (exit 0), as the daemon starts and \
            reports it until it arrives. The systemd unit's ExecStartPre uses this.
            """)
    var allowMissingData = false

    func run() async throws {
        var failed = false
        for f in files {
            switch Pipeline.load(path: f, modules: allModules) {
            case .success(let p):
                // A named data file that does not exist fails the check (the daemon itself starts and reports it),
                // unless --allow-missing-data makes it a warning.
                let missing = p.config.dataFileProblems
                for var d in missing {
                    if allowMissingData { d.severity = .warning }
                    print(d.description)
                }
                if !missing.isEmpty, !allowMissingData {
                    failed = true
                    print("\(f): \(missing.count) missing data file(s)")
                    continue
                }
                print("\(f): OK: \(p.config.collectors.count) collector(s), \(p.evaluator?.plan.indicators.count ?? 0) plan indicator(s)")
                let reader = XLSReaderProcess.defaultExecutable
                let readerMissing = !FileManager.default.isExecutableFile(atPath: reader)
                for c in p.config.collectors {
                    // `.xls` files are read by the child process youxiang-xls-reader: without it they all fail.
                    if readerMissing, let xls = c.collector.inputFiles.first(where: { $0.lowercased().hasSuffix(".xls") }) {
                        print(
                            "\(f): warning: collector \(c.name) reads \(xls), an .xls workbook, but the .xls reader \(reader) is not installed: "
                                + "install \(XLSReaderProcess.programName) beside youxiangd (README, Deploying) or set \(XLSReaderProcess.environmentVariable)")
                    }
                    for path in c.collector.inputFiles {
                        // A folder here is a `{year}` pattern's, watched for new files; its files are listed themselves
                        // (a listed path that is a folder is reported at load).
                        var isFolder: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { continue }
                        // A missing file already reported above (with --allow-missing-data) is not reported again.
                        if missing.contains(where: { $0.message.contains(path) }) { continue }
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
