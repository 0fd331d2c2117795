import YouxiangPlan
import YouxiangWeb

/// The small answers of the office's routes that are not pages of the plan: no plan configured, unknown indicator,
/// bad `year`.
enum OfficeRoutes {
    static let noPlan = page("未配置规划", "配置文件中没有 <code>plan:</code>（targets_file），无法显示规划指标。运维状态见 <a href=\"/status\">/status</a>。")

    static func notFound(_ id: String) -> String {
        page("未找到指标", "规划中没有编号为“\(WebFormat.escape(id))”的指标。<a href=\"/\">返回总览</a>。")
    }

    static func badRequest(_ message: String) -> String { page("参数错误", WebFormat.escape(message)) }

    /// `year` of `/report`: absent → nil (the latest data year); else a year from the baseline to the plan's last year.
    static func reportYear(_ text: String?, plan: PlanTargets) -> Result<Int?, ReportYearError> {
        guard let text, !text.isEmpty else { return .success(nil) }
        let first = plan.baselineYear, last = plan.years.max() ?? first
        guard let y = Int(text), (first...last).contains(y) else {
            return .failure(ReportYearError("year 参数应为\(first)至\(last)之间的年份，收到“\(text)”。"))
        }
        return .success(y)
    }

    struct ReportYearError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1><p>\(body)</p></body></html>\n"
    }
}
