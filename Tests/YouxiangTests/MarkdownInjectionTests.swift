import Foundation
import Testing
import YouxiangCore

@testable import YouxiangAlerting
@testable import YouxiangNotify

/// Review finding 2: a school's name (any data text in a label or an annotation) cannot add markdown to a DingTalk or
/// WeCom message, while the Alertmanager and webhook receivers get the text as it is.
@Suite struct MarkdownInjectionTests {
    /// The reviewer's school name: a link, a line break, a quote and bold text.
    static let name = "[请点此核对名单](http://evil.example/x)\n> **紧急**：紫石小学"

    static func notification() -> AlertNotification {
        let t = AlertTextTests.moment.evaluatedAt
        let a = AlertInstance(
            labels: ["alertname": "EduplanAssessmentCriterionLost", "school_name": name, "year": "2025"],
            annotations: [
                "summary": "2025年，\(name)（学校标识码2133014348）学校规模不再达标",
                "description":
                    "2025年，\(name)在校学生数2600人，超过2000人。\r\n# 标题\n- 列表 ![图](http://evil.example/p.png) <font color=red>红</font> &#x202E; _斜_ `码` ~~删~~ |表|",
            ],
            state: .firing, activeAt: t, firedAt: t, resolvedAt: nil, lastTrueAt: t, lastSeenAt: t, stale: false, value: 1)
        return AlertNotification(
            id: "n", receiver: "office", kind: .change, groupKey: "g", groupLabels: [:],
            alerts: [AlertPayload(a, generatorURL: "")], createdAt: t, externalURL: "")
    }

    /// The markdown text a robot receives, decoded from the request body.
    static func robotText(_ kind: ReceiverConfig.Kind) throws -> String {
        let r = Senders.request(
            for: notification(), receiver: ReceiverConfig(name: "office", kind: kind), now: AlertTextTests.moment.evaluatedAt, resendDelay: .seconds(60))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
        let markdown = try #require(body["markdown"] as? [String: Any])
        return try #require((markdown["text"] ?? markdown["content"]) as? String)
    }

    @Test(arguments: [
        ReceiverConfig.Kind.dingtalk(url: "http://127.0.0.1:1/robot/send", accessToken: "t", secret: nil, sendResolved: true),
        ReceiverConfig.Kind.wecom(url: "http://127.0.0.1:1/cgi-bin/webhook/send", key: "k", sendResolved: true),
    ])
    func robotsGetTheDataAsInertText(_ kind: ReceiverConfig.Kind) throws {
        let text = try Self.robotText(kind)
        // The template's own markup is there: the title heading, the bold summary, the quoted description.
        #expect(text.hasPrefix("### 【学有优教】1条告警\n\n**2025年，"))
        #expect(text.contains("\n\n> 2025年，"))
        // The data's markup is not: no link or image, no second quote, heading or list line, no bold, tag or entity.
        for bad in ["[", "](", "![", "\n> **", "**紧急**", "\n#", "\n- ", "<font", "&#x", "_斜_", "`", "~~", "|", "http://"] {
            #expect(!text.contains(bad), "\(bad) reached the markdown:\n\(text)")
        }
        // Exactly the template's line breaks: title, summary, description (blank lines between).
        #expect(text.split(separator: "\n", omittingEmptySubsequences: true).count == 3, "\(text)")
        // Still readable: the name's words are there, in full-width forms.
        #expect(text.contains("［请点此核对名单］(http：//evil.example/x) ＞ ＊＊紧急＊＊：紫石小学"), "\(text)")
    }

    @Test func alertmanagerAndWebhookKeepTheRawText() throws {
        for kind in [ReceiverConfig.Kind.alertmanager(url: "http://127.0.0.1:1"), .webhook(url: "http://127.0.0.1:1/hook", sendResolved: true)] {
            let r = Senders.request(
                for: Self.notification(), receiver: ReceiverConfig(name: "office", kind: kind), now: AlertTextTests.moment.evaluatedAt,
                resendDelay: .seconds(60))
            let text = String(decoding: r.body, as: UTF8.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            let encoded = String(decoding: try encoder.encode(Self.name), as: UTF8.self).dropFirst().dropLast()
            #expect(text.contains(encoded), "\(kind.typeName): the raw school name is not in \(text)")
        }
    }

    @Test func escapingRules() {
        #expect(MarkdownText.escaped("a\r\nb\nc\u{2028}d") == "a b c d")
        #expect(MarkdownText.escaped("- x") == "－ x")
        #expect(MarkdownText.escaped("1. x") == "1． x")
        #expect(MarkdownText.escaped("2025年12月31日") == "2025年12月31日")
        #expect(MarkdownText.escaped("kindergartens_2025.csv _斜_ a_") == "kindergartens_2025.csv ＿斜＿ a＿")
        #expect(MarkdownText.escaped("见 https://a.example/") == "见 https：//a.example/")
        // A bare www. address is autolinked by GitHub-style markdown: its dot is made full-width; other dots stay.
        #expect(MarkdownText.escaped("见www.evil.example/x 或 WWW.a.cn") == "见www．evil.example/x 或 WWW．a.cn")
        #expect(MarkdownText.escaped("awww.x.csv 3.5") == "awww.x.csv 3.5")
        #expect(MarkdownText.escaped("普通文字，（一）、“引号”。") == "普通文字，（一）、“引号”。")
    }
}
