import YouxiangAlerting

/// The Chinese markdown text sent to chat robots (DingTalk, WeCom): one block per alert with its summary (indicator,
/// year, value, target) and description (the gap, the plan's wording, the responsible units), resolved alerts after
/// firing ones, and a link to the daemon.
public enum ChineseMessage {
    /// The title line: "【学有优教】2条告警" / "【学有优教】1条告警,1条已恢复".
    public static func title(_ n: AlertNotification) -> String {
        let firing = n.alerts.filter { $0.status == "firing" }.count
        let resolved = n.alerts.count - firing
        var parts: [String] = []
        if firing > 0 { parts.append("\(firing)条告警") }
        if resolved > 0 { parts.append("\(resolved)条已恢复") }
        return "【学有优教】" + parts.joined(separator: ",") + (n.kind == .repeatNotice ? "(重复提醒)" : "")
    }

    /// The markdown body.
    public static func markdown(_ n: AlertNotification, maxBytes: Int = 4000) -> String {
        var blocks: [String] = []
        for a in n.alerts.sorted(by: order) {
            let summary = a.annotations["summary"] ?? a.labels["alertname"] ?? "告警"
            var b = a.status == "firing" ? "**\(summary)**" : "**【已恢复】\(summary)**"
            if let d = a.annotations["description"] { b += "\n\n> \(d)" }
            if a.status == "resolved", let end = a.endsAt { b += "\n\n恢复时间:" + Timestamps.chinaLocal(end) }
            blocks.append(b)
        }
        let head = "### " + title(n)
        let link = "[在 youxiangd 查看详情](\(n.externalURL)/)"
        var text = head + "\n\n" + blocks.joined(separator: "\n\n---\n\n") + "\n\n" + link
        if text.utf8.count > maxBytes {
            // Keep whole blocks that fit; say how many were left out.
            var kept: [String] = []
            var size = head.utf8.count + link.utf8.count + 64
            for b in blocks where size + b.utf8.count + 8 < maxBytes {
                kept.append(b)
                size += b.utf8.count + 8
            }
            text = head + "\n\n" + kept.joined(separator: "\n\n---\n\n") + "\n\n(另有\(blocks.count - kept.count)条未列出)\n\n" + link
        }
        return text
    }

    /// Firing before resolved, then by year and indicator.
    static func order(_ a: AlertPayload, _ b: AlertPayload) -> Bool {
        if a.status != b.status { return a.status == "firing" }
        let ka = (a.labels["alertname"] ?? "", a.labels["year"] ?? "", a.labels["indicator"] ?? "", a.fingerprint)
        let kb = (b.labels["alertname"] ?? "", b.labels["year"] ?? "", b.labels["indicator"] ?? "", b.fingerprint)
        return ka < kb
    }
}

/// Time formatting without Foundation's formatters.
public enum Timestamps {
    /// RFC 3339 in UTC with milliseconds: `2026-11-29T16:12:18.046Z`.
    public static func rfc3339(_ unix: Double) -> String {
        let (t, ms) = parts(unix, offsetHours: 0)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)).\(pad(ms, 3))Z"
    }

    /// China Standard Time, to the minute: `2026-11-30 00:12`.
    public static func chinaLocal(_ unix: Double) -> String {
        let (t, _) = parts(unix, offsetHours: 8)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute))"
    }

    struct Civil { var year, month, day, hour, minute, second: Int }

    static func parts(_ unix: Double, offsetHours: Int) -> (Civil, Int) {
        let totalMs = Int64((unix * 1000).rounded(.down)) + Int64(offsetHours) * 3_600_000
        var secs = totalMs / 1000
        var ms = Int(totalMs % 1000)
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        // Civil from days (Howard Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Civil(year: Int(y), month: Int(m), day: Int(d), hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60)), ms)
    }

    static func pad(_ v: Int, _ n: Int = 2) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
    }
}
