import Foundation
import Testing
import Yams
import YouxiangPlan
import YouxiangTestSupport

@testable import Assessment

/// One assessment, one id: the `assessment` label of the criterion series (criteria file) must equal the one the plan's
/// rows 3 and 4 match on (targets.yml), the registry map in the deploy config and the exported Prometheus rules.
@Suite struct AssessmentIdsTests {
    /// Every string value under a key `assessment` that holds a `map:` (the table registry's label map).
    static func mappedIds(_ node: Any) -> Set<String> {
        var out = Set<String>()
        if let d = node as? [String: Any] {
            for (k, v) in d {
                if k == "assessment", let m = (v as? [String: Any])?["map"] as? [String: Any] {
                    out.formUnion(m.values.compactMap { $0 as? String })
                }
                out.formUnion(mappedIds(v))
            }
        } else if let a = node as? [Any] {
            for v in a { out.formUnion(mappedIds(v)) }
        }
        return out
    }

    @Test func criteriaIdsEqualPlanRowsDeployAndRules() throws {
        let criteria = try CriteriaLoader.load(path: TestPaths.repo("plugins/plan/assessment_criteria.yml")).get()
        let criteriaIds = Set(criteria.assessments.map(\.id))
        #expect(Set(criteria.criteria.map(\.assessment)) == criteriaIds)

        let plan = try PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get()
        let planIds = Set(plan.indicators.filter { $0.row == 3 || $0.row == 4 }.compactMap { $0.match["assessment"] })
        #expect(planIds == ["preschool_universal_inclusive", "compulsory_quality_balanced"])
        #expect(criteriaIds == planIds)

        let deploy = try Yams.load(yaml: String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8))
        #expect(Self.mappedIds(deploy as Any) == planIds)

        let rules = try String(contentsOfFile: TestPaths.repo("deploy/prometheus/rules/eduplan.yml"), encoding: .utf8)
        let inRules = Set(rules.matches(of: /assessment="([a-z_]+)"/).map { String($0.output.1) })
        #expect(!inRules.isEmpty && inRules.isSubset(of: criteriaIds))
    }
}
