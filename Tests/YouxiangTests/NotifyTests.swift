import Foundation
import Testing
@testable import YouxiangAlerting
@testable import YouxiangNotify

/// Fixed alerts and notifications for golden messages and dispatcher tables.
enum NotifyFixtures {
    static func alert(_ indicator: String, year: String, state: AlertState = .firing, at t: Double = 1_795_970_000) -> AlertInstance {
        AlertInstance(
            labels: ["alertname": "EduplanTargetMissed", "indicator": indicator, "year": year, "district": "330206", "severity": "warning",
                     "responsible_units": "区发改局,区教育局,区财政局,资规分局,区卫健局"],
            annotations: ["summary": "\(year)年「公办幼儿园在园幼儿占比」未达到年度目标:71%,目标不低于72%",
                          "description": "\(year)年公办幼儿园在园幼儿占比为71%,年度目标为不低于72%(规划原文:72),差1个百分点。责任单位:区发改局、区教育局、区财政局、资规分局、区卫健局(指标表未列责任单位,按任务(二)扩大学前教育普及普惠推定)。"],
            state: state, activeAt: t, firedAt: t, resolvedAt: state == .inactive ? t + 3600 : nil, lastTrueAt: t, lastSeenAt: t,
            stale: false, value: 0.71)
    }

    static func notification(kind: AlertNotification.Kind = .change, resolved: Bool = false) -> AlertNotification {
        var alerts = [AlertPayload(alert("kindergarten_enrolment_public", year: "2025"), generatorURL: "http://youxiang.example:9096/")]
        if resolved { alerts.append(AlertPayload(alert("kindergarten_enrolment_public", year: "2024", state: .inactive), generatorURL: "http://youxiang.example:9096/")) }
        return AlertNotification(id: "n-1", receiver: "office", kind: kind, groupKey: "office|0|alertname=EduplanTargetMissed",
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

    @Test func dingTalkGolden() throws {
        let r = Senders.request(for: NotifyFixtures.notification(resolved: true),
                                receiver: NotifyFixtures.receiver(.dingtalk(url: "https://oapi.dingtalk.com/robot/send", accessToken: "TOKEN", secret: "SEC000example", sendResolved: true)),
                                now: 1_700_000_000, resendDelay: 60)
        #expect(r.url == "https://oapi.dingtalk.com/robot/send?access_token=TOKEN&timestamp=1700000000000&sign=xyAXnOeEx8mcnUUlZoyxvRe%2FLa8u0eqZaWsTXunfdkQ%3D")
        #expect(body(r) == (try golden("dingtalk.json")).trimmingTrailingNewline)
    }

    /// DingTalk's documented signing scheme, against Python's hmac/hashlib for the same inputs.
    @Test func dingTalkSignature() {
        #expect(Senders.dingTalkSign(timestamp: "1700000000000", secret: "SEC000example") == "xyAXnOeEx8mcnUUlZoyxvRe/La8u0eqZaWsTXunfdkQ=")
    }

    @Test func weComGolden() throws {
        let r = Senders.request(for: NotifyFixtures.notification(resolved: true),
                                receiver: NotifyFixtures.receiver(.wecom(url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", key: "KEY", sendResolved: true)),
                                now: 1_700_000_000, resendDelay: 60)
        #expect(r.url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY")
        #expect(body(r) == (try golden("wecom.json")).trimmingTrailingNewline)
    }

    @Test func webhookGolden() throws {
        let r = Senders.request(for: NotifyFixtures.notification(resolved: true), receiver: NotifyFixtures.receiver(.webhook(url: "http://127.0.0.1:5001/hook", sendResolved: true)),
                                now: 1_700_000_000, resendDelay: 60)
        #expect(r.headers["X-Youxiang-Notification-Id"] == "n-1")
        #expect(body(r) == (try golden("webhook.json")).trimmingTrailingNewline)
    }

    @Test func alertmanagerGolden() throws {
        let r = Senders.request(for: NotifyFixtures.notification(resolved: true), receiver: NotifyFixtures.receiver(.alertmanager(url: "http://127.0.0.1:9093")),
                                now: 1_795_970_100, resendDelay: 60)
        #expect(r.url == "http://127.0.0.1:9093/api/v2/alerts")
        #expect(body(r) == (try golden("alertmanager.json")).trimmingTrailingNewline)
    }

    @Test func responses() {
        let hook = ReceiverConfig.Kind.webhook(url: "x", sendResolved: true)
        let ding = ReceiverConfig.Kind.dingtalk(url: "x", accessToken: "t", secret: nil, sendResolved: true)
        #expect(Senders.outcome(hook, status: 200, body: []) == .delivered)
        #expect(Senders.outcome(hook, status: 503, body: []) == .retry("HTTP 503: "))
        #expect(Senders.outcome(hook, status: 429, body: []) == .retry("HTTP 429: "))
        #expect(Senders.outcome(hook, status: 400, body: Array("bad".utf8)) == .reject("HTTP 400: bad"))
        #expect(Senders.outcome(ding, status: 200, body: Array(#"{"errcode":0,"errmsg":"ok"}"#.utf8)) == .delivered)
        #expect(Senders.outcome(ding, status: 200, body: Array(#"{"errcode":130101,"errmsg":"send too fast"}"#.utf8)) == .retry("errcode 130101: send too fast"))
        #expect(Senders.outcome(ding, status: 200, body: Array(#"{"errcode":310000,"errmsg":"sign not match"}"#.utf8)) == .reject("errcode 310000: sign not match"))
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(SendLoop.backoff(attempts: 1, random: 0.5) == 1)
        #expect(SendLoop.backoff(attempts: 4, random: 0.5) == 8)
        #expect(SendLoop.backoff(attempts: 30, random: 0.5) == 300)
        #expect(SendLoop.backoff(attempts: 3, random: 0) == 2)
    }

    @Test func timestamps() {
        #expect(Timestamps.rfc3339(1_795_970_000.046) == "2026-11-29T16:33:20.046Z")
        #expect(Timestamps.chinaLocal(1_795_970_000) == "2026-11-30 00:33")
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
