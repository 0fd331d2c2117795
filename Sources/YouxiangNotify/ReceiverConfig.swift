import YouxiangConfig
import YouxiangCore

/// A configured receiver. Secrets (tokens, signing keys, URLs that embed them) come from files or environment
/// variables, are held in memory only, and never appear in logs or on the status page.
///
/// ```yaml
/// receivers:
///   - name: office-alertmanager
///     alertmanager: {url: http://127.0.0.1:9093}
///   - name: office-webhook
///     webhook: {url: http://127.0.0.1:5001/hook, send_resolved: true}     # or url_file / url_env
///   - name: office-dingtalk
///     dingtalk: {access_token_file: /etc/youxiang/dingtalk.token, secret_file: /etc/youxiang/dingtalk.secret}
///   - name: office-wecom
///     wecom: {key_env: WECOM_ROBOT_KEY}
///     timeout: 10s        # per attempt
///     max_age: 24h        # a notification still undelivered after this is dropped (counted, logged)
/// ```
public struct ReceiverConfig: Sendable {
    public enum Kind: Sendable {
        case alertmanager(url: String)
        case webhook(url: String, sendResolved: Bool)
        case dingtalk(url: String, accessToken: String, secret: String?, sendResolved: Bool)
        case wecom(url: String, key: String, sendResolved: Bool)

        public var typeName: String {
            switch self {
            case .alertmanager: return "alertmanager"
            case .webhook: return "webhook"
            case .dingtalk: return "dingtalk"
            case .wecom: return "wecom"
            }
        }

        /// Whether resolved alerts are sent (always for Alertmanager, which needs `endsAt`).
        public var sendResolved: Bool {
            switch self {
            case .alertmanager: return true
            case .webhook(_, let r), .dingtalk(_, _, _, let r), .wecom(_, _, let r): return r
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// `timeout`: how long one delivery attempt may take.
    public var timeout: Duration = .seconds(10)
    /// `max_age`: a notification not delivered by then is dead-lettered.
    public var maxAge: Duration = .seconds(86400)

    static let commonKeys = ["name", "timeout", "max_age", "alertmanager", "webhook", "dingtalk", "wecom"]

    /// Decodes `receivers:`; `environment` is the process environment (injected for tests).
    public static func decodeList(_ node: ConfigNode?, baseDirectory: String, environment: [String: String]) -> [ReceiverConfig] {
        var out: [ReceiverConfig] = []
        var names = Set<String>()
        for item in node?.list() ?? [] {
            guard let m = item.mapping(allowed: commonKeys), let name = m.required("name")?.nonEmptyString() else { continue }
            if !names.insert(name).inserted { item.error("duplicate receiver name \"\(name)\""); continue }
            let kinds = ["alertmanager", "webhook", "dingtalk", "wecom"].filter { m.optional($0) != nil }
            guard kinds.count == 1 else { item.error("give exactly one of alertmanager, webhook, dingtalk, wecom"); continue }
            let secrets = SecretReader(baseDirectory: baseDirectory, environment: environment)
            var kind: Kind?
            switch kinds[0] {
            case "alertmanager":
                if let k = m.optional("alertmanager")?.mapping(allowed: ["url"]), let url = k.required("url")?.httpURL() {
                    kind = .alertmanager(url: url.hasSuffix("/") ? String(url.dropLast()) : url)
                }
            case "webhook":
                if let k = m.optional("webhook")?.mapping(allowed: ["url", "url_file", "url_env", "send_resolved"]),
                    let url = secrets.value(k, "url", required: true)
                {
                    kind = .webhook(url: url, sendResolved: k.optional("send_resolved")?.bool() ?? true)
                }
            case "dingtalk":
                if let k = m.optional("dingtalk")?.mapping(allowed: [
                    "url", "access_token_file", "access_token_env", "secret_file", "secret_env", "send_resolved",
                ]),
                    let token = secrets.value(k, "access_token", required: true, inlineAllowed: false)
                {
                    kind = .dingtalk(
                        url: k.optional("url")?.httpURL() ?? "https://oapi.dingtalk.com/robot/send", accessToken: token,
                        secret: secrets.value(k, "secret", required: false, inlineAllowed: false),
                        sendResolved: k.optional("send_resolved")?.bool() ?? true)
                }
            case "wecom":
                if let k = m.optional("wecom")?.mapping(allowed: ["url", "key_file", "key_env", "send_resolved"]),
                    let key = secrets.value(k, "key", required: true, inlineAllowed: false)
                {
                    kind = .wecom(
                        url: k.optional("url")?.httpURL() ?? "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", key: key,
                        sendResolved: k.optional("send_resolved")?.bool() ?? true)
                }
            default: break
            }
            guard let kind else { continue }
            var r = ReceiverConfig(name: name, kind: kind)
            if let t = m.optional("timeout")?.duration() { r.timeout = t }
            if let a = m.optional("max_age")?.duration() { r.maxAge = a }
            out.append(r)
        }
        return out
    }
}

extension ConfigNode {
    /// An http(s) URL.
    func httpURL() -> String? {
        guard let s = nonEmptyString() else { return nil }
        guard s.hasPrefix("http://") || s.hasPrefix("https://") else { error("expected an http:// or https:// URL"); return nil }
        return s
    }
}
