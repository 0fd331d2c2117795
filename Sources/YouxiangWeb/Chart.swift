import YouxiangCore
import YouxiangPlan

/// A small inline SVG chart of one indicator, drawn on the server (no script, no external asset): the actual values
/// from the baseline year to the latest (solid line with dots), the yearly targets as a step line to the last plan year,
/// and the least-squares projection to that year (dashed). Every text in it is HTML-escaped.
public enum Chart {
    public static let width = 240.0, height = 100.0
    static let left = 46.0, right = 14.0, top = 8.0, bottom = 18.0

    /// The `<svg>` element for `a`.
    public static func svg(_ a: IndicatorAnalysis) -> String {
        let ind = a.indicator
        let years = a.years.map(\.year)
        guard let x0 = years.first, let x1 = years.last, x1 > x0 else { return "" }
        let actual = a.years.compactMap { s in s.value.map { (s.year, $0) } }
        // Targets in the series' unit; a range target is drawn at its lower bound.
        let targets: [(Int, Double)] = a.years.compactMap { s in
            guard let t = s.target else { return nil }
            switch t.op {
            case .range: return t.min.map { (s.year, ind.unit.toSeries($0)) }
            default: return t.value.map { (s.year, ind.unit.toSeries($0)) }
            }
        }
        var all = actual.map(\.1) + targets.map(\.1)
        if let p = a.projection { all.append(p) }
        var lo = all.min() ?? 0, hi = all.max() ?? 1
        if ind.unit == .status { lo = 0; hi = 1 }
        if hi - lo < 1e-9 { let pad = Swift.max(Swift.abs(hi) * 0.05, 0.01); lo -= pad; hi += pad }
        let span = hi - lo
        lo -= span * 0.1
        hi += span * 0.1
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ year: Double) -> Double { left + (year - Double(x0)) / Double(x1 - x0) * plotW }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * plotH }
        func f(_ d: Double) -> String { WebFormat.number(d, digits: 1).replacing(",", with: "") }
        func label(_ v: Double) -> String { ind.unit == .status ? (v >= 0.5 ? "通过" : "未通过") : WebFormat.value(v, ind) }

        let title = "\(WebFormat.fullWidth(ind.nameZh))：实际值、年度目标与\(a.finalYear)年趋势预测"
        var s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
        s +=
            "width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(WebFormat.escape(title))\" data-indicator=\"\(WebFormat.escape(ind.id))\">"
        s += "<title>\(WebFormat.escape(title))</title>"
        // Frame and the y range.
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
        for v in [hi - span * 0.1, lo + span * 0.1] {
            s += "<text x=\"\(f(left - 3))\" y=\"\(f(y(v) + 3))\" text-anchor=\"end\" font-size=\"9\" fill=\"#555\">\(WebFormat.escape(label(v)))</text>"
        }
        for year in years {
            s += "<text x=\"\(f(x(Double(year))))\" y=\"\(f(height - 6))\" text-anchor=\"middle\" font-size=\"9\" fill=\"#555\">\(year)</text>"
        }
        // Targets: a step line, each year's target held until the next year that has one, up to the last plan year.
        if let first = targets.first {
            var d = "M\(f(x(Double(first.0)))),\(f(y(first.1)))"
            for (prev, next) in zip(targets, targets.dropFirst()) {
                d += " L\(f(x(Double(next.0)))),\(f(y(prev.1))) L\(f(x(Double(next.0)))),\(f(y(next.1)))"
            }
            if targets.count == 1 {
                // One target only (most task-text targets are for the final year): a short mark at that year.
                d = "M\(f(x(Double(first.0)) - 8)),\(f(y(first.1))) L\(f(x(Double(first.0)))),\(f(y(first.1)))"
            }
            s += "<path class=\"target\" d=\"\(d)\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\"><title>年度目标</title></path>"
        }
        // Projection: dashed, from the last observed value to the final year.
        if let p = a.projection, let last = actual.last {
            s += "<path class=\"projection\" d=\"M\(f(x(Double(last.0)))),\(f(y(last.1))) L\(f(x(Double(a.finalYear)))),\(f(y(p)))\" "
            s +=
                "fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>\(a.finalYear)年趋势预测：\(WebFormat.escape(WebFormat.value(p, ind)))</title></path>"
        }
        if !actual.isEmpty {
            let d = actual.enumerated().map { i, v in (i == 0 ? "M" : "L") + "\(f(x(Double(v.0)))),\(f(y(v.1)))" }.joined(separator: " ")
            s += "<path class=\"actual\" d=\"\(d)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>"
            for v in actual {
                s +=
                    "<circle cx=\"\(f(x(Double(v.0))))\" cy=\"\(f(y(v.1)))\" r=\"2.5\" fill=\"#1f5fa8\"><title>\(v.0)年：\(WebFormat.escape(WebFormat.value(v.1, ind)))</title></circle>"
            }
        } else {
            s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#777\">无数据</text>"
        }
        return s + "</svg>"
    }
}
