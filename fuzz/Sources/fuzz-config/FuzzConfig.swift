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
    guard let f = fopen(scratch, "wb") else { return 0 }
    fwrite(data, 1, size, f)
    fclose(f)
    switch ConfigLoader.load(path: scratch, modules: allModules) {
    case .success(let c): precondition(c.file == scratch)
    case .failure(let e): precondition(!e.diagnostics.isEmpty, "a failed load must say why")
    }
    return 0
}

/// libFuzzer's driver (from -sanitize=fuzzer's runtime), called with our input function.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("fuzz_config_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        guard let data else { return 0 }
        return fuzzConfig(data, size)
    }
}

/// libFuzzer's input function, for the runtime's own `main` when the linker takes that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzConfig(data, size) }
