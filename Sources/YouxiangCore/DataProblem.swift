/// Something that makes a collector's output for some families and years incomplete: a file that could not be read,
/// rejected rows, an institution missing from a year's rows, a run that failed outright.
///
/// Collectors report problems per source; the runtime turns them into suppression (an incomplete family-year
/// publishes no value, or the last complete one marked stale) and into `eduplan_indicator_data_complete`.
public struct DataProblem: Sendable, Hashable {
    /// The families the source feeds; nil means every family the collector declares.
    public var families: Set<String>?
    /// The year affected; nil means every year (a file without `year:` feeds all years).
    public var year: Int?
    /// Why, in Chinese (for the office's and operators' pages), e.g. `文件 data/kg_2025.csv 读取失败：…`.
    public var reasonZh: String
    /// Why, in English (for logs).
    public var reason: String
    /// Narrows the problem to the series carrying these labels (e.g. `level="primary", resource="composite"` for one
    /// 差异系数 whose inputs lack a school's value); empty: every series of the families.
    public var labels: Labels
    /// Whether the source delivered nothing for the year (a file that could not be read, a failed run): the office's
    /// 无数据 alert may then fire. False when data arrived but incomplete (rejected rows, a missing institution, a cell
    /// marked missing): that is 数据不完整 only (`EduplanIndicatorDataIncomplete`).
    public var unread: Bool

    public init(
        families: Set<String>?, year: Int?, reasonZh: String, reason: String, labels: Labels = Labels(), unread: Bool = false
    ) {
        self.families = families
        self.year = year
        self.reasonZh = reasonZh
        self.reason = reason
        self.labels = labels
        self.unread = unread
    }

    /// Whether this problem makes `family` for `year` incomplete; with `match` (a plan indicator's label matchers),
    /// only when the problem's `labels` do not contradict them (a label both name must have the same value).
    public func affects(family: String, year y: Int?, match: Labels? = nil) -> Bool {
        // A ratio's numerator and denominator (and a value's served inputs) are as complete as the value itself.
        if let families, !families.contains(family), !RatioComponents.parents(of: family).contains(where: families.contains) { return false }
        if let match, !labels.pairs.allSatisfy({ p in match[p.name].map { $0 == p.value } ?? true }) { return false }
        guard let year else { return true }
        return y == nil || y == year
    }

    /// Whether this problem makes `sample` incomplete (by its family, its `year` label and the problem's `labels`).
    public func affects(_ sample: Sample) -> Bool {
        guard sample.labels.contains(labels) else { return false }
        return affects(family: sample.family, year: sample.labels["year"].flatMap { Int($0) })
    }
}

extension Array where Element == DataProblem {
    /// `samples` without those any of these problems affect, and how many were withheld.
    public func withholding(_ samples: [Sample]) -> (kept: [Sample], withheld: Int) {
        guard !isEmpty else { return (samples, 0) }
        let kept = samples.filter { s in !contains { $0.affects(s) } }
        return (kept, samples.count - kept.count)
    }
}
