import Crypto
import Foundation
import YouxiangAlerting
import YouxiangCore

/// Builds each receiver type's request and reads its answer.
public enum Senders {
    /// The request for `n` at time `now` (DingTalk's signature is made here, at send time).
    public static func request(for n: AlertNotification, receiver: ReceiverConfig, now: UnixTime, resendDelay: Duration) -> OutgoingRequest {
        var headers = ["Content-Type": "application/json", "User-Agent": "youxiangd", "X-Youxiang-Notification-Id": n.id, "Idempotency-Key": n.id]
        switch receiver.kind {
        case .alertmanager(let url):
            // Firing alerts get a lease of 4 × resend_delay, as Prometheus gives them; resolved ones end when they resolved.
            let alerts = n.alerts.map { a in
                AMAlert(
                    labels: a.labels, annotations: a.annotations, startsAt: Timestamps.rfc3339(a.startsAt),
                    endsAt: Timestamps.rfc3339(a.endsAt ?? (now + resendDelay * 4)), generatorURL: a.generatorURL)
            }
            return OutgoingRequest(url: url + "/api/v2/alerts", headers: headers, body: json(alerts))
        case .webhook(let url, _):
            let body = WebhookPayload(
                receiver: n.receiver, status: n.status.receiverWord,
                alerts: n.alerts.map { a in
                    WebhookAlert(
                        status: a.status.receiverWord, labels: a.labels, annotations: a.annotations, startsAt: Timestamps.rfc3339(a.startsAt),
                        endsAt: a.endsAt.map(Timestamps.rfc3339) ?? "0001-01-01T00:00:00Z", generatorURL: a.generatorURL,
                        fingerprint: a.fingerprint)
                },
                groupLabels: n.groupLabels, commonLabels: n.commonLabels, commonAnnotations: n.commonAnnotations,
                externalURL: n.externalURL, version: "4", groupKey: n.groupKey, truncatedAlerts: 0)
            return OutgoingRequest(url: url, headers: headers, body: json(body))
        case let .dingtalk(url, token, secret, _):
            var full = url + (url.contains("?") ? "&" : "?") + "access_token=" + percentEncoded(token)
            if let secret {
                let ts = String(Int64(now.seconds * 1000))
                full += "&timestamp=\(ts)&sign=" + percentEncoded(dingTalkSign(timestamp: ts, secret: secret))
            }
            let body = DingTalkMarkdown(msgtype: "markdown", markdown: .init(title: ChineseMessage.title(n), text: ChineseMessage.markdown(n)))
            return OutgoingRequest(url: full, headers: headers, body: json(body))
        case let .wecom(url, key, _):
            headers["Idempotency-Key"] = nil
            let body = WeComMarkdown(msgtype: "markdown", markdown: .init(content: ChineseMessage.markdown(n, maxBytes: 4000)))
            return OutgoingRequest(url: url + (url.contains("?") ? "&" : "?") + "key=" + percentEncoded(key), headers: headers, body: json(body))
        }
    }

    /// DingTalk's custom-robot signature: base64(HMAC-SHA256(key: secret, message: "<timestamp>\n<secret>")).
    public static func dingTalkSign(timestamp: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + "\n" + secret).utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// Classifies a response. HTTP: 2xx delivered; 408, 429 and 5xx retried; other 4xx (and 3xx) rejected. Chat robots
    /// answer 200 with an `errcode`: 0 delivered; rate-limit and busy codes retried; others rejected.
    public static func outcome(_ kind: ReceiverConfig.Kind, status: Int, body: [UInt8]) -> SendOutcome {
        let snippet = String(decoding: body.prefix(200), as: UTF8.self)
        switch status {
        case 200..<300: break
        case 408, 429, 500..<600: return .retry("HTTP \(status): \(snippet)")
        default: return .reject("HTTP \(status): \(snippet)")
        }
        switch kind {
        case .alertmanager, .webhook: return .delivered
        case .dingtalk, .wecom:
            guard let obj = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let code = obj["errcode"] as? Int else {
                return .retry("unreadable answer: \(snippet)")
            }
            if code == 0 { return .delivered }
            let message = "errcode \(code): \(obj["errmsg"] as? String ?? "")"
            // DingTalk 130101: sending too fast; WeCom 45009: API frequency limit; -1: system busy.
            return [130101, 45009, -1].contains(code) ? .retry(message) : .reject(message)
        }
    }

    static func json<T: Encodable>(_ v: T) -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? e.encode(v)) ?? Data())
    }

    static func percentEncoded(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// A URL with its query (where tokens live) removed, for logs.
    public static func redacted(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}
