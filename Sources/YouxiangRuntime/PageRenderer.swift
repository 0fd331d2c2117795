import Dispatch
import Hummingbird
import Synchronization
import YouxiangAlerting
import YouxiangCore

/// Renders the office's pages (`/`, `/indicator/<id>`, `/report`) one at a time on a dedicated serial Dispatch queue,
/// off Swift's cooperative thread pool, and keeps the last few pages it rendered.
///
/// A page takes about 1–2 s to render in a debug build. Rendered on the cooperative pool (one thread per core, the
/// threads that also answer `/metrics`), a handful of concurrent page requests occupied every thread and delayed scrapes
/// by seconds. Here a page request waits for its turn suspended (holding no thread), so `/metrics` and the other
/// endpoints always find a free thread; page requests queue behind each other.
///
/// A rendered page is kept per `Key` — the route with its parameter, the exposition's publication
/// (`PublishedExposition.versioned`) and the minute (the pages print the time to the minute) — together with the
/// active alerts it shows; a request with the same key and the same alerts is answered from memory without waiting for
/// the queue. Identical requests that arrive while the first is rendering find its page when their turn comes, so N
/// identical concurrent requests cost one render. At most `capacity` pages are kept (the least recently used is
/// dropped first).
public final class PageRenderer: Sendable {
    /// A rendered answer: HTTP status and HTML body.
    public struct Page: Sendable {
        public var status: HTTPResponse.Status
        public var body: ByteBuffer

        public init(_ status: HTTPResponse.Status, _ html: String) {
            self.status = status
            body = ByteBuffer(string: html)
        }
    }

    /// What a page depends on besides the active alerts.
    struct Key: Hashable {
        /// Path with its parameter, e.g. `/indicator/<id>` or `/report?year=<raw value>`.
        var route: String
        /// `PublishedExposition.versioned`'s publication number.
        var generation: UInt64
        /// Unix minutes of the request.
        var minute: Int64
    }

    private struct Entry {
        var key: Key
        var alerts: [AlertInstance]
        var page: Page
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Entry] = []
        var uses: UInt64 = 0
        var renders = 0
    }

    /// The queue every render runs on (serial: one page at a time).
    let queue = DispatchQueue(label: "youxiang.office-pages", qos: .userInitiated)
    /// At most this many pages are kept.
    public let capacity: Int
    private let state = Mutex(State())
    /// Called on `queue` before each render (tests use it to see where renders run and to hold one in flight).
    private let beforeRender: (@Sendable () -> Void)?

    /// A renderer keeping at most `capacity` pages (at least 1).
    public convenience init(capacity: Int = 8) { self.init(capacity: capacity, beforeRender: nil) }

    init(capacity: Int, beforeRender: (@Sendable () -> Void)?) {
        self.capacity = max(1, capacity)
        self.beforeRender = beforeRender
    }

    /// How many pages have been rendered (cache misses) since the renderer was made.
    public var renders: Int { state.withLock { $0.renders } }

    /// The page for `route` at publication `generation`, the moment `now` and the active `alerts`: from the
    /// cache, else rendered by `render` on `queue`, after the renders queued before it.
    public func page(
        route: String, generation: UInt64, now: UnixTime, alerts: [AlertInstance],
        render: @escaping @Sendable () -> Page
    ) async -> Page {
        let key = Key(route: route, generation: generation, minute: Int64((now.seconds / 60).rounded(.down)))
        if let hit = cached(key, alerts) { return hit }
        return await withCheckedContinuation { continuation in
            queue.async {
                if let hit = self.cached(key, alerts) { return continuation.resume(returning: hit) }
                self.beforeRender?()
                let page = render()
                self.store(page, key, alerts)
                continuation.resume(returning: page)
            }
        }
    }

    private func cached(_ key: Key, _ alerts: [AlertInstance]) -> Page? {
        state.withLock { s in
            guard let i = s.entries.firstIndex(where: { $0.key == key && $0.alerts == alerts }) else { return nil }
            s.uses &+= 1
            s.entries[i].lastUse = s.uses
            return s.entries[i].page
        }
    }

    private func store(_ page: Page, _ key: Key, _ alerts: [AlertInstance]) {
        state.withLock { s in
            s.renders += 1
            s.uses &+= 1
            s.entries.removeAll { $0.key == key }
            if s.entries.count >= capacity, let oldest = s.entries.indices.min(by: { s.entries[$0].lastUse < s.entries[$1].lastUse }) {
                s.entries.remove(at: oldest)
            }
            s.entries.append(Entry(key: key, alerts: alerts, page: page, lastUse: s.uses))
        }
    }
}
