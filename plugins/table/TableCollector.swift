import Foundation
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangSources

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
        /// Key id (see `keyIDs` in `read()`) → group, -1 for none yet.
        var byKey: [Int] = []
        var years: [Int] = []
        var labels: [Labels] = []
        var accs: [Acc] = []
    }

    /// What one row adds to one metric's group, applied only once the whole row has been read without rejection.
    private struct Contribution {
        var metric: Int
        /// The id of the row's group key (year and label values) in the metric's key group.
        var key: Int
        var year: Int
        var amount: Double = 0, num = 0.0, den = 0.0, value: Double?
    }

    /// A field as one file's rows address it: its slot in that file's layout (resolved once per file), or its name
    /// when the file does not map it (the row's by-name accessors then give the usual nil or error).
    private enum FieldRef {
        case slot(Int), name(String)
        init(_ field: String, _ row: TableRow) { self = row.slot(of: field).map { .slot($0) } ?? .name(field) }
        func text(_ row: TableRow) -> String? {
            switch self {
            case .slot(let s): return row.text(at: s);
            case .name(let f): return row.text(f)
            }
        }
        func number(_ row: TableRow) throws(IngestDiagnostic) -> Double? {
            switch self {
            case .slot(let s): return try row.number(at: s);
            case .name(let f): return try row.number(f)
            }
        }
    }

    /// The metrics' fields resolved for one file's layout (a class: the row loop holds it without copying its arrays).
    private final class Resolved {
        let layout: ObjectIdentifier
        let year: FieldRef
        let filters: [[(FieldRef, Set<String>)]]
        let labels: [[FieldRef]]
        let value: [FieldRef?], numerator: [FieldRef?], denominator: [FieldRef?]
        /// Per metric: the first metric with the same label fields (their group keys are equal for every row).
        let keyGroup: [Int]
        /// Per metric: whether it has a `where` filter.
        let filtered: [Bool]
        /// The label fields' slots of every metric, flattened (metric `i`'s from `labelStart[i]` to
        /// `labelStart[i + 1]`); -1 for a field this file does not map.
        let labelSlots: [Int]
        let labelStart: [Int]

        init(_ metrics: [TableMetric], _ row: TableRow) {
            layout = row.layoutID
            year = FieldRef("year", row)
            filters = metrics.map { m in m.filter.sorted { $0.key < $1.key }.map { (FieldRef($0.key, row), $0.value) } }
            labels = metrics.map { m in m.labels.map { FieldRef($0.field, row) } }
            value = metrics.map { m in m.value.map { FieldRef($0, row) } }
            numerator = metrics.map { m in m.numerator.map { FieldRef($0, row) } }
            denominator = metrics.map { m in m.denominator.map { FieldRef($0, row) } }
            keyGroup = metrics.indices.map { i in metrics.firstIndex { $0.labels.map(\.field) == metrics[i].labels.map(\.field) } ?? i }
            filtered = metrics.map { !$0.filter.isEmpty }
            labelSlots = metrics.flatMap { m in m.labels.map { row.slot(of: $0.field) ?? -1 } }
            var start = [0]
            for m in metrics { start.append(start.last! + m.labels.count) }
            labelStart = start
        }

    }

    /// The row's year: the `year` field when mapped (and, for JSON, present), else the file's year.
    private static func year(_ row: TableRow, _ ref: FieldRef, _ fileYear: Int?) throws -> Int {
        if case .slot(let s) = ref, row.has(at: s), let y = try row.year(at: s) { return y }
        if let fileYear { return fileYear }
        throw RowRejection("no year: map a `year` column or give the file a `year:`")
    }

    func read() -> CollectionResult {
        var result = CollectionResult()
        var groups = Array(repeating: Groups(), count: metrics.count)
        // At most one contribution per metric and row, in a fixed array (no growth or clearing per row).
        var pending = [Contribution](repeating: Contribution(metric: 0, key: 0, year: 0), count: metrics.count)
        var pendingCount = 0
        let aggregates = metrics.map(\.aggregate)
        var resolved: Resolved?
        // Group keys (year and label values as one string) get an id per key group (metrics with the same label
        // fields share one): one hash per row and key group, not one per metric, on the key's bytes (`byteKeys`).
        var keyIDs = [[String: Int]](repeating: [:], count: metrics.count)
        var rowKeys = [Int](repeating: -1, count: metrics.count)
        var byteKeys = [ByteKeyTable](repeating: ByteKeyTable(), count: metrics.count)
        var keyBytes: [UInt8] = []
        // Cells marked missing that a metric needs: that metric's group and year become incomplete (a `DataProblem`).
        var missing = MissingCells()
        source.forEachRow(into: &result) { row, fileYear in
            if resolved?.layout != row.layoutID { resolved = Resolved(metrics, row) }
            let r = resolved!
            // Every cell the row's metrics need is read first; a rejection anywhere leaves every aggregate untouched.
            pendingCount = 0
            for i in rowKeys.indices { rowKeys[i] = -1 }
            var year: Int?
            for i in aggregates.indices {
                if r.filtered[i] {
                    var pass = true
                    for (ref, allowed) in r.filters[i] {
                        guard let t = ref.text(row), allowed.contains(t) else { pass = false; break }
                    }
                    guard pass else { continue }
                }
                let y = try year ?? Self.year(row, r.year, fileYear)
                year = y
                let kg = r.keyGroup[i]
                if rowKeys[kg] < 0 {
                    // The key's bytes (year, then each label's text with its length in front) find its id without a
                    // `String`; a key not seen before gets its id from the text key (equal texts, equal ids).
                    keyBytes.removeAll(keepingCapacity: true)
                    withUnsafeBytes(of: Int64(y).littleEndian) { keyBytes.append(contentsOf: $0) }
                    for j in r.labelStart[i]..<r.labelStart[i + 1] {
                        let mark = keyBytes.count
                        keyBytes.append(0)
                        keyBytes.append(0)
                        keyBytes.append(0)
                        keyBytes.append(0)
                        let s = r.labelSlots[j]
                        guard s >= 0, row.appendText(at: s, to: &keyBytes) else {
                            let l = metrics[i].labels[j - r.labelStart[i]]
                            throw RowRejection("\(l.field) is missing (label \(l.name))")
                        }
                        let n = UInt32(truncatingIfNeeded: keyBytes.count - mark - 4)
                        for b in 0..<4 { keyBytes[mark + b] = UInt8(truncatingIfNeeded: n >> (8 * b)) }
                    }
                    let hash = keyBytes.withUnsafeBufferPointer { ByteKeyTable.hash($0) }
                    if let id = keyBytes.withUnsafeBufferPointer({ byteKeys[kg].id(for: $0, hash: hash) }) {
                        rowKeys[kg] = id
                    } else {
                        var k = String(y)
                        for ref in r.labels[i] {
                            k += "\u{1}"
                            k += ref.text(row) ?? ""
                        }
                        let next = keyIDs[kg].count
                        rowKeys[kg] = keyIDs[kg][k, default: next]
                        if rowKeys[kg] == next { keyIDs[kg][k] = next }
                        keyBytes.withUnsafeBufferPointer { byteKeys[kg].insert($0, hash: hash, id: rowKeys[kg]) }
                    }
                }
                var c = Contribution(metric: i, key: rowKeys[kg], year: y)
                /// A cell this metric needs is marked missing: its group is incomplete for the year (and, cumulative,
                /// for every later year).
                func noteMissing(_ field: String) {
                    let m = metrics[i]
                    for year in m.cumulative ? (years ?? [y]).filter({ $0 >= y }) : [y] {
                        missing.note(row, field: field, year: year, families: [m.family.name], labels: Self.groupLabels(m, r.labels[i], row))
                    }
                }
                switch aggregates[i] {
                case .count: c.amount = 1
                case .sum:
                    // A blank or missing-marked cell makes the group's year incomplete (never a sum over the filled
                    // rows); a bad one rejects the row (thrown above this switch).
                    guard let v = try r.value[i]!.number(row) else {
                        noteMissing(metrics[i].value!)
                        continue
                    }
                    c.amount = v
                case .ratio:
                    // Both parts are needed: a missing one makes the group's year incomplete, never a partial ratio.
                    guard let n = try r.numerator[i]!.number(row) else {
                        noteMissing(metrics[i].numerator!)
                        continue
                    }
                    guard let d = try r.denominator[i]!.number(row) else {
                        noteMissing(metrics[i].denominator!)
                        continue
                    }
                    c.num = n
                    c.den = d
                case .share:
                    guard let flag = try Self.numberOrFlag(row, metrics[i].value!) else {
                        noteMissing(metrics[i].value!)
                        continue
                    }
                    c.amount = flag > 0 ? 1 : 0
                case .value:
                    guard let v = try Self.numberOrFlag(row, metrics[i].value!) else {
                        noteMissing(metrics[i].value!)
                        continue
                    }
                    c.value = v
                    if c.key < groups[i].byKey.count, case let g = groups[i].byKey[c.key], g >= 0, groups[i].accs[g].value != nil {
                        throw RowRejection("a second row for \(metrics[i].family.name)\(groups[i].labels[g])")
                    }
                }
                pending[pendingCount] = c
                pendingCount += 1
            }
            for p in 0..<pendingCount {
                let c = pending[p]
                let g: Int
                if c.key < groups[c.metric].byKey.count, groups[c.metric].byKey[c.key] >= 0 {
                    g = groups[c.metric].byKey[c.key]
                } else {
                    // A new group (rare: a million-row export has few): its label set, from this row's cells.
                    let m = metrics[c.metric]
                    var labels = m.constantLabels.setting("year", String(c.year))
                    for (l, ref) in zip(m.labels, r.labels[c.metric]) {
                        let v = ref.text(row) ?? ""
                        labels = labels.setting(l.name, Self.labelValue(l.map[v] ?? v))
                    }
                    g = groups[c.metric].accs.count
                    while groups[c.metric].byKey.count <= c.key { groups[c.metric].byKey.append(-1) }
                    groups[c.metric].byKey[c.key] = g
                    groups[c.metric].years.append(c.year)
                    groups[c.metric].labels.append(labels)
                    groups[c.metric].accs.append(Acc())
                }
                switch aggregates[c.metric] {
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
        result.problems += missing.problems()
        for (i, m) in metrics.enumerated() {
            let acc = Dictionary(
                uniqueKeysWithValues: groups[i].accs.indices.map {
                    (Key(year: groups[i].years[$0], labels: groups[i].labels[$0]), groups[i].accs[$0])
                })
            for s in samples(m, acc) {
                if s.value.isFinite {
                    result.samples.append(s)
                } else {
                    result.errors.append("\(m.family.name)\(s.labels): the aggregate is not a finite number (\(s.value)); check the source values")
                    result.problems.append(
                        DataProblem(
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

    /// The labels of the group `row` falls in for metric `m` (as its series will carry them), to narrow a missing
    /// cell's problem to that group.
    private static func groupLabels(_ m: TableMetric, _ refs: [FieldRef], _ row: TableRow) -> Labels {
        var labels = m.constantLabels
        for (l, ref) in zip(m.labels, refs) {
            let v = ref.text(row) ?? ""
            labels = labels.setting(l.name, labelValue(l.map[v] ?? v))
        }
        return labels
    }

    private static func numberOrFlag(_ row: TableRow, _ field: String) throws -> Double? {
        if let n = try? row.number(field) { return n }
        return try row.flag(field).map { $0 ? 1 : 0 }
    }
}
