/// Where one indicator stands for one year, as the office's pages say it: always in words, the colour only repeats it.
public enum IndicatorStatus: String, Sendable, CaseIterable {
    /// The year's value meets the year's target.
    case met
    /// The year's value misses the year's target.
    case missed
    /// The inputs of that year were not read completely (`eduplan_indicator_data_complete` = 0): no verdict.
    case incomplete
    /// No value for that year (nothing collected, or nothing configured).
    case noData
    /// A value, but the plan sets no target for that year (most task-text targets are for 2027 only).
    case noTarget

    /// The word shown: 达标 / 未达标 / 数据不完整 / 无数据 / 无年度目标.
    public var word: String {
        switch self {
        case .met: return "达标"
        case .missed: return "未达标"
        case .incomplete: return "数据不完整"
        case .noData: return "无数据"
        case .noTarget: return "无年度目标"
        }
    }

    /// The CSS class carrying the colour (green, red, amber, grey, blue-grey).
    public var cssClass: String {
        switch self {
        case .met: return "st-met"
        case .missed: return "st-missed"
        case .incomplete: return "st-incomplete"
        case .noData: return "st-nodata"
        case .noTarget: return "st-notarget"
        }
    }

    /// A mark repeating the word for readers who cannot tell the colours apart (and for black-and-white print).
    public var mark: String {
        switch self {
        case .met: return "✓"
        case .missed: return "✗"
        case .incomplete: return "！"
        case .noData: return "—"
        case .noTarget: return "○"
        }
    }
}
