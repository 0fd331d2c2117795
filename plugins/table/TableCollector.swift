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
    var families: [MetricFamily] { metrics.map(\.family) }

    private struct Key: Hashable { var year: Int; var labels: Labels }
    private struct Acc { var count = 0.0, sum = 0.0, num = 0.0, den = 0.0, value: Double? }

    func read() -> CollectionResult {
        var result = CollectionResult()
        var acc = Array(repeating: [Key: Acc](), count: metrics.count)
        source.forEachRow(into: &result) { row, fileYear in
            let year = try row.year(fileYear: fileYear)
            var updates: [(Int, Key, Acc)] = []
            for (i, m) in metrics.enumerated() {
                guard m.filter.allSatisfy({ f, allowed in row.text(f).map(allowed.contains) ?? false }) else { continue }
                var labels = m.constantLabels.setting("year", String(year))
                for l in m.labels {
                    guard let raw = row.text(l.field) else { throw RowRejection("\(l.field) is missing (label \(l.name))") }
                    labels = labels.setting(l.name, Self.labelValue(l.map[raw] ?? raw))
                }
                let key = Key(year: year, labels: labels)
                var a = acc[i][key] ?? Acc()
                switch m.aggregate {
                case .count: a.count += 1
                case .sum: a.sum += try row.number(m.value!) ?? 0
                case .ratio:
                    // A row contributes only when both parts are present.
                    guard let n = try row.number(m.numerator!), let d = try row.number(m.denominator!) else { continue }
                    a.num += n
                    a.den += d
                case .value:
                    guard a.value == nil else { throw RowRejection("a second row for \(m.family.name)\(labels)") }
                    a.value = try Self.numberOrFlag(row, m.value!)
                }
                updates.append((i, key, a))
            }
            for (i, key, a) in updates { acc[i][key] = a }
        }
        for (i, m) in metrics.enumerated() {
            for s in samples(m, acc[i]) {
                if s.value.isFinite { result.samples.append(s) } else {
                    result.errors.append("\(m.family.name)\(s.labels): the aggregate is not a finite number (\(s.value)); check the source values")
                }
            }
        }
        return result
    }

    private func samples(_ m: TableMetric, _ acc: [Key: Acc]) -> [Sample] {
        if m.cumulative, let years {
            var byLabels: [Labels: [(Int, Double)]] = [:]
            for (k, a) in acc { byLabels[k.labels.removing("year"), default: []].append((k.year, m.aggregate == .count ? a.count : a.sum)) }
            return byLabels.flatMap { labels, points in
                years.map { y in Sample(m.family.name, labels.setting("year", String(y)), points.filter { $0.0 <= y }.reduce(0) { $0 + $1.1 }) }
            }
        }
        return acc.compactMap { k, a in
            let v: Double?
            switch m.aggregate {
            case .count: v = a.count
            case .sum: v = a.sum
            case .ratio: v = Ratio.of(a.num, a.den)
            case .value: v = a.value
            }
            return v.map { Sample(m.family.name, k.labels, $0.cleaned) }
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
