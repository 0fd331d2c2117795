import Foundation
import YouxiangCore
import YouxiangPlan
import YouxiangWeb

/// The small answers of the office's routes that are not pages of the plan: no plan configured, unknown indicator,
/// bad `year`.
public enum OfficeRoutes {
    static let noPlan = page("未配置规划", "配置文件中没有 <code>plan:</code>（targets_file），无法显示规划指标。运维状态见 <a href=\"/status\">/status</a>。")

    /// The unknown id is echoed escaped and cut to 64 characters (an id of the plan is far shorter), so a long request
    /// path does not come back whole.
    static func notFound(_ id: String) -> String {
        // The path segment as the person typed it (`%E5%AD%A6` → 学), then escaped for HTML.
        let decoded = FormatControls.stripped(id.removingPercentEncoding ?? id)
        let shown = decoded.count > 64 ? String(decoded.prefix(64)) + "……" : decoded
        return page("未找到指标", "规划中没有编号为“\(WebFormat.escape(shown))”的指标。<a href=\"/\">返回总览</a>。")
    }

    static func badRequest(_ message: String) -> String { page("参数错误", WebFormat.escape(message)) }

    /// `year` of `/report`: absent → nil (the latest data year); else a year from the baseline to `latest`, the latest
    /// year any indicator has a value for (a later year has nothing to report: every row would be 无数据). The message
    /// is Chinese and never echoes the raw parameter (it may hold control characters).
    static func reportYear(_ text: String?, plan: PlanTargets, latest: Int?) -> Result<Int?, ReportYearError> {
        guard let text, !text.isEmpty else { return .success(nil) }
        let first = plan.baselineYear, last = plan.years.max() ?? first
        guard text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(text), (first...last).contains(y) else {
            return .failure(ReportYearError("报告年份应为\(first)年至\(last)年之间的四位数字年份，例如 ?year=\(latest ?? first)。"))
        }
        if let e = futureYearError(y, latest: latest) { return .failure(e) }
        return .success(y)
    }

    /// The refusal of a year after the latest year with any indicator value; nil when `year` can be reported.
    public static func futureYearError(_ year: Int, latest: Int?) -> ReportYearError? {
        guard let latest else { return ReportYearError("尚无任何指标数据，无法生成\(year)年度实施情况报告。") }
        guard year > latest else { return nil }
        return ReportYearError("\(year)年尚无任何指标数据（最近有数据的年份为\(latest)年），无法生成该年度实施情况报告；请选择\(latest)年或更早的年份。")
    }

    public struct ReportYearError: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1><p>\(body)</p></body></html>\n"
    }
}
