#if canImport(Glibc)
import Glibc
#endif

/// glibc's `malloc_trim(0)` (declared in malloc.h, which Swift's Glibc module leaves out), looked up at run time.
///
/// Called after the large transient work of a snapshot (assembly, rendering): glibc serves allocations below its
/// dynamic mmap threshold (up to 32 MB) from the heap and keeps them resident when freed unless asked to give them
/// back, so a 10 MB rendering would otherwise leave its working copies in the resident set.
public enum MemoryRelease {
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
    public static func trim() { _ = function?(0) }
}
