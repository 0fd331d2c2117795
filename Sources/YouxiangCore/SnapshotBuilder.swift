/// Assembles samples from many producers into a `SeriesSnapshot`.
///
/// Rules: a sample whose family was not declared is dropped; the first sample of a (family, labels) pair wins and any
/// later one is dropped; both are counted so the daemon can expose them. External labels are added to every sample
/// that lacks them.
///
/// Label names and values are interned as they arrive and each series is kept as (name id, value id) pairs in one flat
/// array per family, with a hash table of series positions for the duplicate check: adding a million series makes no
/// object per series. `build` lays the families out as columns (`SeriesColumns`), sorted.
public struct SnapshotBuilder: Sendable {
    public private(set) var declared: [String: MetricFamily] = [:]
    /// Series added so far.
    public private(set) var seriesCount = 0
    public let externalLabels: Labels
    /// Samples dropped because their series was already present.
    public private(set) var duplicatesDropped = 0
    /// Samples dropped because their family was never declared.
    public private(set) var undeclaredDropped = 0
    private var pool = StringPool()
    private var staging: [String: Staging] = [:]

    public init(externalLabels: Labels = Labels()) { self.externalLabels = externalLabels }

    /// Declares a family. Returns false when a different family of the same name was already declared.
    @discardableResult
    public mutating func declare(_ family: MetricFamily) -> Bool {
        if let existing = declared[family.name] { return existing == family }
        declared[family.name] = family
        return true
    }

    /// Adds samples under the rules above.
    public mutating func add(_ samples: [Sample]) {
        var row: [UInt32] = []
        for s in samples {
            guard declared[s.family] != nil else { undeclaredDropped += 1; continue }
            let labels = s.labels.merging(missing: externalLabels)
            row.removeAll(keepingCapacity: true)
            for p in labels.pairs {
                row.append(pool.id(p.name))
                row.append(pool.id(p.value))
            }
            if staging[s.family, default: Staging()].insert(row, s.value) { seriesCount += 1 } else { duplicatesDropped += 1 }
        }
    }

    /// Adds a collector's samples under the rules above, with `labels` added to every sample that lacks them (a
    /// sample's own label wins over `labels`, which win over the external labels).
    public mutating func add(_ table: SampleTable, labels: Labels = Labels()) {
        var translated: [UInt32]?
        let absent = SeriesColumns.absent
        var row: [UInt32] = []
        for (name, columns) in table.families {
            guard declared[name] != nil else { undeclaredDropped += columns.count; continue }
            if translated == nil { translated = table.strings.map { pool.id($0) } }
            let ids = translated!
            // Per label name of the result (sorted): the table's column, or the collector's / external label's value.
            var names = Set(columns.labelNames)
            for p in labels.pairs { names.insert(p.name) }
            for p in externalLabels.pairs { names.insert(p.name) }
            let plan: [(name: UInt32, column: Int, constant: UInt32)] = names.sorted().map { n in
                let constant = (labels[n] ?? externalLabels[n]).map { pool.id($0) } ?? absent
                return (pool.id(n), columns.column(of: n) ?? -1, constant)
            }
            let k = columns.labelNames.count
            var st = staging.removeValue(forKey: name) ?? Staging()
            columns.cells.withUnsafeBufferPointer { cells in
                for r in 0..<columns.count {
                    row.removeAll(keepingCapacity: true)
                    for e in plan {
                        let id = e.column >= 0 ? cells[r * k + e.column] : absent
                        if id != absent {
                            row.append(e.name)
                            row.append(ids[Int(id)])
                        } else if e.constant != absent {
                            row.append(e.name)
                            row.append(e.constant)
                        }
                    }
                    if st.insert(row, columns.values[r]) { seriesCount += 1 } else { duplicatesDropped += 1 }
                }
            }
            staging[name] = st
        }
    }

    /// The snapshot: declared families with at least one series, sorted by name.
    public func build() -> SeriesSnapshot {
        let strings = pool.strings
        let ranks = StringPool.ranks(strings)
        var out: [FamilySeries] = []
        for (name, family) in declared.sorted(by: { $0.key < $1.key }) {
            guard let st = staging[name], !st.values.isEmpty else { continue }
            out.append(
                FamilySeries(
                    family: family,
                    columns: .layout(
                        pairs: st.pairs, ends: st.ends, values: st.values,
                        strings: strings, ranks: ranks)))
        }
        return SeriesSnapshot(families: out)
    }

    /// One family's series while they arrive: pairs of ids, flat, with an open-addressing table of their positions.
    struct Staging: Sendable {
        var pairs: [UInt32] = []
        var ends: [UInt32] = []
        var values: [Double] = []
        /// Series position + 1; 0 is an empty slot. The count is a power of two, at least twice the series.
        var slots: [Int32] = []

        /// Adds the series unless one with the same pairs is present; returns whether it was added.
        mutating func insert(_ row: [UInt32], _ value: Double) -> Bool {
            if (values.count + 1) * 2 > slots.count { grow() }
            let mask = slots.count - 1
            var h = Self.hash(row[...]) & mask
            while slots[h] != 0 {
                let r = Int(slots[h] - 1)
                if pairs[start(r)..<Int(ends[r])].elementsEqual(row) { return false }
                h = (h + 1) & mask
            }
            slots[h] = Int32(values.count + 1)
            pairs.append(contentsOf: row)
            ends.append(UInt32(pairs.count))
            values.append(value)
            return true
        }

        func start(_ r: Int) -> Int { r == 0 ? 0 : Int(ends[r - 1]) }

        mutating func grow() {
            let capacity = max(16, slots.count * 2)
            slots = [Int32](repeating: 0, count: capacity)
            let mask = capacity - 1
            for r in 0..<values.count {
                var h = Self.hash(pairs[start(r)..<Int(ends[r])]) & mask
                while slots[h] != 0 { h = (h + 1) & mask }
                slots[h] = Int32(r + 1)
            }
        }

        static func hash(_ ids: ArraySlice<UInt32>) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for x in ids { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01b3 }
            h ^= h >> 31
            h = h &* 0xbf58_476d_1ce4_e5b9
            h ^= h >> 29
            return Int(truncatingIfNeeded: h)
        }
    }
}
