import YouxiangAlerting
import YouxiangCore
import YouxiangPlan

/// An alert as the office reads it.
struct AlertView {
    var state: String
    var stateClass: String
    var severity: String
    var time: String
    var indicator: String
    var summary: String
    var units: String
    var stale: Bool

    init(_ a: AlertInstance, plan: PlanTargets) {
        state = a.state == .firing ? "告警中" : "待确认"
        stateClass = a.state == .firing ? "al-firing" : "al-pending"
        severity = ["critical": "严重", "error": "严重", "warning": "警告", "info": "提示"][a.labels["severity"] ?? ""] ?? (a.labels["severity"] ?? "—")
        time = WebFormat.dateTime(a.firedAt ?? a.activeAt)
        let ind = a.labels["indicator"].flatMap { id in plan.indicators.first { $0.id == id } }
        // A county-assessment criterion has no plan indicator: its Chinese name (the `name` label) stands there, never
        // the rule's English alertname.
        let criterion = a.labels["criterion"] != nil ? a.labels["name"].map { "县域评估：" + $0 } : nil
        indicator = ind.map { WebFormat.fullWidth($0.nameZh) } ?? criterion.map(WebFormat.fullWidth) ?? a.labels["alertname"] ?? ""
        summary = WebFormat.fullWidth(a.annotations["summary"] ?? a.annotations["description"] ?? a.labels["alertname"] ?? "")
        let raw = a.annotations["responsible_units"] ?? a.labels["responsible_units"] ?? ""
        units = raw.isEmpty ? "—" : WebFormat.fullWidth(raw.contains("、") ? raw : raw.replacing(",", with: "、"))
        stale = a.stale
    }
}
