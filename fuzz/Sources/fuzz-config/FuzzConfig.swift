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
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let f = fopen(scratch, "wb") else { return 0 }
    fwrite(data, 1, size, f)
    fclose(f)
    switch ConfigLoader.load(path: scratch, modules: allModules) {
    case .success(let c): precondition(c.file == scratch)
    case .failure(let e): precondition(!e.diagnostics.isEmpty, "a failed load must say why")
    }
    return 0
}
