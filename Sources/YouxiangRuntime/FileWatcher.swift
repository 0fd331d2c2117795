import Logging
import ServiceLifecycle
import YouxiangCore

/// Watches the configuration, the targets file and every data file the running configuration reads, by polling
/// `stat` (which follows symlinks). That sees in-place writes, editors that save by writing a new file and renaming
/// it over the old one, and Kubernetes ConfigMap mounts that swap a `..data` symlink. A change must hold still for
/// one poll (debounce) before it acts: a config change reloads; a data file change re-runs only its collectors (also
/// when the configuration changed in the same poll: those the reload kept unchanged run now). A
/// changed stamp is then checked against the file's content hash (`ContentHash`): a touch or a byte-identical rewrite,
/// and a configuration some other trigger already reloaded, act on nothing.
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
        // Content of each data file as last acted on: a touch or a byte-identical rewrite re-runs nothing. Files that
        // have not moved since the load are hashed now.
        var dataHashes: [String: ContentHash] = [:]
        for p in await engine.watchedFiles().data.keys {
            if let b = baseline[p], FileStamp(path: p) == b, let h = ContentHash.of(p) { dataHashes[p] = h }
        }
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let (config, data) = await engine.watchedFiles()
            let paths = config + data.keys.sorted()
            var settled: [String] = []
            for p in paths {
                let now = FileStamp(path: p)
                guard let before = seen[p] else {
                    seen[p] = now
                    if data[p] != nil, let h = ContentHash.of(p) { dataHashes[p] = h }
                    continue
                }
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
            // A configuration file whose content is what the last reload (whatever triggered it) read is no change.
            var configChanged: [String] = []
            for p in settled where config.contains(p) {
                let h = ContentHash.of(p)
                if case .some(let loaded) = await reloader.loadedHash(of: p), h != nil, loaded == h { continue }
                configChanged.append(p)
            }
            var dataChanged: [String] = []
            for p in settled where data[p] != nil {
                let h = ContentHash.of(p)
                if let h, dataHashes[p] == h { continue }
                dataHashes[p] = h
                dataChanged.append(p)
            }
            if !configChanged.isEmpty {
                logger.info("configuration file changed", metadata: ["files": .string(configChanged.joined(separator: ","))])
                // Stamp the configuration files before reading them: an edit landing during the reload is seen next poll.
                let before = Self.stamps(config)
                let outcome = await reloader.reload(reason: "file change")
                // Baseline the data files only the new configuration reads, so they are not "changed". Files the old
                // one read keep their tracking: one still settling is seen when it settles.
                let (c2, d2) = await engine.watchedFiles()
                for p in d2.keys where data[p] == nil {
                    seen[p] = FileStamp(path: p)
                    if let h = ContentHash.of(p) { dataHashes[p] = h }
                }
                for p in c2 { seen[p] = before[p] ?? FileStamp(path: p) }
                // A data file that changed in the same poll: the collectors that read it and that the reload did not
                // (re)start run now, as they would have without the configuration change.
                let restarted: Set<String>
                let readers: [String: Set<String>]
                switch outcome {
                case .success(let s): (restarted, readers) = (Set(s.added + s.changed), d2)
                case .failure: (restarted, readers) = ([], data)
                }
                let names = Set(dataChanged.flatMap { readers[$0] ?? [] }).subtracting(restarted)
                if !names.isEmpty { await runData(dataChanged, names) }
            } else if !dataChanged.isEmpty {
                await runData(dataChanged, Set(dataChanged.flatMap { data[$0] ?? [] }))
            }
        }
    }

    /// Logs the changed data files and runs the collectors `names` now.
    private func runData(_ files: [String], _ names: Set<String>) async {
        logger.info(
            "data file changed",
            metadata: [
                "files": .string(files.joined(separator: ",")),
                "collectors": .string(names.sorted().joined(separator: ",")),
            ])
        await engine.runNow(names)
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
