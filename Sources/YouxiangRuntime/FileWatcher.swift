import Logging
import ServiceLifecycle
import YouxiangCore

/// Watches the configuration, the targets file and every data file the running configuration reads, by polling
/// `stat` (which follows symlinks). That sees in-place writes, editors that save by writing a new file and renaming
/// it over the old one, and Kubernetes ConfigMap mounts that swap a `..data` symlink. A change must hold still for
/// one poll (debounce) before it acts: a config change reloads; a data file change re-runs only its collectors.
public struct FileWatchService: Service {
    let engine: Engine
    let reloader: Reloader
    let interval: Duration
    let logger: Logger

    /// Stamps of every watched file taken when the running configuration was loaded: a change made between loading
    /// and the first poll is still a change.
    let baseline: [String: FileStamp?]

    public init(engine: Engine, reloader: Reloader, interval: Duration, logger: Logger, baseline: [String: FileStamp?] = [:]) {
        self.engine = engine
        self.reloader = reloader
        self.interval = interval
        self.logger = logger
        self.baseline = baseline
    }

    /// The stamps of `paths` now.
    public static func stamps(_ paths: [String]) -> [String: FileStamp?] {
        Dictionary(paths.map { ($0, FileStamp(path: $0)) }, uniquingKeysWith: { a, _ in a })
    }

    public func run() async throws {
        var seen: [String: FileStamp?] = baseline
        var pending: [String: FileStamp?] = [:]
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let (config, data) = await engine.watchedFiles()
            let paths = config + data.keys.sorted()
            var settled: [String] = []
            for p in paths {
                let now = FileStamp(path: p)
                guard let before = seen[p] else { seen[p] = now; continue }
                if now == before { pending[p] = nil; continue }
                if let waiting = pending[p], waiting == now {
                    settled.append(p)
                    seen[p] = now
                    pending[p] = nil
                } else {
                    pending[p] = now
                }
            }
            for p in seen.keys where !paths.contains(p) { seen[p] = nil }
            guard !settled.isEmpty else { continue }
            if settled.contains(where: config.contains) {
                logger.info("configuration file changed", metadata: ["files": .string(settled.joined(separator: ","))])
                // Stamp the configuration files before reading them: an edit landing during the reload is seen next poll.
                let before = Self.stamps(config)
                await reloader.reload(reason: "file change")
                // Re-baseline what the new configuration reads, so its data files are not "changed".
                let (c2, d2) = await engine.watchedFiles()
                for p in d2.keys { seen[p] = FileStamp(path: p) }
                for p in c2 { seen[p] = before[p] ?? FileStamp(path: p) }
            } else {
                let names = Set(settled.flatMap { data[$0] ?? [] })
                logger.info("data file changed", metadata: ["files": .string(settled.joined(separator: ",")),
                                                           "collectors": .string(names.sorted().joined(separator: ","))])
                await engine.runNow(names)
            }
        }
    }
}

/// What identifies a file's content cheaply: device, inode, size and modification time (nanoseconds). Nil when the
/// file does not exist.
public struct FileStamp: Equatable, Sendable {
    var device: UInt64, inode: UInt64, size: Int64, mtimeSeconds: Int, mtimeNanoseconds: Int

    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        mtimeSeconds = Int(st.st_mtim.tv_sec)
        mtimeNanoseconds = Int(st.st_mtim.tv_nsec)
    }
}

#if canImport(Glibc)
import Glibc
#endif
