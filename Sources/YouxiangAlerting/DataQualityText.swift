/// The Chinese text of the data-quality alert `EduplanIndicatorDataIncomplete`, in one place so the wording can be
/// revised without touching the rule logic.
public enum DataQualityText {
    /// Annotations for an indicator-year whose inputs were not read completely.
    /// - Parameters:
    ///   - nameZh: the plan's indicator name; `year`: the year; `reasonsZh`: why (one sentence each, no final 。);
    ///   - link: the status page.
    public static func incomplete(nameZh: String, year: Int, reasonsZh: [String], link: String) -> [String: String] {
        let reasons = reasonsZh.isEmpty ? "原因不明" : reasonsZh.joined(separator: "；")
        return [
            "summary": "\(year)年“\(nameZh)”数据不完整，暂不发布数值，也不核对年度目标",
            "description": "\(year)年“\(nameZh)”的源数据未完整读取：\(reasons)。在数据补齐前，该指标本年度不发布数值，不判断是否达标，相关目标告警保持原状态。请运维人员检查数据文件和采集器。",
            "reasons": reasons,
            "link": link,
        ]
    }
}
