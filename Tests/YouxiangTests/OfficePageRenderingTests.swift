import Dispatch
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// A counter shared between the renderer's queue, the request tasks and the test.
private final class Counter: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var current: Int { value.withLock { $0 } }
}

@Suite struct OfficePageRenderingTests {
    /// Regression (B4): eight concurrent `/report` requests rendered on the cooperative pool and held both of its threads,
    /// so `/metrics` waited seconds. Now a render is held in flight on the renderer's queue and `/metrics` still answers
    /// before any page does; the eight identical requests cost one render; a new publication renders again. The pages'
    /// clock stands still, so a slow run that crossed a minute no longer counts one render too many.
    @Test func metricsAnswersWhilePagesRenderAndIdenticalRequestsShareOneRender() async throws {
        let pipeline = try Pipeline.load(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "test"))
        await engine.rebuild()
        await engine.collectAll()
        // A clock that stands still: the cache is keyed by the minute, and a run crossing a minute rendered again.
        let clock = SimulatedClock(start: UnixTime(seconds: 1_764_547_200))
        let gate = DispatchSemaphore(value: 0)
        let entered = Counter(), answered = Counter()
        let renderer = PageRenderer(
            capacity: 4,
            beforeRender: {
                entered.add(); gate.wait()
            })
        let app = Application(router: HTTPServer.router(published: engine.published, telemetryPath: "/metrics", pages: renderer, clock: clock))
        try await app.test(.router) { client in
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.execute(uri: "/report?year=2025", method: .get) { res in
                            answered.add()
                            #expect(res.status == .ok)
                            return String(buffer: res.body)
                        }
                    }
                }
                // Wait (generously) until the first render is held on the renderer's queue.
                for _ in 0..<6000 where entered.current == 0 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(entered.current == 1)
                try await client.execute(uri: "/metrics", method: .get) { res in
                    #expect(res.status == .ok)
                    #expect(String(buffer: res.body).contains("eduplan_indicator_data_complete{"))
                }
                #expect(answered.current == 0, "/metrics answered before any page")
                for _ in 0..<100 { gate.signal() }
                var bodies: [String] = []
                for try await body in group { bodies.append(body) }
                return bodies
            }
            #expect(bodies.count == 8)
            #expect(Set(bodies).count == 1)
            #expect(bodies.first?.contains("2025年度实施情况") == true)
            #expect(renderer.renders == 1)
            // Served from the cache: no new render.
            try await client.execute(uri: "/report?year=2025", method: .get) { #expect($0.status == .ok) }
            #expect(renderer.renders == 1)
            // Another page, then a new publication of the exposition: each renders once.
            try await client.execute(uri: "/report?year=abc", method: .get) { #expect($0.status == .badRequest) }
            #expect(renderer.renders == 2)
            engine.published.publish(engine.published.current)
            try await client.execute(uri: "/report?year=2025", method: .get) { #expect($0.status == .ok) }
            #expect(renderer.renders == 3)
        }
    }
}
