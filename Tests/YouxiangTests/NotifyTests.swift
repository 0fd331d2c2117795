import Foundation
import Testing
import YouxiangCore
import YouxiangPlan

@testable import YouxiangAlerting
@testable import YouxiangNotify

/// Fixed alerts and notifications for golden messages and dispatcher tables.
enum NotifyFixtures {
    static func alert(_ indicator: String, year: String, state: AlertState = .firing, at t: UnixTime = 1_795_970_000) -> AlertInstance {
        AlertInstance(
            labels: [
                "alertname": "EduplanTargetMissed", "indicator": indicator, "year": year, "district": "330206", "severity": "warning",
                "responsible_units": "区发改局,区教育局,区财政局,资规分局,区卫健局",
            ],
            // The text the daemon writes for this alert (AlertText), so the receivers' goldens show the real style.
            annotations: AlertText.targetMissed(
                AlertTextTests.ind("kindergarten_enrolment_public"), plan: AlertTextTests.plan, year: Int(year)!,
                value: 0.71, target: AlertTextTests.target("kindergarten_enrolment_public", Int(year)!),
                at: AlertText.Moment(
                    evaluatedAt: t, dataAsOf: PlanCalendar.unixTime(year: 2025, month: 12, day: 31),
                    externalURL: "http://youxiang.example:9096")),
            state: state, activeAt: t, firedAt: t, resolvedAt: state == .inactive ? t + .seconds(3600) : nil, lastTrueAt: t, lastSeenAt: t,
            stale: false, value: 0.71)
    }

    static func notification(kind: AlertNotification.Kind = .change, resolved: Bool = false) -> AlertNotification {
        var alerts = [AlertPayload(alert("kindergarten_enrolment_public", year: "2025"), generatorURL: "http://youxiang.example:9096/")]
        if resolved {
            alerts.append(AlertPayload(alert("kindergarten_enrolment_public", year: "2024", state: .inactive), generatorURL: "http://youxiang.example:9096/"))
        }
        return AlertNotification(
            id: "n-1", receiver: "office", kind: kind, groupKey: "office|0|alertname=EduplanTargetMissed",
            groupLabels: ["alertname": "EduplanTargetMissed"], alerts: alerts, createdAt: 1_795_970_000,
            externalURL: "http://youxiang.example:9096")
    }

    static func receiver(_ kind: ReceiverConfig.Kind) -> ReceiverConfig { ReceiverConfig(name: "office", kind: kind) }
}

@Suite struct MessageTests {
    func golden(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.fixture("golden/notify/" + name), encoding: .utf8)
    }

    func body(_ r: OutgoingRequest) -> String { String(decoding: r.body, as: UTF8.self) }

    /// `text` equals golden/notify/NAME (without its final newline); YOUXIANG_UPDATE_GOLDEN=1 rewrites the file.
    func expectGolden(_ text: String, _ name: String) throws {
        if ProcessInfo.processInfo.environment["YOUXIANG_UPDATE_GOLDEN"] == "1" {
            try (text + "\n").write(toFile: TestPaths.repo("Tests/YouxiangTests/Fixtures/golden/notify/" + name), atomically: true, encoding: .utf8)
            return
        }
        #expect(text == (try golden(name)).trimmingTrailingNewline)
    }

    @Test func dingTalkGolden() throws {
        let r = Senders.request(
            for: NotifyFixtures.notification(resolved: true),
            receiver: NotifyFixtures.receiver(
                .dingtalk(url: "https://oapi.dingtalk.com/robot/send", accessToken: "TOKEN", secret: "SEC000example", sendResolved: true)),
            now: 1_700_000_000, resendDelay: .seconds(60))
        #expect(
            r.url == "https://oapi.dingtalk.com/robot/send?access_token=TOKEN&timestamp=1700000000000&sign=xyAXnOeEx8mcnUUlZoyxvRe%2FLa8u0eqZaWsTXunfdkQ%3D")
        try expectGolden(body(r), "dingtalk.json")
    }

    /// DingTalk's documented signing scheme, against Python's hmac/hashlib for the same inputs.
    @Test func dingTalkSignature() {
        #expect(Senders.dingTalkSign(timestamp: "1700000000000", secret: "SEC000example") == "xyAXnOeEx8mcnUUlZoyxvRe/La8u0eqZaWsTXunfdkQ=")
    }

    @Test func weComGolden() throws {
        let r = Senders.request(
            for: NotifyFixtures.notification(resolved: true),
            receiver: NotifyFixtures.receiver(.wecom(url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", key: "KEY", sendResolved: true)),
            now: 1_700_000_000, resendDelay: .seconds(60))
        #expect(r.url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY")
        try expectGolden(body(r), "wecom.json")
    }

    @Test func webhookGolden() throws {
        let r = Senders.request(
            for: NotifyFixtures.notification(resolved: true),
            receiver: NotifyFixtures.receiver(.webhook(url: "http://127.0.0.1:5001/hook", sendResolved: true)),
            now: 1_700_000_000, resendDelay: .seconds(60))
        #expect(r.headers["X-Youxiang-Notification-Id"] == "n-1")
        try expectGolden(body(r), "webhook.json")
    }

    @Test func alertmanagerGolden() throws {
        let r = Senders.request(
            for: NotifyFixtures.notification(resolved: true), receiver: NotifyFixtures.receiver(.alertmanager(url: "http://127.0.0.1:9093")),
            now: 1_795_970_100, resendDelay: .seconds(60))
        #expect(r.url == "http://127.0.0.1:9093/api/v2/alerts")
        try expectGolden(body(r), "alertmanager.json")
    }

    @Test func responses() {
        let hook = ReceiverConfig.Kind.webhook(url: "x", sendResolved: true)
        let ding = ReceiverConfig.Kind.dingtalk(url: "x", accessToken: "t", secret: nil, sendResolved: true)
        #expect(Senders.outcome(hook, status: 200, body: []) == .delivered)
        #expect(Senders.outcome(hook, status: 503, body: []) == .retry("HTTP 503: "))
        #expect(Senders.outcome(hook, status: 429, body: []) == .retry("HTTP 429: "))
        #expect(Senders.outcome(hook, status: 400, body: Array("bad".utf8)) == .reject("HTTP 400: bad"))
        #expect(Senders.outcome(ding, status: 200, body: Array(#"{"errcode":0,"errmsg":"ok"}"#.utf8)) == .delivered)
        #expect(
            Senders.outcome(ding, status: 200, body: Array(#"{"errcode":130101,"errmsg":"send too fast"}"#.utf8)) == .retry("errcode 130101: send too fast"))
        #expect(
            Senders.outcome(ding, status: 200, body: Array(#"{"errcode":310000,"errmsg":"sign not match"}"#.utf8)) == .reject("errcode 310000: sign not match"))
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(SendLoop.backoff(attempts: 1, random: 0.5) == .seconds(1))
        #expect(SendLoop.backoff(attempts: 4, random: 0.5) == .seconds(8))
        #expect(SendLoop.backoff(attempts: 30, random: 0.5) == .seconds(300))
        #expect(SendLoop.backoff(attempts: 3, random: 0) == .seconds(2))
    }

    @Test func timestamps() {
        #expect(Timestamps.rfc3339(1_795_970_000.046) == "2026-11-29T16:33:20.046Z")
        #expect(Timestamps.chinaLocal(1_795_970_000) == "2026-11-30 00:33")
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
