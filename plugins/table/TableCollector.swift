import YouxiangConfig
import YouxiangSources
import YouxiangCore
import YouxiangIngest
import Foundation

/// Aggregates one table into the configured metrics; see `TableModule`.
struct TableCollector: FileCollector {
    let source: SourceConfig
    let years: [Int]?
    let metrics: [TableMetric]

    var inputFiles: [String] { source.paths }
    var families: [MetricFamily] { metrics.flatMap(\.families) }

    private struct Acc { var count = 0.0, sum = 0.0, num = 0.0, den = 0.0, flagged = 0.0, value: Double? }

    /// One metric's groups: a compact text key per (year, label values) → accumulator. Label sets are built once per
    /// group, not per row (a million-row export has few groups).
    private struct Groups {
        var index: [String: Int] = [:]
        var years: [Int] = []
        var labels: [Labels] = []
        var accs: [Acc] = []
    }

    /// What one row adds to one metric's group, applied only once the whole row has been read without rejection.
    private struct Contribution {
        var metric: Int
        var key: String
        var year: Int
        var raw: [String]
        var amount: Double = 0, num = 0.0, den = 0.0, value: Double?
    }

    func read() -> CollectionResult {
        var result = CollectionResult()
        var groups = Array(repeating: Groups(), count: metrics.count)
        var pending: [Contribution] = []
        source.forEachRow(into: &result) { row, fileYear in
            // Every cell the row's metrics need is read first; a rejection anywhere leaves every aggregate untouched.
            pending.removeAll(keepingCapacity: true)
            var year: Int?
            for (i, m) in metrics.enumerated() {
                guard m.filter.allSatisfy({ f, allowed in row.text(f).map(allowed.contains) ?? false }) else { continue }
                let y = try year ?? row.year(fileYear: fileYear)
                year = y
                var c = Contribution(metric: i, key: String(y), year: y, raw: [])
                for l in m.labels {
                    guard let v = row.text(l.field) else { throw RowRejection("\(l.field) is missing (label \(l.name))") }
                    c.raw.append(v)
                    c.key += "\u{1}" + v
                }
                switch m.aggregate {
                case .count: c.amount = 1
                case .sum:
                    // A blank or missing-marked cell adds nothing; a bad one rejects the row (thrown above this switch).
                    c.amount = try row.number(m.value!) ?? 0
                case .ratio:
                    // A row contributes only when both parts are present.
                    guard let n = try row.number(m.numerator!), let d = try row.number(m.denominator!) else { continue }
                    c.num = n
                    c.den = d
                case .share:
                    guard let flag = try Self.numberOrFlag(row, m.value!) else { continue }
                    c.amount = flag > 0 ? 1 : 0
                case .value:
                    c.value = try Self.numberOrFlag(row, m.value!)
                    if let g = groups[i].index[c.key], groups[i].accs[g].value != nil {
                        throw RowRejection("a second row for \(m.family.name)\(groups[i].labels[g])")
                    }
                }
                pending.append(c)
            }
            for c in pending {
                let m = metrics[c.metric]
                let g: Int
                if let known = groups[c.metric].index[c.key] {
                    g = known
                } else {
                    var labels = m.constantLabels.setting("year", String(c.year))
                    for (l, v) in zip(m.labels, c.raw) { labels = labels.setting(l.name, Self.labelValue(l.map[v] ?? v)) }
                    g = groups[c.metric].accs.count
                    groups[c.metric].index[c.key] = g
                    groups[c.metric].years.append(c.year)
                    groups[c.metric].labels.append(labels)
                    groups[c.metric].accs.append(Acc())
                }
                switch m.aggregate {
                case .count: groups[c.metric].accs[g].count += 1
                case .sum: groups[c.metric].accs[g].sum += c.amount
                case .ratio:
                    groups[c.metric].accs[g].num += c.num
                    groups[c.metric].accs[g].den += c.den
                case .share:
                    groups[c.metric].accs[g].count += 1
                    groups[c.metric].accs[g].flagged += c.amount
                case .value: groups[c.metric].accs[g].value = c.value
                }
            }
        }
        for (i, m) in metrics.enumerated() {
            let acc = Dictionary(uniqueKeysWithValues: groups[i].accs.indices.map {
                (Key(year: groups[i].years[$0], labels: groups[i].labels[$0]), groups[i].accs[$0])
            })
            for s in samples(m, acc) {
                if s.value.isFinite { result.samples.append(s) } else {
                    result.errors.append("\(m.family.name)\(s.labels): the aggregate is not a finite number (\(s.value)); check the source values")
                    result.problems.append(DataProblem(
                        families: [m.family.name], year: s.labels["year"].flatMap { Int($0) },
                        reasonZh: "\(m.family.name)的合计超出数值范围", reason: "\(m.family.name)\(s.labels): aggregate not finite"))
                }
            }
        }
        return result
    }

    private struct Key: Hashable { var year: Int; var labels: Labels }

    /// The years a metric reports when it reports every year (cumulative, zero-filled): `years:`, else the files'.
    private var reportYears: [Int] { years ?? source.years }

    private func samples(_ m: TableMetric, _ acc: [Key: Acc]) -> [Sample] {
        var acc = acc
        if m.zeroFill {
            // Every combination of the labels' mapped values, in every reported year.
            var combos: [Labels] = [m.constantLabels]
            for l in m.labels {
                combos = combos.flatMap { base in Set(l.map.values).sorted().map { base.setting(l.name, Self.labelValue($0)) } }
            }
            for y in reportYears {
                for c in combos where acc[Key(year: y, labels: c.setting("year", String(y)))] == nil {
                    acc[Key(year: y, labels: c.setting("year", String(y)))] = Acc()
                }
            }
        }
        if m.cumulative, let years {
            var byLabels: [Labels: [(Int, Double)]] = [:]
            for (k, a) in acc { byLabels[k.labels.removing("year"), default: []].append((k.year, m.aggregate == .count ? a.count : a.sum)) }
            return byLabels.flatMap { labels, points in
                years.map { y in
                    Sample(m.family.name, labels.setting("year", String(y)), Self.exactSum(points.filter { $0.0 <= y }.map(\.1)))
                }
            }
        }
        return acc.flatMap { k, a -> [Sample] in
            if m.aggregate == .ratio, m.components { return RatioComponents.samples(m.family, k.labels, num: a.num, den: a.den) }
            let v: Double?
            switch m.aggregate {
            case .count: v = a.count
            case .sum: v = Self.exactSum([a.sum])
            // Division: cleaned to 12 significant digits (see `Ratio.of`).
            case .ratio: v = Ratio.of(a.num, a.den)
            case .share: v = Ratio.of(a.flagged, a.count)
            // A cell's own number, as read: the nearest double, never rounded further.
            case .value: v = a.value
            }
            return v.map { [Sample(m.family.name, k.labels, $0)] } ?? []
        }
    }

    /// The sum of cell values. Whole-number sums (counts, amounts in 元) are exact below 2^53 and are never rounded,
    /// so `12345678901234567` is served as the nearest double 12345678901234568. A sum with a fractional part has
    /// picked up binary noise from adding decimals (`0.1 + 0.2` = 0.30000000000000004) and is rounded to 15
    /// significant digits, the precision any decimal input of up to 15 digits round-trips at.
    static func exactSum(_ parts: [Double]) -> Double {
        let s = parts.reduce(0, +)
        return s == s.rounded() ? s : s.cleaned(significantDigits: 15)
    }

    /// A line break inside a spreadsheet cell may be CR or CRLF; label values keep it as a plain newline (which the
    /// exposition escapes), never a raw CR some parsers reject.
    static func labelValue(_ s: String) -> String {
        s.contains("\r") ? s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : s
    }

    private static func numberOrFlag(_ row: TableRow, _ field: String) throws -> Double? {
        if let n = try? row.number(field) { return n }
        return try row.flag(field).map { $0 ? 1 : 0 }
    }
}
