import YouxiangPlan

extension StatusPage {
    /// The operators' section listing each incomplete indicator-year and why (`eduplan_indicator_data_complete` = 0).
    static func completenessSection(_ e: Exposition) -> String {
        let incomplete = e.completeness.filter { !$0.complete }
        var s = "<h2>数据完整性 Data completeness</h2>"
        guard !incomplete.isEmpty else { return s + "<p>全部指标的源数据均已完整读取。</p>" }
        s += "<table><tr><th>indicator</th><th>year</th><th>原因 reasons</th></tr>"
        for c in incomplete {
            let who = c.labels.isEmpty ? "" : " " + c.labels.description
            s += "<tr class=\"bad\"><td>\(escape(c.indicator + who))</td><td>\(c.year)</td><td>\(escape(c.reasonsZh.joined(separator: "；")))</td></tr>"
        }
        return s + "</table>"
    }
}
