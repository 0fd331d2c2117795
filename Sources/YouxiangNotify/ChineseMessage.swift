import YouxiangAlerting

/// The Chinese markdown text sent to chat robots (DingTalk, WeCom): one block per alert — firing ones with their
/// summary and description (value, target, the plan's wording, 牵头单位 and 配合单位, 数据截至 and 评估时间), resolved
/// ones with their resolved text (`resolved_summary`, `resolved_description`: the indicator now meets its target, the
/// data arrived, …) and the time they resolved — and a link to the daemon only when an external URL is configured.
/// The texts themselves are made by `AlertText`.
public enum ChineseMessage {
    /// The title line: "【学有优教】2条告警" / "【学有优教】1条告警，1条已恢复" / "…（重复提醒）".
    public static func title(_ n: AlertNotification) -> String {
        let firing = n.alerts.filter { $0.status == .firing }.count
        let resolved = n.alerts.count - firing
        var parts: [String] = []
        if firing > 0 { parts.append("\(firing)条告警") }
        if resolved > 0 { parts.append("\(resolved)条已恢复") }
        return "【学有优教】" + parts.joined(separator: "，") + (n.kind == .repeatNotice ? "（重复提醒）" : "")
    }

    /// One alert's block: bold summary, quoted description; a resolved alert its resolved text and 恢复时间. The
    /// annotation and label texts carry data (a school's name, a file name, a rule's own text) and are inserted through
    /// ``MarkdownText/escaped(_:)``: only this template's own `**` and `> ` format the message.
    public static func block(_ a: AlertPayload) -> String {
        let firing = a.status == .firing
        let summary = MarkdownText.escaped(
            (firing ? nil : a.annotations["resolved_summary"]) ?? a.annotations["summary"] ?? a.labels["alertname"] ?? "告警")
        var b = firing ? "**\(summary)**" : "**【已恢复】\(summary)**"
        if let d = firing ? a.annotations["description"] : (a.annotations["resolved_description"] ?? a.annotations["description"]) {
            b += "\n\n> \(MarkdownText.escaped(d))"
        }
        if !firing, let end = a.endsAt { b += "\n\n恢复时间：" + Timestamps.chinaDateTime(end) }
        return b
    }

    /// The markdown body, at most `maxBytes` bytes (whole blocks are kept; the rest are counted).
    public static func markdown(_ n: AlertNotification, maxBytes: Int = 4000) -> String {
        let blocks = n.alerts.sorted(by: order).map(block)
        let head = "### " + title(n)
        let link = n.externalURL.isEmpty ? "" : "\n\n[在 youxiangd 查看详情](\(n.externalURL)/)"
        var text = head + "\n\n" + blocks.joined(separator: "\n\n---\n\n") + link
        if text.utf8.count > maxBytes {
            // Keep whole blocks that fit; say how many were left out.
            var kept: [String] = []
            var size = head.utf8.count + link.utf8.count + 64
            for b in blocks where size + b.utf8.count + 8 < maxBytes {
                kept.append(b)
                size += b.utf8.count + 8
            }
            text = head + "\n\n" + kept.joined(separator: "\n\n---\n\n") + "\n\n（另有\(blocks.count - kept.count)条未列出）" + link
        }
        return text
    }

    /// Firing before resolved, then by year and indicator.
    static func order(_ a: AlertPayload, _ b: AlertPayload) -> Bool {
        if a.status != b.status { return a.status == .firing }
        let ka = (a.labels["alertname"] ?? "", a.labels["year"] ?? "", a.labels["indicator"] ?? "", a.fingerprint)
        let kb = (b.labels["alertname"] ?? "", b.labels["year"] ?? "", b.labels["indicator"] ?? "", b.fingerprint)
        return ka < kb
    }
}
