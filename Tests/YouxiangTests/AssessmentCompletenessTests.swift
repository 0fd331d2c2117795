import Foundation
import Testing
import YouxiangCore

@testable import YouxiangRuntime

/// Issue 16's must-show on the shipped data (every criterion, 2022–2025, a value and a verdict), and the agreement of
/// the enrolment and assessment modules on a school whose resource is marked missing (`—`): both withhold that
/// resource's 差异系数 — never a coefficient over the other schools.
@Suite struct AssessmentCompletenessTests {
    /// The district verdicts of the shipped criteria: (criterion, level, resource?, weighting?).
    static func districtKeys(_ e: Exposition, year: Int) -> [Labels] {
        e.snapshot.series("eduplan_assessment_criterion_data_complete", matching: ["year": String(year)]).map(\.labels)
    }

    @Test func shippedDataServeEveryCriterionEveryYearWithValueAndVerdict() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        let criteria = Set(e.snapshot.series("eduplan_assessment_criterion_info").compactMap { $0.labels["criterion"] })
        #expect(criteria.count == 18, "\(criteria.sorted())")
        for year in 2022...2025 {
            let keys = Self.districtKeys(e, year: year)
            #expect(Set(keys.compactMap { $0["criterion"] }) == criteria, "\(year)")
            // 7 resources × 2 levels, the rule × 2, CV 7 × 2 × 2, size, class × 2, migrants, retention, preschool 5
            let want = 54  // 14 + 2 + 28 + 1 + 2 + 1 + 1 + 5
            #expect(keys.count == want, "\(year): \(keys.count)")
            for l in keys {
                #expect(e.snapshot.value("eduplan_assessment_criterion_data_complete", l) == 1, "\(l)")
                #expect(e.snapshot.value("eduplan_assessment_criterion_value", l) != nil, "no value: \(l)")
                #expect(e.snapshot.value("eduplan_assessment_criterion_met", l) != nil, "no met: \(l)")
            }
        }
        for level in ["primary", "junior"] {
            for year in 2022...2025 {
                let l: Labels = ["district": "330206", "level": level, "resource": "composite", "year": String(year)]
                #expect(e.snapshot.value("eduplan_interschool_variation_coefficient", l) != nil, "\(level) \(year)")
                #expect(
                    e.snapshot.value(
                        "eduplan_indicator_data_complete",
                        ["district": "330206", "indicator": "interschool_variation_\(level)", "year": String(year)]) == 1)
            }
        }
    }

    /// The shipped configuration with 2025's compulsory export replaced by a copy in which one primary and one junior
    /// school's 网络多媒体教室数 is `—`.
    @Test func aMissingSchoolValueWithholdsThatCoefficientInBothModules() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-missing-" + UUID().uuidString
        let fixture = TestPaths.fixture("compulsory_missing_resource.csv")
        let source = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/enrolment/data/compulsory_2025.csv", with: fixture)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
        let e = try await PipelineTests.collect(try TestPaths.temporaryFile(source, in: dir))
        let d: Labels = ["district": "330206"]
        for level in ["primary", "junior"] {
            let y25 = d.setting("level", level).setting("year", "2025")
            // enrolment: no multimedia CV, no composite, the plan indicator incomplete with the school named; the
            // other six resources and 2024 unaffected
            #expect(e.snapshot.value("eduplan_interschool_variation_coefficient", y25.setting("resource", "multimedia_rooms")) == nil)
            #expect(e.snapshot.value("eduplan_interschool_variation_pupils", y25.setting("resource", "multimedia_rooms")) == nil)
            #expect(e.snapshot.value("eduplan_interschool_variation_coefficient", y25.setting("resource", "composite")) == nil)
            #expect(e.snapshot.value("eduplan_interschool_variation_coefficient", y25.setting("resource", "equipment_value")) != nil)
            #expect(
                e.snapshot.value(
                    "eduplan_interschool_variation_coefficient",
                    d.setting("level", level).setting("year", "2024").setting("resource", "composite")) != nil)
            let ind = "interschool_variation_\(level)"
            #expect(e.snapshot.value("eduplan_indicator_data_complete", d.setting("indicator", ind).setting("year", "2025")) == 0)
            #expect(e.snapshot.value("eduplan_indicator_data_complete", d.setting("indicator", ind).setting("year", "2024")) == 1)
            let reasons = e.completeness.first { $0.indicator == ind && $0.year == 2025 }?.reasonsZh ?? []
            #expect(reasons.contains { $0.contains("网络多媒体教室数缺失") && $0.contains(level == "primary" ? "3133041458" : "3133010007") }, "\(reasons)")
            // assessment: the same coefficient incomplete (both weightings), no value, no verdict; equipment measured
            for w in ["weighted", "unweighted"] {
                let cv = y25.setting("assessment", "compulsory_quality_balanced").setting("criterion", "resource_variation").setting("weighting", w)
                let mm = cv.setting("resource", "multimedia_rooms")
                #expect(e.snapshot.value("eduplan_assessment_criterion_data_complete", mm) == 0)
                #expect(e.snapshot.value("eduplan_assessment_criterion_value", mm) == nil)
                #expect(e.snapshot.value("eduplan_assessment_criterion_met", mm) == nil)
                #expect(e.snapshot.value("eduplan_assessment_criterion_value", cv.setting("resource", "equipment_value")) != nil)
            }
        }
        // Other enrolment indicators of 2025 stay complete: the problem is the coefficient's alone.
        #expect(e.snapshot.value("eduplan_indicator_data_complete", d.setting("indicator", "migrant_children_public_school").setting("year", "2025")) == 1)
    }
}
