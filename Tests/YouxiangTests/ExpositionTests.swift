import Foundation
import Testing
import YouxiangCore
import YouxiangExposition

@Suite struct ExpositionTests {
    static func sampleSnapshot() -> SeriesSnapshot {
        var b = SnapshotBuilder(externalLabels: ["district": "330206"])
        b.declare(MetricFamily(name: "eduplan_kindergarten_enrolment_inclusive_ratio", help: "普惠性幼儿园在园幼儿占比 (table row 1).", unit: "ratio"))
        b.declare(MetricFamily(name: "eduplan_demo_escapes", help: "Help with \\ backslash, \"quotes\" and a\nnewline."))
        b.declare(MetricFamily(name: "youxiang_collector_runs", type: .counter, help: "Collection runs since start."))
        b.declare(MetricFamily(name: "youxiang_build", type: .info, help: "Build information."))
        b.add([
            Sample("eduplan_kindergarten_enrolment_inclusive_ratio", ["year": "2023"], 0.925),
            Sample("eduplan_kindergarten_enrolment_inclusive_ratio", ["year": "2022"], 0.9),
            Sample("eduplan_demo_escapes", ["path": "C:\\dir \"quoted\"\nnext"], 6800),
            Sample("eduplan_demo_escapes", ["path": "nan"], .nan),
            Sample("eduplan_demo_escapes", ["path": "inf"], .infinity),
            Sample("eduplan_demo_escapes", ["path": "tiny"], 1e-07),
            Sample("youxiang_collector_runs", ["collector": "enrolment"], 3),
            Sample("youxiang_build", ["version": "0.1.0"], 1),
        ])
        return b.build()
    }

    func golden(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.fixture("golden/" + name), encoding: .utf8)
    }

    @Test func textMatchesGolden() throws {
        let out = String(decoding: ExpositionWriter.render(Self.sampleSnapshot(), format: .text), as: UTF8.self)
        #expect(out == (try golden("sample.prom")))
    }

    @Test func openMetricsMatchesGolden() throws {
        let out = String(decoding: ExpositionWriter.render(Self.sampleSnapshot(), format: .openMetrics), as: UTF8.self)
        #expect(out == (try golden("sample.om.txt")))
    }

    @Test func labelEscapingIsTheSameInBothFormats() {
        for format in [ExpositionFormat.text, .openMetrics] {
            let out = String(decoding: ExpositionWriter.render(Self.sampleSnapshot(), format: format), as: UTF8.self)
            #expect(out.contains(#"path="C:\\dir \"quoted\"\nnext""#))
        }
    }

    @Test func helpEscapingDiffersByFormat() {
        let text = String(decoding: ExpositionWriter.render(Self.sampleSnapshot(), format: .text), as: UTF8.self)
        let om = String(decoding: ExpositionWriter.render(Self.sampleSnapshot(), format: .openMetrics), as: UTF8.self)
        // 0.0.4 escapes only \ and newline in HELP (a \" is rejected by Prometheus's parser); OpenMetrics also escapes ".
        #expect(text.contains(#"# HELP eduplan_demo_escapes Help with \\ backslash, "quotes" and a\nnewline."#))
        #expect(om.contains(#"# HELP eduplan_demo_escapes Help with \\ backslash, \"quotes\" and a\nnewline."#))
    }

    @Test(
        arguments: [
            (nil, ExpositionFormat.text),
            ("text/plain", .text),
            ("*/*", .text),
            ("text/html,application/xhtml+xml,*/*;q=0.8", .text),
            (
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
                .openMetrics
            ),
            ("application/openmetrics-text; version=1.0.0", .openMetrics),
            ("text/plain;q=1, application/openmetrics-text;q=0.5", .text),
            ("application/openmetrics-text;q=0", .text),
        ] as [(String?, ExpositionFormat)])
    func negotiation(accept: String?, expected: ExpositionFormat) {
        #expect(ExpositionFormat.negotiate(accept: accept) == expected)
    }
}
