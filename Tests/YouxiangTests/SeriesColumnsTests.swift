import Testing
import YouxiangCore
import YouxiangExposition

/// The column store (`SeriesColumns`, `SampleTable`, `SnapshotBuilder`) against the plain model it replaced: a
/// dictionary of `Labels` per family, first sample wins, series sorted by `Labels` `<`.
@Suite struct SeriesColumnsTests {
    /// Samples with label sets that differ within a family (missing labels, an empty value, names sorting before and
    /// after the others), duplicates, non-ASCII values, an undeclared family; in a shuffled order.
    static func samples(seed: UInt64, count: Int) -> [Sample] {
        var rng = SplitMix(seed)
        let families = ["eduplan_b", "eduplan_a", "eduplan_c", "eduplan_undeclared"]
        let names = ["school_id", "year", "grade", "a_first", "zz_last", "level"]
        let values = ["2133000001", "2022", "2023", "", "宁波市北仑区实验小学", "x\"y\\z\nw", "1", "10", "9", "é"]
        var out: [Sample] = []
        for _ in 0..<count {
            var pairs: [(String, String)] = []
            for n in names where rng.next() % 3 != 0 { pairs.append((n, values[Int(rng.next() % UInt64(values.count))])) }
            out.append(Sample(families[Int(rng.next() % UInt64(families.count))], Labels(pairs), Double(rng.next() % 1000) / 4))
        }
        return out
    }

    /// The plain model: families sorted by name, series sorted by labels, first sample of a label set wins.
    static func reference(_ samples: [Sample], declared: Set<String>, external: Labels = Labels()) -> [(String, [(labels: Labels, value: Double)])] {
        var values: [String: [Labels: Double]] = [:]
        var order: [String: [Labels]] = [:]
        for s in samples where declared.contains(s.family) {
            let l = s.labels.merging(missing: external)
            if values[s.family, default: [:]][l] != nil { continue }
            values[s.family, default: [:]][l] = s.value
            order[s.family, default: []].append(l)
        }
        return values.keys.sorted().map { f in (f, order[f]!.sorted().map { (labels: $0, value: values[f]![$0]!) }) }
    }

    static func materialised(_ s: SeriesSnapshot) -> [(String, [(labels: Labels, value: Double)])] {
        s.families.map { ($0.family.name, Array($0.series)) }
    }

    static func same(_ a: [(String, [(labels: Labels, value: Double)])], _ b: [(String, [(labels: Labels, value: Double)])]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                x.0 == y.0 && x.1.count == y.1.count && zip(x.1, y.1).allSatisfy { $0.labels == $1.labels && $0.value == $1.value }
            }
    }

    static let declared: Set<String> = ["eduplan_a", "eduplan_b", "eduplan_c"]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func builderMatchesThePlainModel(seed: UInt64) {
        let samples = Self.samples(seed: seed, count: 3000)
        let external: Labels = ["district": "330206", "level": "external"]
        var b = SnapshotBuilder(externalLabels: external)
        for f in Self.declared { b.declare(MetricFamily(name: f, help: f)) }
        b.add(samples)
        let expected = Self.reference(samples, declared: Self.declared, external: external)
        #expect(Self.same(Self.materialised(b.build()), expected))
        #expect(b.seriesCount == expected.reduce(0) { $0 + $1.1.count })
        #expect(b.undeclaredDropped == samples.filter { !Self.declared.contains($0.family) }.count)
        #expect(b.duplicatesDropped == samples.count - b.undeclaredDropped - b.seriesCount)
    }

    @Test(arguments: [6, 7, 8] as [UInt64])
    func tableAddsLikeItsSamples(seed: UInt64) {
        let samples = Self.samples(seed: seed, count: 2000)
        let collectorLabels: Labels = ["district": "330206", "year": "collector"]
        let external: Labels = ["zone": "east", "district": "external"]
        let table = SampleTable(samples)
        #expect(table.count == samples.count)
        // Family by family, in the order each family first appears, each family's samples in their order.
        let families = samples.map(\.family).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let grouped = families.flatMap { f in samples.filter { $0.family == f } }
        #expect(table.samples == grouped)

        var viaTable = SnapshotBuilder(externalLabels: external)
        var viaSamples = SnapshotBuilder(externalLabels: external)
        for f in Self.declared {
            viaTable.declare(MetricFamily(name: f, help: f))
            viaSamples.declare(MetricFamily(name: f, help: f))
        }
        viaTable.add(table, labels: collectorLabels)
        viaSamples.add(
            samples.map { s in
                var c = s; c.labels = c.labels.merging(missing: collectorLabels); return c
            })
        #expect(Self.same(Self.materialised(viaTable.build()), Self.materialised(viaSamples.build())))
        #expect(viaTable.duplicatesDropped == viaSamples.duplicatesDropped)
        #expect(viaTable.undeclaredDropped == viaSamples.undeclaredDropped)
        let text = ExpositionWriter.render(viaTable.build(), format: .text)
        #expect(text == ExpositionWriter.render(viaSamples.build(), format: .text))
    }

    /// The writer reads the cells; its lines must be what writing each series' `Labels` gives.
    @Test func exposedLinesAreTheLabelSets() {
        let samples = Self.samples(seed: 9, count: 500)
        var b = SnapshotBuilder()
        for f in Self.declared { b.declare(MetricFamily(name: f, help: "h")) }
        b.add(samples)
        let snapshot = b.build()
        let text = String(decoding: ExpositionWriter.render(snapshot, format: .text), as: UTF8.self)
        var expected = ""
        for f in snapshot.families {
            expected += "# HELP \(f.family.name) h\n# TYPE \(f.family.name) gauge\n"
            for s in f.series {
                let labels = s.labels.pairs.map { p in
                    let v = p.value.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("\n", "\\n")
                    return "\(p.name)=\"\(v)\""
                }
                expected +=
                    f.family.name + (labels.isEmpty ? "" : "{" + labels.joined(separator: ",") + "}")
                    + " \(s.value == s.value.rounded() ? String(Int64(s.value)) : s.value.description)\n"
            }
        }
        #expect(text == expected)
    }

    @Test func lookupsReadTheColumns() {
        var b = SnapshotBuilder()
        b.declare(MetricFamily(name: "eduplan_x", help: "x"))
        b.add([
            Sample("eduplan_x", ["year": "2022", "level": "primary"], 1), Sample("eduplan_x", ["year": "2023"], 2),
            Sample("eduplan_x", ["year": "2022", "level": ""], 3),
        ])
        let s = b.build()
        #expect(s.value("eduplan_x", ["year": "2023"]) == 2)
        #expect(s.value("eduplan_x", ["year": "2022"]) == nil)
        #expect(s.value("eduplan_x", ["year": "2022", "level": ""]) == 3)
        #expect(s.series("eduplan_x", matching: ["year": "2022"]).map(\.value).sorted() == [1, 3])
        #expect(s.series("eduplan_x", matching: ["grade": "1"]).isEmpty)
        let f = s.families[0]
        #expect(f.columns.labelNames == ["level", "year"])
        #expect(f.columns.cells.count == 2 * f.count)
        #expect((0..<f.count).map { f.columns.label("level", at: $0) }.contains(nil))
    }
}

/// A small deterministic generator for the tests' data.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
