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
    /// The alert's indicator-year is now 数据不完整: the alert is held (it neither fires anew nor resolves until the
    /// data is complete again), so its text tells the last complete judgement, not the current data.
    var held: Bool

    /// `a` as the office reads it; `incomplete` says whether an indicator (by id) is 数据不完整 for a year now.
    init(_ a: AlertInstance, plan: PlanTargets, incomplete: (String, Int) -> Bool = { _, _ in false }) {
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
        held = !a.stale && a.labels["indicator"].flatMap { id in a.labels["year"].flatMap(Int.init).map { incomplete(id, $0) } } == true
    }
}
