#if canImport(Glibc)
import Glibc
#endif

/// glibc's `malloc_trim(0)` (declared in malloc.h, which Swift's Glibc module leaves out), looked up at run time.
enum MemoryRelease {
    typealias Trim = @convention(c) (Int) -> Int32
    nonisolated(unsafe) static let function: Trim? = {
        #if canImport(Glibc)
        guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(p, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Returns freed heap memory to the system.
    static func trim() { _ = function?(0) }
}
