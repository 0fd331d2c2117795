import YouxiangConfig
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

    private struct Acc { var count = 0.0, sum = 0.0, num = 0.0, den = 0.0, value: Double? }

    /// One metric's groups: a compact text key per (year, label values) → accumulator. Label sets are built once per
    /// group, not per row (a million-row export has few groups).
    private struct Groups {
        var index: [String: Int] = [:]
        var years: [Int] = []
        var labels: [Labels] = []
        var accs: [Acc] = []
    }

    func read() -> CollectionResult {
        var result = CollectionResult()
        var groups = Array(repeating: Groups(), count: metrics.count)
        var raw: [String] = []
        source.forEachRow(into: &result) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            for (i, m) in metrics.enumerated() {
                guard m.filter.allSatisfy({ f, allowed in row.text(f).map(allowed.contains) ?? false }) else { continue }
                raw.removeAll(keepingCapacity: true)
                var key = String(year)
                for l in m.labels {
                    guard let v = row.text(l.field) else { throw RowRejection("\(l.field) is missing (label \(l.name))") }
                    raw.append(v)
                    key += "\u{1}" + v
                }
                let g: Int
                if let known = groups[i].index[key] {
                    g = known
                } else {
                    var labels = m.constantLabels.setting("year", String(year))
                    for (l, v) in zip(m.labels, raw) { labels = labels.setting(l.name, Self.labelValue(l.map[v] ?? v)) }
                    g = groups[i].accs.count
                    groups[i].index[key] = g
                    groups[i].years.append(year)
                    groups[i].labels.append(labels)
                    groups[i].accs.append(Acc())
                }
                switch m.aggregate {
                case .count: groups[i].accs[g].count += 1
                case .sum: groups[i].accs[g].sum += try row.number(m.value!) ?? 0
                case .ratio:
                    // A row contributes only when both parts are present.
                    guard let n = try row.number(m.numerator!), let d = try row.number(m.denominator!) else { continue }
                    groups[i].accs[g].num += n
                    groups[i].accs[g].den += d
                case .value:
                    guard groups[i].accs[g].value == nil else { throw RowRejection("a second row for \(m.family.name)\(groups[i].labels[g])") }
                    groups[i].accs[g].value = try Self.numberOrFlag(row, m.value!)
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
                }
            }
        }
        return result
    }

    private struct Key: Hashable { var year: Int; var labels: Labels }

    private func samples(_ m: TableMetric, _ acc: [Key: Acc]) -> [Sample] {
        if m.cumulative, let years {
            var byLabels: [Labels: [(Int, Double)]] = [:]
            for (k, a) in acc { byLabels[k.labels.removing("year"), default: []].append((k.year, m.aggregate == .count ? a.count : a.sum)) }
            return byLabels.flatMap { labels, points in
                years.map { y in Sample(m.family.name, labels.setting("year", String(y)), points.filter { $0.0 <= y }.reduce(0) { $0 + $1.1 }) }
            }
        }
        return acc.flatMap { k, a -> [Sample] in
            if m.aggregate == .ratio, m.components { return RatioComponents.samples(m.family, k.labels, num: a.num, den: a.den) }
            let v: Double?
            switch m.aggregate {
            case .count: v = a.count
            case .sum: v = a.sum
            case .ratio: v = Ratio.of(a.num, a.den)
            case .value: v = a.value
            }
            return v.map { [Sample(m.family.name, k.labels, $0.cleaned)] } ?? []
        }
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
