import Dispatch
import Synchronization

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

    /// Fixes glibc's mmap threshold at its default, 128 KiB (`mallopt(M_MMAP_THRESHOLD, …)`), once per process.
    ///
    /// glibc otherwise raises the threshold (up to 32 MB) each time a large block is freed, and the trim threshold
    /// with it (to twice that): after a collection or a rendering, the freed top of a thread's heap (tens of MB)
    /// stays resident, out of `trim`'s reach (it trims only the main heap's top). With the threshold fixed, blocks of
    /// 128 KiB and more (a family's columns, a rendered body) are mapped and unmapped on their own, and heap tops
    /// above 128 KiB are returned when freed. Returns whether glibc accepted the setting.
    public static let configured: Bool = {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mMmapThreshold: Int32 = -3
        return unsafeBitCast(p, to: Mallopt.self)(mMmapThreshold, 128 * 1024) == 1
        #else
        return false
        #endif
    }()

    /// Applies `configured` (idempotent).
    public static func configure() { _ = configured }

    /// Returns freed heap memory to the system, now, on the calling thread.
    public static func trim() { _ = function?(0) }

    private static let trimQueued = Atomic<Bool>(false)

    /// Returns freed heap memory to the system soon, on a Dispatch worker at normal priority; calls while one is queued
    /// add nothing. What the daemon calls after assembling or rendering a snapshot.
    ///
    /// `malloc_trim` locks each of glibc's arenas in turn while it returns that arena's free pages. Run on a thread of
    /// lowered priority (`BackgroundExecutor`, where snapshots are built), it could be preempted while holding the
    /// arena of a thread answering a scrape, and that scrape would wait for the low-priority thread to get a core
    /// again (priority inversion). On a normal-priority worker it holds each arena only as long as the work takes.
    public static func trimSoon() {
        guard function != nil, trimQueued.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        DispatchQueue.global().async {
            trimQueued.store(false, ordering: .releasing)
            trim()
        }
    }
}
