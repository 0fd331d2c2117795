import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
import YouxiangAlerting
import YouxiangCore
import YouxiangModules

@testable import YouxiangNotify
@testable import YouxiangRuntime

/// A whole day of the daemon on a `SimulatedClock`: hourly collection, evaluation every 15 minutes, delivery to a real
/// webhook receiver on 127.0.0.1 that refuses the first request and accepts the rest. Nothing waits in real time for
/// the schedules, so the day takes well under a second.
@Suite struct SimulatedDayTests {
    /// What the receiver got: the simulated time of each request, its notification id, the body's status and the answer.
    struct Received: Sendable {
        var at: UnixTime
        var id: String
        var status: String
        var answered: Int
    }

    static let config = """
        global: {interval: 1h}
        collectors:
          - name: day
            module: table
            source: {columns: {year: 年份}, files: [{path: schools.csv}]}
            metrics: [{name: eduplan_day_schools, help: schools reporting, aggregate: count}]
        alerting:
          evaluation_interval: 15m
          rules:
            - alert: TooFewSchoolsReporting
              metric: eduplan_day_schools
              op: lt
              threshold: 3
              for: 0s
              keep_firing_for: 0s
              labels: {severity: warning}
              annotations: {summary: "{{ $labels.year }}年报送学校{{ $value }}所，少于3所"}
        receivers:
          - name: hook
            webhook: {url: "http://127.0.0.1:PORT/hook"}
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h

        """

    static func rows(_ n: Int) -> String { "年份,名称\n" + (0..<n).map { "2025,学校\($0)\n" }.joined() }

    @Test func aDayOfCollectionEvaluationAndDeliveryOnASimulatedClock() async throws {
        // The outbox commits (with fsync) at every evaluation; on tmpfs when the machine has one.
        let tmp = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        let dir = tmp + "youxiang-day-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try TestPaths.temporaryFile(Self.rows(3), name: "schools.csv", in: dir)
        // 2026-03-02 00:00 China Standard Time.
        let start = PlanCalendar.unixTime(year: 2026, month: 3, day: 2)
        let clock = SimulatedClock(start: start)
        let received = Mutex<[Received]>([])

        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
            let answer = received.withLock { r -> Int in
                let code = r.isEmpty ? 503 : 200  // refuses the first request, accepts the rest
                r.append(
                    Received(
                        at: clock.now, id: request.headers[.init("X-Youxiang-Notification-Id")!] ?? "",
                        status: json?["status"] as? String ?? "", answered: code))
                return code
            }
            return Response(status: .init(code: answer))
        }
        let quiet = { () -> Logger in
            var l = Logger(label: "day")
            l.logLevel = .critical
            return l
        }()

        try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            let path = try TestPaths.temporaryFile(Self.config.replacingOccurrences(of: "PORT", with: String(port)), name: "config.yml", in: dir)
            let pipeline = try Pipeline.load(path: path, modules: allModules).get()
            let engine = Engine(pipeline: pipeline, logger: quiet, clock: clock)
            let transport = AHCTransport()
            let notifier = Notifier(outbox: try Outbox(directory: dir + "/data"), transport: transport, logger: quiet, resendDelay: .seconds(60), clock: clock)
            let coordinator = AlertingCoordinator(pipeline: pipeline, engine: engine, notifier: notifier, logger: quiet, clock: clock)
            let service = AlertingService(
                coordinator: coordinator, engine: engine, interval: { .seconds(900) }, drainLimit: .zero,
                transport: transport)
            // Every loop asleep on the clock — the collector's schedule, the evaluation schedule, the receiver's send
            // loop, and the snapshot's rebuild when a run has finished: only then does simulated time move.
            let idle: @Sendable () async -> Bool = {
                guard clock.sleepers >= 3 else { return false }
                return clock.sleepers >= (await engine.isRebuildPending ? 4 : 3)
            }

            await engine.start()
            let evaluating = Task { await service.evaluateOnSchedule() }
            #expect(await clock.run(until: start + .seconds(6 * 3600), idle: idle))
            #expect(received.withLock { $0.isEmpty })  // three schools report: quiet
            // 06:00 one school stops reporting; at 18:00 it reports again.
            try Self.rows(2).write(toFile: data, atomically: true, encoding: .utf8)
            #expect(await clock.run(until: start + .seconds(18 * 3600), idle: idle))
            try Self.rows(3).write(toFile: data, atomically: true, encoding: .utf8)
            #expect(await clock.run(until: start + .seconds(24 * 3600), idle: idle))
            evaluating.cancel()
            await engine.stop()
            notifier.apply([])
            await transport.shutdown()
        }

        let got = received.withLock { $0 }
        // When things should happen, from the configuration: the collector runs at start and then every
        // interval + its fixed spread; a run's snapshot is rebuilt 20 ms later; the evaluation loop runs 200 ms after
        // start (its first readiness check) and every 15 minutes after.
        let collector = try #require(try Pipeline.load(path: dir + "/config.yml", modules: allModules).get().config.collectors.first)
        let spread = Engine.spread(collector).seconds
        #expect(spread >= 0 && spread < 360)
        let period = 3600 + spread
        func firstRun(after t: Double) -> Double { ((t / period).rounded(.down) + 1) * period }
        func firstEvaluation(atOrAfter t: Double) -> Double { 0.2 + ((t - 0.2) / 900).rounded(.up) * 900 }
        // Fires at the first evaluation after the first run past 06:00; group_wait (30 s) holds the notification to
        // the evaluation after; repeats every repeat_interval (4 h, on the evaluation grid) while firing; resolves at
        // the first evaluation after the first run past 18:00.
        let fired = firstEvaluation(atOrAfter: firstRun(after: 6 * 3600) + 0.02)
        let resolved = firstEvaluation(atOrAfter: firstRun(after: 18 * 3600) + 0.02)
        var notices = [fired + 900]
        while let last = notices.last, firstEvaluation(atOrAfter: last + 4 * 3600 - 0.001) < resolved {
            notices.append(firstEvaluation(atOrAfter: last + 4 * 3600 - 0.001))
        }
        func near(_ t: UnixTime, _ expected: Double) -> Bool { abs((t - start).seconds - expected) < 0.001 }

        // 1. firing, refused (503); 2. the same notification after the backoff (0.5–1.5 s), accepted.
        try #require(got.count == notices.count + 2)
        #expect(got[0].status == "firing" && got[0].answered == 503 && near(got[0].at, notices[0]))
        #expect(got[1].status == "firing" && got[1].answered == 200 && got[1].id == got[0].id)
        let retry = (got[1].at - got[0].at).seconds
        #expect(retry >= 0.5 && retry < 1.5)
        // 3. each repeat notice when due, a new id each, accepted at once.
        for (k, g) in got.dropFirst(2).dropLast().enumerated() {
            #expect(g.status == "firing" && g.answered == 200 && near(g.at, notices[k + 1]) && g.id != got[0].id)
        }
        #expect(notices.count >= 3)  // fired for about 12 hours: at least two repeats
        // 4. resolved, accepted; nothing after it.
        let last = try #require(got.last)
        #expect(last.status == "resolved" && last.answered == 200 && near(last.at, resolved))
    }
}
