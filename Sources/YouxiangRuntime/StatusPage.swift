import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// The operators' page (`/status`): what the daemon is, where its metrics are, each collector's health, and each
/// indicator's latest value against its target. The office's own pages are in YouxiangWeb.
enum StatusPage {
    static func html(_ e: Exposition, telemetryPath: String, alerts: [AlertInstance] = []) -> String {
        var s = """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>youxiangd · 学有优教</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}
            .bad{background:#fdd}.ok{background:#dfd}</style></head><body>
            <h1>youxiangd</h1><p>北仑区“学有优教”专项实施方案（2023—2027年）指标监测 · version \(SelfMetrics.version)</p>
            <p><a href="/">专班页面（指标总览）</a> · <a href="\(escape(telemetryPath))">Metrics</a> · <a href="/-/healthy">Health</a> · <a href="/-/ready">Ready</a></p>
            <h2>Collectors</h2><table><tr><th>collector</th><th>module</th><th>last run</th><th>rows read</th><th>rows rejected</th><th>errors</th></tr>
            """
        for st in e.statuses {
            let cls = !st.ran ? "" : (st.success ? "ok" : "bad")
            s += "<tr class=\"\(cls)\"><td>\(escape(st.name))</td><td>\(escape(st.module))</td><td>\(st.ran ? (st.success ? "ok" : "failed") : "pending")</td>"
            s += "<td>\(st.rowsRead)</td><td>\(st.rowsRejected)</td><td>\(escape(st.lastErrors.joined(separator: "; ")))</td></tr>"
        }
        s += "</table><h2>告警 Alerts</h2>"
        if alerts.isEmpty {
            s += "<p>无 (none)</p>"
        } else {
            s += "<table><tr><th>state</th><th>alert</th><th>summary</th><th>responsible units</th></tr>"
            for a in alerts {
                let state = a.state.rawValue + (a.stale ? " (数据缺失 stale)" : "")
                s += "<tr class=\"\(a.state == .firing ? "bad" : "")\"><td>\(escape(state))</td><td>\(escape(a.labels["alertname"] ?? ""))</td>"
                s +=
                    "<td>\(escape(a.annotations["summary"] ?? ""))</td><td>\(escape(a.annotations["responsible_units"] ?? a.labels["responsible_units"] ?? ""))</td></tr>"
            }
            s += "</table>"
        }
        s += completenessSection(e)
        s += "<h2>指标 Indicators</h2><table><tr><th>indicator</th><th>year</th><th>meets target</th></tr>"
        for series in e.snapshot.series(PlanEvaluator.meetsTargetFamily.name).sorted(by: {
            ($0.labels["indicator"] ?? "", $0.labels["year"] ?? "") < ($1.labels["indicator"] ?? "", $1.labels["year"] ?? "")
        }) {
            let ok = series.value == 1
            s +=
                "<tr class=\"\(ok ? "ok" : "bad")\"><td>\(escape(series.labels["indicator"] ?? ""))</td><td>\(escape(series.labels["year"] ?? ""))</td><td>\(ok ? "是" : "否")</td></tr>"
        }
        return s + "</table></body></html>\n"
    }

    static func escape(_ s: String) -> String { TextEscaping.escaping(s, TextEscaping.html) }
}
