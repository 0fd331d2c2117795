import Testing
import YouxiangCore

@Suite struct SnapshotTests {
    @Test func duplicatesAndUndeclaredAreDroppedAndCounted() {
        var b = SnapshotBuilder(externalLabels: ["district": "330206"])
        b.declare(MetricFamily(name: "eduplan_x", help: "x"))
        b.add([
            Sample("eduplan_x", ["year": "2022"], 1),
            Sample("eduplan_x", ["year": "2022", "district": "330206"], 2),
            Sample("eduplan_x", ["year": "2022", "district": "330211"], 3),
            Sample("eduplan_y", ["year": "2022"], 4),
        ])
        let s = b.build()
        #expect(b.duplicatesDropped == 1 && b.undeclaredDropped == 1)
        #expect(s.value("eduplan_x", ["year": "2022", "district": "330206"]) == 1)
        #expect(s.value("eduplan_x", ["year": "2022", "district": "330211"]) == 3)
        #expect(s.seriesCount == 2)
    }

    @Test func labelsAreSortedAndUnique() {
        let l = Labels([("b", "2"), ("a", "1"), ("b", "3")])
        #expect(l.pairs.map(\.name) == ["a", "b"])
        #expect(l["b"] == "2")
    }

    @Test func cleanedRemovesFloatingPointNoise() {
        #expect((0.1 + 0.2).cleaned == 0.3)
        #expect((15.0 + 0.1 + 0.1).cleaned == 15.2)
        #expect((9991.0 / 10000.0).cleaned == 0.9991)
        #expect(Double.nan.cleaned.isNaN)
        #expect((123456789012345.0).cleaned == 123456789012000)
    }
}
