import Foundation
import Testing
import YouxiangCore

@testable import YouxiangPlan
@testable import YouxiangRuntime
@testable import YouxiangWeb

/// The office's pages: the national county assessments, criterion by criterion, with the institutions below standard.
@Suite struct OfficeAssessmentTests {
    static let families = [
        "eduplan_assessment_criterion_info", "eduplan_assessment_criterion_value", "eduplan_assessment_criterion_met",
        "eduplan_assessment_criterion_threshold", "eduplan_assessment_criterion_data_complete",
        "eduplan_assessment_institution_info",
    ]

    /// Two compulsory criteria (equipment per school, the 差异系数) and two preschool ones, 2025 only.
    static func snapshot(equipmentComplete: Double = 1, weightedCV: Double = 0.27) -> SeriesSnapshot {
        var b = SnapshotBuilder(externalLabels: ["district": "330206"])
        for f in families + ["eduplan_kindergarten_enrolment_public_ratio"] { b.declare(MetricFamily(name: f, help: "t")) }
        for (y, v) in [(2022, 0.67), (2023, 0.68), (2024, 0.70), (2025, 0.71)] {
            b.add([Sample("eduplan_kindergarten_enrolment_public_ratio", ["year": String(y)], v)])
        }
        let cqb = "compulsory_quality_balanced", pui = "preschool_universal_inclusive"
        func info(_ a: String, _ an: String, _ c: String, _ name: String, _ m: String, _ op: String, _ unit: String, _ n: Int) -> Sample {
            Sample(
                "eduplan_assessment_criterion_info",
                [
                    "assessment": a, "assessment_name": an, "criterion": c, "name": name, "measure": m,
                    "op": op, "confidence": "two_sources", "n": String(n), "unit": unit,
                ], 1)
        }
        b.add([
            info(cqb, "义务教育优质均衡发展县", "equipment_value", "生均教学仪器设备值（元）", "school_resource", "ge", "元", 1),
            info(cqb, "义务教育优质均衡发展县", "resource_variation", "资源配置指标校际差异系数", "resource_variation", "le", "coefficient", 2),
            info(pui, "学前教育普及普惠县", "gross_enrolment_3yr", "学前三年毛入园率", "preschool_gross_enrolment", "ge", "ratio", 3),
            info(pui, "学前教育普及普惠县", "child_teacher_ratio", "全县幼儿园专任教师与幼儿比", "child_teacher_ratio", "le", "children_per_teacher", 4),
        ])
        let eq: Labels = ["assessment": cqb, "criterion": "equipment_value", "level": "primary", "year": "2025"]
        b.add([
            Sample("eduplan_assessment_criterion_data_complete", eq, equipmentComplete),
            Sample("eduplan_assessment_criterion_threshold", eq.setting("op", "ge"), 1),
        ])
        if equipmentComplete == 1 {
            b.add([Sample("eduplan_assessment_criterion_value", eq, 1.0 / 3), Sample("eduplan_assessment_criterion_met", eq, 0)])
        }
        // three schools: one at standard, one at 80% (1,600 元), one at 90% (1,800 元)
        for (id, name, v) in [("2133010001", "北仑区甲小学", 2100.0), ("2133010002", "北仑区乙小学", 1600), ("2133010003", "北仑区丙小学", 1800)] {
            let l = eq.setting("school_id", id)
            b.add([
                Sample("eduplan_assessment_criterion_value", l, v), Sample("eduplan_assessment_criterion_met", l, v >= 2000 ? 1 : 0),
                Sample("eduplan_assessment_criterion_threshold", l.setting("op", "ge"), 2000),
                Sample("eduplan_assessment_institution_info", ["school_id": id, "name": name, "year": "2025"], 1),
            ])
        }
        for w in ["weighted", "unweighted"] {
            let l: Labels = [
                "assessment": cqb, "criterion": "resource_variation", "level": "primary", "resource": "equipment_value",
                "weighting": w, "year": "2025",
            ]
            b.add([
                Sample("eduplan_assessment_criterion_data_complete", l, 1),
                Sample("eduplan_assessment_criterion_value", l, w == "weighted" ? weightedCV : 0.281),
                Sample("eduplan_assessment_criterion_met", l, w == "weighted" && weightedCV > 0.5 ? 0 : 1),
                Sample("eduplan_assessment_criterion_threshold", l.setting("op", "le"), 0.5),
            ])
        }
        let ge: Labels = ["assessment": pui, "criterion": "gross_enrolment_3yr", "level": "kindergarten", "year": "2025"]
        b.add([
            Sample("eduplan_assessment_criterion_data_complete", ge, 1), Sample("eduplan_assessment_criterion_value", ge, 0.992),
            Sample("eduplan_assessment_criterion_met", ge, 1), Sample("eduplan_assessment_criterion_threshold", ge.setting("op", "ge"), 0.85),
        ])
        // child_teacher_ratio: no series at all → 无数据
        return b.build()
    }

    static func home(_ snapshot: SeriesSnapshot) throws -> String {
        OfficePages.home(OfficeInput(snapshot: snapshot, plan: try OfficePagesTests.plan(), now: 0))
    }

    /// W1: a 差异系数 just above its standard (未达标) must not read as the standard itself.
    @Test func coefficientJustAboveTheStandardShowsTheDifference() throws {
        let html = try Self.home(Self.snapshot(weightedCV: 0.500000132))
        #expect(html.contains("0.5000001（按在校生数加权）；0.281（不加权）"))
        #expect(!html.contains("0.500（按在校生数加权）"))
    }

    @Test func eachAssessmentShowsValueStandardAndStatusInWords() throws {
        let html = try Self.home(Self.snapshot())
        #expect(html.contains("四、国家县域评估量化指标"))
        #expect(html.contains("（一）国家义务教育优质均衡发展县（2025年数据）"))
        #expect(html.contains("（二）国家学前教育普及普惠县（2025年数据）"))
        #expect(
            html.contains(
                "<td class=\"value\">达标占比33.3%（3所中1所达标）</td><td class=\"standard\">每所学校不低于2,000元（全部学校达到）</td><td><span class=\"st st-missed\">✗ 未达标</span>"))
        #expect(html.contains("差异系数：生均教学仪器设备值（元）"))
        #expect(html.contains("0.270（按在校生数加权）；0.281（不加权）"), "one precision in one cell")
        #expect(html.contains("不高于0.500"), "coefficients with a fixed 3 decimals")
        #expect(html.contains("<td class=\"value\">99.2%</td><td class=\"standard\">不低于85%</td><td><span class=\"st st-met\">✓ 达标</span>"))
        #expect(html.contains("data-criterion=\"child_teacher_ratio\" data-status=\"无数据\""))
        #expect(html.contains("2025年，2项量化指标中，达标1项、未达标1项"))
        #expect(html.contains("2025年，2项量化指标中，达标1项、无数据1项"), "no zero counts")
        #expect(!html.contains("未达标0项"))
        #expect(!html.contains("eduplan_"))
    }

    @Test func institutionsBelowStandardWorstFirstWithTheShortfall() throws {
        let html = try Self.home(Self.snapshot())
        #expect(html.contains("2025年有2所学校未达到按校（园）考核的标准"))
        let worst = try #require(html.range(of: "北仑区乙小学"))
        let next = try #require(html.range(of: "北仑区丙小学"))
        #expect(worst.lowerBound < next.lowerBound, "the school at 80% of its standard comes before the one at 90%")
        #expect(html.contains("生均教学仪器设备值（元）：1,600元，标准不低于2,000元，差400元（为标准的20%）"))
        #expect(html.contains("生均教学仪器设备值（元）：1,800元，标准不低于2,000元，差200元（为标准的10%）"))
        #expect(!html.contains("北仑区甲小学"), "a school at standard is not listed")
    }

    @Test func incompleteInputsAreSaidSoWithoutAValue() throws {
        let html = try Self.home(Self.snapshot(equipmentComplete: 0))
        #expect(html.contains("data-criterion=\"equipment_value\" data-status=\"数据不完整\""))
        #expect(html.contains("<td class=\"value\">—</td>"))
        #expect(html.contains("数据不完整1项"))
    }

    @Test func theReportHasTheSectionForItsYear() throws {
        let input = OfficeInput(snapshot: Self.snapshot(), plan: try OfficePagesTests.plan(), now: 0)
        let r = OfficePages.report(input, year: 2025)
        #expect(r.contains("五、国家县域评估量化指标情况"))
        #expect(r.contains("六、《方案》文本不一致之处及处理"))
        #expect(r.contains("北仑区乙小学"))
        // a year without assessment data: 无数据 for every criterion, not the latest year's figures
        let r24 = OfficePages.report(input, year: 2024)
        #expect(r24.contains("2024年尚无该评估的量化指标数据"))
        #expect(!r24.contains("北仑区乙小学"))
        // without the assessment module's series, no section and the old numbering
        let plain = OfficePages.report(OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: try OfficePagesTests.plan(), now: 0), year: 2025)
        #expect(!plain.contains("国家县域评估量化指标情况"))
        #expect(plain.contains("五、《方案》文本不一致之处及处理"))
    }

    /// The shipped data: the section names failing schools that the series say fail, with their standard.
    @Test func shippedDataOnTheHomePage() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        let html = OfficePages.home(OfficeInput(snapshot: e.snapshot, plan: try OfficePagesTests.plan(), now: 0))
        let failing = e.snapshot.series("eduplan_assessment_criterion_met", matching: ["criterion": "school_resource_rule", "year": "2025"])
            .filter { $0.labels["school_id"] != nil && $0.value == 0 }
        #expect(!failing.isEmpty)
        for f in failing {
            let name = try #require(
                e.snapshot.series("eduplan_assessment_institution_info", matching: ["school_id": f.labels["school_id"]!, "year": "2025"]).first?.labels["name"])
            #expect(html.contains("data-school-id=\"\(f.labels["school_id"]!)\"><td class=\"num\">"), "\(name)")
            #expect(html.contains(name))
        }
        #expect(html.contains("学前三年毛入园率"))
        #expect(html.contains("不低于85%"))
        #expect(html.contains("每所学校不低于2,000元"))
    }
}
