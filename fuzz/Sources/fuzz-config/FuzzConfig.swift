import FuzzSupport
import YouxiangConfig
import YouxiangModules

#if canImport(Glibc)
import Glibc
#endif

/// Scratch file the loader reads (the loader works on paths; relative paths in the YAML resolve against its folder).
let scratch: String = {
    let dir = "/tmp/youxiang-fuzz-config-\(getpid())"
    mkdir(dir, 0o700)
    return dir + "/config.yml"
}()

/// One input: the bytes as a configuration file, loaded with every module. Any outcome but a crash, a hang or a
/// runaway allocation is fine: valid or a list of diagnostics.
func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FuzzDriver.write(data, size, to: scratch) else { return 0 }
    switch ConfigLoader.load(path: scratch, modules: allModules) {
    case .success(let c): precondition(c.file == scratch)
    case .failure(let e): precondition(!e.diagnostics.isEmpty, "a failed load must say why")
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_config_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in data.map { fuzzConfig($0, size) } ?? 0 }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzConfig(data, size) }
