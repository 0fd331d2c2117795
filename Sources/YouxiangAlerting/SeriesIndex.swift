import Synchronization
import YouxiangCore

/// Series of a snapshot by (family, label name, label value), built per (family, label) on first use.
public final class SeriesIndex: Sendable {
    private let snapshot: SeriesSnapshot
    private let families: [String: Int]
    /// "family\0label" → label value → positions in the family's series (rule evaluation is single-threaded; the
    /// mutex keeps the type honest if it is shared).
    private let byLabel = Mutex<[String: [String: [Int]]]>([:])

    init(_ snapshot: SeriesSnapshot) {
        self.snapshot = snapshot
        var families: [String: Int] = [:]
        for (i, f) in snapshot.families.enumerated() { families[f.family.name] = i }
        self.families = families
    }

    /// All series of `family`.
    public func series(_ family: String) -> SeriesColumns.Rows {
        guard let i = families[family] else { return SeriesColumns().rows }
        return snapshot.families[i].series
    }

    /// Series of `family` whose `label` equals `value`.
    public func series(_ family: String, _ label: String, _ value: String) -> [(labels: Labels, value: Double)] {
        guard let fi = families[family] else { return [] }
        let key = family + "\u{0}" + label
        let positions: [Int] = byLabel.withLock { byLabel in
            if byLabel[key] == nil {
                var map: [String: [Int]] = [:]
                let columns = snapshot.families[fi].columns
                let c = columns.column(of: label)
                for i in 0..<columns.count { map[c.flatMap { columns.label(column: $0, at: i) } ?? "", default: []].append(i) }
                byLabel[key] = map
            }
            return byLabel[key]?[value] ?? []
        }
        let all = snapshot.families[fi].series
        return positions.map { all[$0] }
    }
}
