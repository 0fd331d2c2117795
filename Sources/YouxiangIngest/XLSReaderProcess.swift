import Foundation
import YouxiangCore

#if canImport(Glibc)
import Glibc
#endif

/// How ``XLSTableReader`` runs `youxiang-xls-reader`, the child process that reads `.xls` files through FreeXL: a
/// crash, abort, hang or runaway memory in FreeXL on a damaged or hostile file then costs that file (a clear error),
/// never the daemon.
///
/// The child is started by `posix_spawn` (no fork of the daemon) with stdin from `/dev/null`, stdout and stderr on
/// pipes, no other descriptor of the daemon's, every signal at its default action and unblocked, and the daemon's
/// environment (the Swift backtracer off). It leads a process group of its own and is killed (SIGKILL to that group,
/// by its PID) when the collector's run is abandoned at its timeout (``IOContext/cancel()``), when ``timeout`` passes,
/// or when its output passes the limit; it sets its own address-space and CPU-time limits (``maxMemoryBytes``,
/// ``maxCPUSeconds``) before FreeXL opens the file.
public struct XLSReaderProcess: Sendable {
    /// The environment variable naming the reader program (tests, unusual installs); see ``defaultExecutable``.
    public static let environmentVariable = "YOUXIANG_XLS_READER"
    /// The reader program's file name, installed beside `youxiangd`.
    public static let programName = "youxiang-xls-reader"

    /// Path of the reader program.
    public var executable: String
    /// The child is killed after this long (nil: only the collector's timeout, through ``IOContext``, ends it).
    public var timeout: Duration?
    /// The child's address-space limit (`RLIMIT_AS`), bytes. Default 4 GiB.
    public var maxMemoryBytes: UInt64
    /// The child's CPU-time limit (`RLIMIT_CPU`), seconds. Default 300.
    public var maxCPUSeconds: UInt64

    /// Creates the settings; see the properties for the defaults.
    public init(
        executable: String = XLSReaderProcess.defaultExecutable, timeout: Duration? = nil, maxMemoryBytes: UInt64 = 4 << 30,
        maxCPUSeconds: UInt64 = 300
    ) {
        self.executable = executable
        self.timeout = timeout
        self.maxMemoryBytes = maxMemoryBytes
        self.maxCPUSeconds = maxCPUSeconds
    }

    /// `$YOUXIANG_XLS_READER` when set and not empty; otherwise `youxiang-xls-reader` in the folder of the running
    /// executable (`/proc/self/exe`, symbolic links resolved: beside the `youxiangd` file; in tests, the build's
    /// products folder, where the test bundle's executable is). Read afresh each time.
    public static var defaultExecutable: String {
        if let p = ProcessInfo.processInfo.environment[environmentVariable], !p.isEmpty { return p }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        return (exe as NSString).deletingLastPathComponent + "/" + programName
    }

    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    /// glibc's `pipe2` (Swift's Glibc module does not declare it: it is a GNU extension).
    nonisolated(unsafe) static let pipe2: Pipe2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 on; not declared to Swift): the child closes
    /// every descriptor from 3 up before `exec`, so it holds none of the daemon's (sockets, the outbox, files another
    /// thread has open without close-on-exec). Nil on an older glibc: then only close-on-exec descriptors are closed.
    nonisolated(unsafe) static let addCloseFrom: AddCloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// A pipe whose ends are close-on-exec from the start (`pipe2(O_CLOEXEC)`; without it, `pipe` then `fcntl`).
    static func closeOnExecPipe(_ fds: inout [Int32]) -> Int32 {
        if let pipe2 { return pipe2(&fds, O_CLOEXEC) }
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return 0
    }

    /// How a run ended.
    enum Ending: Equatable {
        /// The child exited with this status.
        case exited(Int32)
        /// The child died of this signal (a crash, an abort, a resource limit).
        case signalled(Int32)
        /// Killed here: the timeout passed or the run was abandoned.
        case timedOut
        /// Killed here: its output passed the limit.
        case outputTooLarge
        /// The program could not be started (`errno`).
        case notStarted(Int32)
    }

    /// What the child wrote and how it ended.
    struct Run {
        var ending: Ending
        var stdout: [UInt8]
        /// The start of stderr (at most 4 KiB).
        var stderr: [UInt8]
    }

    /// The environment the child gets: the daemon's, with the Swift runtime's crash backtracer off (a crash is
    /// expected there: it must end the child at once, not spend seconds symbolicating into the 4 KiB of stderr kept).
    static func childEnvironment() -> [String] {
        var env: [String] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if !s.hasPrefix("SWIFT_BACKTRACE=") { env.append(s) }
            p += 1
        }
        return env + ["SWIFT_BACKTRACE=enable=no"]
    }

    /// Runs the reader with `arguments`, keeping at most `maxOutputBytes` of its stdout. Blocks the calling thread
    /// (a collector's worker thread) until the child has ended and been reaped.
    ///
    /// The child leads a process group of its own; a kill (timeout, cancellation, output limit) is SIGKILL to that
    /// group, so nothing it started outlives it or holds the pipes open.
    func run(arguments: [String], maxOutputBytes: Int) -> Run {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        // Close-on-exec: another collector's child, spawned meanwhile, must not hold these pipes open.
        guard Self.closeOnExecPipe(&outPipe) == 0 else { return Run(ending: .notStarted(errno), stdout: [], stderr: []) }
        guard Self.closeOnExecPipe(&errPipe) == 0 else {
            let e = errno
            close(outPipe[0]); close(outPipe[1])
            return Run(ending: .notStarted(e), stdout: [], stderr: [])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let addCloseFrom = Self.addCloseFrom { _ = addCloseFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group; every signal at its default action and none blocked (the daemon ignores SIGPIPE,
        // SIGTERM and SIGHUP for its own handling, and ignored signals would stay ignored across exec).
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let envp: [UnsafeMutablePointer<CChar>?] = Self.childEnvironment().map { strdup($0) } + [nil]
        defer { for e in envp { free(e) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard spawned == 0 else { return Run(ending: .notStarted(spawned), stdout: [], stderr: []) }

        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var killedAs: Ending?
        var open = [true, true]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while open[0] || open[1] {
            if IOContext.current?.isCancelled == true || deadline.map({ clock.now >= $0 }) == true {
                killedAs = .timedOut
            } else if stdout.count > maxOutputBytes {
                killedAs = .outputTooLarge
            }
            if killedAs != nil {
                // The rest of the output is of no use: stop reading (the pipes close below).
                kill(-pid, SIGKILL)
                break
            }
            var fds = [
                pollfd(fd: open[0] ? outPipe[0] : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: open[1] ? errPipe[0] : -1, events: Int16(POLLIN), revents: 0),
            ]
            // Wakes at least every 50 ms to look at the deadline and the run's cancellation.
            let ready = poll(&fds, 2, 50)
            if ready < 0, errno != EINTR {
                kill(-pid, SIGKILL)
                break
            }
            for i in 0..<2 where open[i] && fds[i].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(i == 0 ? outPipe[0] : errPipe[0], $0.baseAddress, $0.count) }
                if n > 0 {
                    if i == 0 {
                        if stdout.count <= maxOutputBytes { stdout.append(contentsOf: chunk[0..<n]) }
                    } else if stderr.count < 4096 {
                        stderr.append(contentsOf: chunk[0..<min(n, 4096 - stderr.count)])
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[i] = false
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if let killedAs { return Run(ending: killedAs, stdout: stdout, stderr: stderr) }
        // The wait status: low 7 bits the terminating signal (0: exited), bits 8–15 the exit status.
        let signal = status & 0x7f
        return Run(ending: signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal), stdout: stdout, stderr: stderr)
    }
}
