import NIOCore
import Synchronization
import YouxiangCore

/// The rendered bodies of one snapshot, made on first use and kept.
public final class Renderings: Sendable {
    let snapshot: SeriesSnapshot
    private let bodies = Mutex<[Bool: ByteBuffer]>([:])
    private let prefixes = Mutex<[Bool: (prefix: Gzip.Prefix, bytes: ByteBuffer)]>([:])

    /// The (format, gzip) pairs scrapes have asked for, so the next snapshot renders them ahead of its first scrape.
    public var requested: [(ExpositionFormat, Bool)] {
        let b = bodies.withLock { Array($0.keys) }, p = prefixes.withLock { Array($0.keys) }
        return b.map { ($0 ? .openMetrics : .text, false) } + p.map { ($0 ? .openMetrics : .text, true) }
    }

    /// Renders what `requested` lists (on the engine's task, not on a scrape).
    public func prepare(_ requested: [(ExpositionFormat, Bool)]) {
        for (format, gzip) in requested {
            if gzip { _ = gzipPrefix(format) } else { _ = body(format) }
        }
    }

    /// Renderings of `snapshot`; nothing is rendered until a scrape (or `prepare`) asks for it.
    public init(_ snapshot: SeriesSnapshot) { self.snapshot = snapshot }

    /// The snapshot in `format` (OpenMetrics without `# EOF`).
    public func body(_ format: ExpositionFormat) -> ByteBuffer {
        let key = format == .openMetrics
        return bodies.withLock { cache in
            if let b = cache[key] { return b }
            var w = ExpositionWriter(format: format, reserve: snapshot.seriesCount * 96)
            w.write(snapshot)
            let b = ByteBuffer(bytes: w.bytes)
            cache[key] = b
            w = ExpositionWriter(format: format)
            // The writer's buffer (grown past the body) is freed; give it back rather than keep it resident.
            MemoryRelease.trimSoon()
            return b
        }
    }

    /// The snapshot in `format`, gzip-compressed as the prefix of a member (see `Gzip`): `bytes` holds the deflated
    /// blocks as the buffer scrapes send (shared, never copied per scrape); `prefix` carries the CRC and length for
    /// `Gzip.finish` and an empty `deflated` (the blocks are kept once, in `bytes`).
    public func gzipPrefix(_ format: ExpositionFormat) -> (prefix: Gzip.Prefix, bytes: ByteBuffer) {
        let key = format == .openMetrics
        if let p = prefixes.withLock({ $0[key] }) { return p }
        let raw = body(format)
        return prefixes.withLock { cache in
            if let p = cache[key] { return p }
            let full = raw.withUnsafeReadableBytes { Gzip.prefix($0) }
            let p = (prefix: Gzip.Prefix(deflated: [], crc: full.crc, length: full.length), bytes: ByteBuffer(bytes: full.deflated))
            cache[key] = p
            MemoryRelease.trimSoon()
            return p
        }
    }
}
