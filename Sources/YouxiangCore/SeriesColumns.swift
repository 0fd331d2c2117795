/// The series of one family stored by column: label names once, label values as ids into shared interned strings,
/// values in one flat array.
///
/// Shape: `labelNames` is the sorted union of the family's label names; series `r` has one cell per name,
/// `cells[r * labelNames.count + c]`, holding the id (index into `strings`) of its value for `labelNames[c]`, or
/// `SeriesColumns.absent` when the series has no such label; its value is `values[r]`. A series with four labels thus
/// costs 4 × 4 + 8 = 24 bytes and no heap object of its own; `labels(at:)` and `rows` build `Labels` on demand (for
/// rules and pages; the exposition writer reads the cells directly).
public struct SeriesColumns: Sendable {
    /// The cell of a label the series does not have.
    public static let absent = UInt32.max
    /// The label names, sorted, unique.
    public let labelNames: [String]
    /// `labelNames.count` ids per series, row after row.
    public let cells: [UInt32]
    /// One value per series.
    public let values: [Double]
    /// The interned strings the cells name (usually shared by every family of a snapshot).
    public let strings: [String]

    public init(labelNames: [String], cells: [UInt32], values: [Double], strings: [String]) {
        precondition(cells.count == labelNames.count * values.count, "cells must hold one id per label name and series")
        self.labelNames = labelNames
        self.cells = cells
        self.values = values
        self.strings = strings
    }

    /// No series.
    public init() { self.init(labelNames: [], cells: [], values: [], strings: []) }

    /// Number of series.
    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The label set of series `row`.
    public func labels(at row: Int) -> Labels {
        let k = labelNames.count
        var pairs: [Labels.Label] = []
        pairs.reserveCapacity(k)
        for c in 0..<k {
            let id = cells[row * k + c]
            if id != Self.absent { pairs.append(Labels.Label(labelNames[c], strings[Int(id)])) }
        }
        return Labels(sortedUnique: pairs)
    }

    /// The value of label `name` of series `row`, or nil.
    public func label(_ name: String, at row: Int) -> String? {
        guard let c = column(of: name) else { return nil }
        return label(column: c, at: row)
    }

    /// The value in column `c` (a position in `labelNames`) of series `row`, or nil.
    public func label(column c: Int, at row: Int) -> String? {
        let id = cells[row * labelNames.count + c]
        return id == Self.absent ? nil : strings[Int(id)]
    }

    /// The column of label `name`, or nil when no series of the family has it.
    public func column(of name: String) -> Int? { labelNames.firstIndex(of: name) }

    /// The rows whose labels contain every pair of `matchers` (`Labels.contains`), in order.
    public func rows(matching matchers: Labels) -> [Int] {
        var resolved: [(column: Int, value: String)] = []
        for p in matchers.pairs {
            guard let c = column(of: p.name) else { return [] }
            resolved.append((c, p.value))
        }
        let k = labelNames.count
        return (0..<count).filter { r in
            resolved.allSatisfy { m in
                let id = cells[r * k + m.column]
                return id != Self.absent && strings[Int(id)] == m.value
            }
        }
    }

    /// The series as `(labels, value)` pairs, built on access.
    public var rows: Rows { Rows(columns: self) }

    /// A view of the series as `(labels, value)` pairs; each access builds the label set.
    public struct Rows: RandomAccessCollection, Sendable {
        let columns: SeriesColumns
        public var startIndex: Int { 0 }
        public var endIndex: Int { columns.count }
        public subscript(i: Int) -> (labels: Labels, value: Double) { (columns.labels(at: i), columns.values[i]) }
    }
}

extension SeriesColumns {
    /// Lays out series given as (name id, value id) pairs into columns.
    ///
    /// - Parameters:
    ///   - pairs: for each series its label pairs as `[name id, value id, …]`, sorted by name, concatenated.
    ///   - ends: for each series the end of its pairs in `pairs` (in `UInt32`s, exclusive).
    ///   - values: one value per series.
    ///   - strings: the strings the ids name.
    ///   - ranks: when given, the series are sorted by label set (`Labels` `<`), using each id's rank in the strings'
    ///     sorted order (`StringPool.ranks`); when nil, they keep their order.
    static func layout(pairs: [UInt32], ends: [UInt32], values: [Double], strings: [String], ranks: [UInt32]?) -> SeriesColumns {
        let n = values.count
        // The union of label names, sorted by name.
        var position: [UInt32: Int] = [:]
        var lastRowNames: [UInt32] = []
        var start = 0
        for r in 0..<n {
            let end = Int(ends[r])
            // Most series of a family share their names; skip the lookups when this row's equal the last row's.
            var same = (end - start) / 2 == lastRowNames.count
            if same {
                var j = 0
                for p in stride(from: start, to: end, by: 2) { if pairs[p] != lastRowNames[j] { same = false; break }; j += 1 }
            }
            if !same {
                lastRowNames.removeAll(keepingCapacity: true)
                for p in stride(from: start, to: end, by: 2) {
                    lastRowNames.append(pairs[p])
                    if position[pairs[p]] == nil { position[pairs[p]] = 0 }
                }
            }
            start = end
        }
        let nameIDs = position.keys.sorted { strings[Int($0)] < strings[Int($1)] }
        for (c, id) in nameIDs.enumerated() { position[id] = c }
        let k = nameIDs.count
        var cells = [UInt32](repeating: absent, count: n * k)
        // Column of each name id, as an array for the fill loop.
        var columnOf: [UInt32: Int] = position
        start = 0
        cells.withUnsafeMutableBufferPointer { out in
            for r in 0..<n {
                let end = Int(ends[r])
                for p in stride(from: start, to: end, by: 2) {
                    out[r * k + columnOf[pairs[p]]!] = pairs[p + 1]
                }
                start = end
            }
        }
        columnOf = [:]
        let names = nameIDs.map { strings[Int($0)] }
        guard let ranks, n > 1, k > 0 else {
            return SeriesColumns(labelNames: names, cells: cells, values: values, strings: strings)
        }
        let absent = Self.absent
        let isLess: (Int, Int) -> Bool = { a, b in
            cells.withUnsafeBufferPointer { c in
                ranks.withUnsafeBufferPointer { rank in
                    var i = 0, j = 0
                    let ba = a * k, bb = b * k
                    while true {
                        while i < k && c[ba + i] == absent { i += 1 }
                        while j < k && c[bb + j] == absent { j += 1 }
                        if i == k || j == k { return i == k && j != k }
                        if i != j { return i < j }
                        let x = c[ba + i], y = c[bb + j]
                        if x != y { return rank[Int(x)] < rank[Int(y)] }
                        i += 1
                        j += 1
                    }
                }
            }
        }
        var sorted = true
        for r in 1..<n where !isLess(r - 1, r) { sorted = false; break }
        if sorted { return SeriesColumns(labelNames: names, cells: cells, values: values, strings: strings) }
        var order = [Int32](0..<Int32(n))
        order.sort { isLess(Int($0), Int($1)) }
        var newCells = [UInt32](repeating: 0, count: n * k)
        var newValues = [Double](repeating: 0, count: n)
        newCells.withUnsafeMutableBufferPointer { out in
            cells.withUnsafeBufferPointer { inp in
                for (to, from32) in order.enumerated() {
                    let from = Int(from32)
                    for c in 0..<k { out[to * k + c] = inp[from * k + c] }
                    newValues[to] = values[from]
                }
            }
        }
        return SeriesColumns(labelNames: names, cells: newCells, values: newValues, strings: strings)
    }
}
