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

struct ListModules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "modules", abstract: "List the collector modules.")
    func run() {
        for m in allModules { print("\(m.name)\t\(m.summary)") }
    }
}

#if canImport(Glibc)
import Glibc
#endif
