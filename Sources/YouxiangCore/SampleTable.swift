/// Samples stored the way the data is shaped: per family, label names once and values interned (`SeriesColumns`),
/// one string table for all families. This is what the daemon keeps of a collector's run between collections
/// (a million series cost about 24 bytes each with four labels, instead of a `Sample` with its own label array).
///
/// Families keep the order of their first sample; within a family, samples keep their order (duplicates included:
/// `SnapshotBuilder` drops and counts them).
public struct SampleTable: Sendable {
    /// Families and their series.
    public private(set) var families: [(name: String, columns: SeriesColumns)] = []
    /// The interned label names and values every family's cells name.
    public private(set) var strings: [String] = []

    /// No samples.
    public init() {}

    /// The samples, stored by column.
    public init(_ samples: [Sample]) {
        var pool = StringPool()
        var index: [String: Int] = [:]
        var order: [String] = []
        var staged: [Staged] = []
        var current = -1
        var currentFamily = ""
        for s in samples {
            if current < 0 || s.family != currentFamily {
                if let i = index[s.family] {
                    current = i
                } else {
                    current = staged.count
                    index[s.family] = current
                    order.append(s.family)
                    staged.append(Staged())
                }
                currentFamily = s.family
            }
            staged[current].add(s, &pool)
        }
        let strings = pool.strings
        families = zip(order, staged).map { name, st in
            (name, SeriesColumns.layout(pairs: st.pairs, ends: st.ends, values: st.values, strings: strings, ranks: nil))
        }
        self.strings = strings
    }

    /// Number of samples.
    public var count: Int { families.reduce(0) { $0 + $1.columns.count } }
    public var isEmpty: Bool { families.allSatisfy { $0.columns.isEmpty } }

    /// The samples, family by family (each builds its label set).
    public var samples: [Sample] { samples { _ in true } }

    /// The samples of the families `include` accepts.
    public func samples(where include: (String) -> Bool) -> [Sample] {
        var out: [Sample] = []
        for (name, c) in families where include(name) {
            for r in 0..<c.count { out.append(Sample(name, c.labels(at: r), c.values[r])) }
        }
        return out
    }

    /// One family's samples as they arrive: (name id, value id) pairs, flat.
    struct Staged {
        var pairs: [UInt32] = []
        var ends: [UInt32] = []
        var values: [Double] = []
        /// The last sample's label names and their ids (most samples of a family share them: no lookup then).
        var names: [String] = []
        var nameIDs: [UInt32] = []

        mutating func add(_ s: Sample, _ pool: inout StringPool) {
            let p = s.labels.pairs
            if p.count != names.count || !zip(p, names).allSatisfy({ $0.name == $1 }) {
                names = p.map(\.name)
                nameIDs = names.map { pool.id($0) }
            }
            for (i, l) in p.enumerated() {
                pairs.append(nameIDs[i])
                pairs.append(pool.id(l.value))
            }
            ends.append(UInt32(pairs.count))
            values.append(s.value)
        }
    }
}
