import Foundation
import Testing
import YouxiangCore

@testable import YouxiangPlan

@Suite struct PlanTests {
    static func plan() throws -> PlanTargets {
        try PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get()
    }

    @Test func targetsFileLoadsWithEveryTableRow() throws {
        let plan = try Self.plan()
        #expect(Set(plan.indicators.compactMap(\.row)) == Set(1...12))
        #expect(plan.indicators.count >= 30)
        #expect(plan.sections["t2"]?.unitsZh == ["区发改局", "区教育局", "区财政局", "资规分局", "区卫健局"])
    }

    /// Every transcribed wording is quoted verbatim from the plan.
    @Test func everyRawWordingIsInThePlan() throws {
        let text = try String(contentsOfFile: TestPaths.repo("plugins/plan/plan.txt"), encoding: .utf8)
        for ind in try Self.plan().indicators {
            for t in ind.targets { #expect(text.contains(t.raw), "\(ind.id) \(t.year): \(t.raw)") }
            if let b = ind.baselineRaw { #expect(text.contains(b), "\(ind.id) baseline: \(b)") }
        }
    }

    @Test func contradictionsDefaultToTheTable() throws {
        let plan = try Self.plan()
        let years = try #require(plan.indicators.first { $0.id == "expected_schooling_years" })
        #expect(years.evaluatedTarget(year: 2027, prefer: nil)?.value == 15.7)
        #expect(years.evaluatedTarget(year: 2027, prefer: "text")?.value == 15.6)
        #expect(!years.conflicts.isEmpty)
        let inclusive = try #require(plan.indicators.first { $0.row == 1 })
        #expect(inclusive.evaluatedTarget(year: 2027, prefer: nil)?.op == .gt)
        #expect(inclusive.evaluatedTarget(year: 2027, prefer: "text")?.op == .ge)
    }

    @Test func comparatorsAtTheBoundary() {
        let gt = PlanTarget(year: 2027, raw: ">95", op: .gt, value: 95, source: "table", opSource: "table")
        let ge = PlanTarget(year: 2027, raw: "95%以上", op: .ge, value: 95, source: "text", opSource: "wording")
        #expect(!gt.isMet(by: 0.95, unit: .percent))
        #expect(ge.isMet(by: 0.95, unit: .percent))
        // 9991 of 10000 graduates against 99.91%: exact after cleaning, despite binary floating point.
        let row6 = PlanTarget(year: 2023, raw: "99.91", op: .ge, value: 99.91, source: "table", opSource: "inferred")
        #expect(row6.isMet(by: 9991.0 / 10000.0, unit: .percent))
        #expect(!row6.isMet(by: 9990.0 / 10000.0, unit: .percent))
        let labs = PlanTarget(year: 2027, raw: "4-6个", op: .range, min: 4, max: 6, source: "text", opSource: "wording")
        #expect(labs.isMet(by: 4, unit: .count) && labs.isMet(by: 6, unit: .count) && !labs.isMet(by: 3, unit: .count))
    }

    @Test func unitsConvertToSeriesUnits() {
        #expect(PlanUnit.percent.toSeries(92) == 0.92)
        #expect(PlanUnit.tenThousandPersonTimes.toSeries(0.71) == 7100)
        #expect(PlanUnit.years.toSeries(15.7) == 15.7)
    }

    @Test func targetFamilyNames() {
        #expect(
            PlanIndicator.targetFamilyName(for: "eduplan_kindergarten_enrolment_inclusive_ratio") == "eduplan_kindergarten_enrolment_inclusive_target_ratio")
        #expect(PlanIndicator.targetFamilyName(for: "eduplan_industry_education_projects") == "eduplan_industry_education_projects_target")
        #expect(PlanIndicator.targetFamilyName(for: "eduplan_vocational_training_person_times") == "eduplan_vocational_training_target_person_times")
    }

    @Test func evaluationCarriesExtraLabelsAndDropsMatchers() throws {
        let plan = try Self.plan()
        let e = PlanEvaluator(plan: plan)
        let out = e.evaluate([
            Sample("eduplan_expected_schooling_years", ["year": "2023", "source": "official", "district": "330206"], 15.3),
            Sample("eduplan_expected_schooling_years", ["year": "2023", "source": "computed"], 15.0),
            Sample("eduplan_kindergarten_enrolment_public_ratio", ["year": "2025"], 0.71),
        ])
        #expect(out.contains(Sample("eduplan_indicator_meets_target", ["indicator": "expected_schooling_years", "year": "2023", "district": "330206"], 1)))
        #expect(out.contains(Sample("eduplan_indicator_meets_target", ["indicator": "kindergarten_enrolment_public", "year": "2025"], 0)))
        #expect(out.filter { $0.family == "eduplan_indicator_meets_target" }.count == 2)
        let targets = e.targetSamples()
        #expect(Set(targets.map { $0.family + $0.labels.description }).count == targets.count)
        #expect(targets.contains(Sample("eduplan_kindergarten_enrolment_public_target_ratio", ["year": "2027", "op": "ge", "target_source": "table"], 0.75)))
    }
}
