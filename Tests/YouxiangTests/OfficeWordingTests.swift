import Foundation
import Testing
import YouxiangCore
import YouxiangPlan
import YouxiangTestSupport

@testable import YouxiangWeb

/// The reviewer's wording findings on the office's pages: one name per resource (W2), no projection method on an
/// assessment indicator and the plan's clauses joined with “，” (W3).
@Suite struct OfficeWordingTests {
    /// W2: the indicator pages' fallback names are the criteria file's (the assessment method's wording).
    @Test func resourceNamesAreTheCriteriaFiles() throws {
        let text = try String(contentsOfFile: TestPaths.repo("plugins/plan/assessment_criteria.yml"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { String($0) }
        for r in VariationResources.names {
            let at = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- id: \(r.id)" }, "\(r.id)")
            let nameLine = try #require(lines[at...].first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("name:") })
            let name = nameLine.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
            #expect(r.name == name, "\(r.id)")
        }
    }

    /// W2: the page takes the name the assessment collector publishes, so both sections read alike.
    @Test func resourceNameComesFromTheCriterionInfo() {
        var b = SnapshotBuilder(externalLabels: ["district": "330206"])
        b.declare(MetricFamily(name: "eduplan_assessment_criterion_info", help: "t"))
        b.add([
            Sample(
                "eduplan_assessment_criterion_info",
                ["assessment": "compulsory_quality_balanced", "criterion": "backbone_teachers", "measure": "school_resource", "name": "骨干（测试）"],
                1)
        ])
        let snap = b.build()
        #expect(ResourceNames.name(snap, "backbone_teachers") == "骨干（测试）")
        #expect(ResourceNames.name(snap, "pe_art_teachers") == "每百名学生拥有体育、艺术（美术、音乐）专任教师数")
    }

    /// W3: an assessment (pass/fail) indicator has no projection, so its page does not describe the method.
    @Test func assessmentIndicatorPageHasNoLeastSquaresSentence() throws {
        let plan = try OfficePagesTests.plan()
        let input = OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: plan, now: 0)
        let html = try #require(OfficePages.indicator(input, id: "preschool_county_assessment"))
        #expect(html.contains("评估类指标，不作趋势预测"))
        #expect(!html.contains("最小二乘"))
        #expect(html.contains("2022年已通过省级评估，预计2025年底通过国家级评估"))
        let ratio = try #require(OfficePages.indicator(input, id: "kindergarten_enrolment_public"))
        #expect(ratio.contains("按各年实际值的最小二乘直线外推"))
    }

    /// W1: on /indicator/interschool_variation_junior a value just above 0.25 (未达标) never reads “0.25”, in the headline
    /// and in the resource rows; the others with a fixed 3 decimals.
    @Test func variationJustAboveThePlanLimitShowsTheDifference() throws {
        let plan = try OfficePagesTests.plan()
        let cv = "eduplan_interschool_variation_coefficient"
        var extra: [Sample] = []
        for r in VariationResources.names {
            extra.append(Sample(cv, ["level": "junior", "resource": r.id, "year": "2025"], r.id == "equipment_value" ? 0.250000132 : 0.2))
        }
        extra.append(Sample(cv, ["level": "junior", "resource": "composite", "year": "2025"], 0.250000132))
        let input = OfficeInput(snapshot: OfficePagesTests.snapshot(extra: extra), plan: plan, now: 0)
        let html = try #require(OfficePages.indicator(input, id: "interschool_variation_junior"))
        #expect(html.contains("0.2500001"))
        #expect(html.contains("0.200"))
        #expect(html.contains("<td class=\"num\">0.2500001</td>"))
        #expect(!html.contains("<td class=\"num\">0.250</td>") && !html.contains("<td class=\"num\">0.25</td>"), "no value cell reads as the limit")
        #expect(html.contains("每百名学生拥有县级及以上骨干教师数"))
    }
}
