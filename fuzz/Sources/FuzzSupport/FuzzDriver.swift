#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver (from -sanitize=fuzzer's runtime), called with an input function.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// What every fuzz target shares: handing the process to libFuzzer, and writing an input to the scratch file the
/// reader under test opens (the readers work on paths).
public enum FuzzDriver {
    /// Runs libFuzzer with `input` as the function it calls for each input; returns libFuzzer's exit status.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector, input)
    }

    /// Writes `size` bytes at `data` to `path`, replacing it; false when the file cannot be opened.
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, to path: String) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        fwrite(data, 1, size, f)
        fclose(f)
        return true
    }
}
