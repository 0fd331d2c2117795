import Foundation
import Testing
import YouxiangAlerting
import YouxiangCore
import YouxiangModules

@testable import YouxiangRuntime

/// `EduplanAssessmentCriterionLost` reaches the office and the operators with the daemon's own receivers, as
/// `plugins/assessment/README.md` documents (Alertmanager's routing is checked with amtool in `Tests/e2e/deploy.sh`).
@Suite struct AssessmentRoutingTests {
    /// The first ```yaml block after “## The alert and where it goes” in the module's README.
    static func documentedRouting() throws -> String {
        let readme = try String(contentsOfFile: TestPaths.repo("plugins/assessment/README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## The alert and where it goes"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func theLostAlertReachesTheOfficeAndTheOperators() throws {
        var yaml = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
        // the shipped receivers and route replaced by the documented ones
        let start = try #require(yaml.range(of: "\nreceivers:"))
        let end = try #require(yaml.range(of: "\ncollectors:"))
        yaml.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\n" + (try Self.documentedRouting()))
        let pipeline = try Pipeline.load(path: try TestPaths.temporaryFile(yaml), modules: allModules).get()
        let route = try #require(pipeline.route)
        let rule = try #require(pipeline.rules.first { $0.name == "EduplanAssessmentCriterionLost" })
        var lost: Labels = [
            "alertname": "EduplanAssessmentCriterionLost", "criterion": "school_resource_rule", "level": "primary",
            "school_id": "2133010437", "year": "2025",
        ]
        // the rule's labels as an alert of it carries them (static templates: severity, audience, responsible_units)
        guard case .threshold(let t) = rule.kind else { Issue.record("not a threshold rule"); return }
        for (k, tpl) in t.labelTemplates {
            lost = lost.setting(k, tpl.render(value: 1, labels: [:], externalLabels: [:], externalURL: ""))
        }
        #expect(lost["audience"] == "office")
        #expect(route.match(lost).map(\.receiver) == ["operators", "office"])
        let missed: Labels = ["alertname": "EduplanTargetMissed", "audience": "office", "indicator": "kindergarten_enrolment_public"]
        #expect(route.match(missed).map(\.receiver) == ["office"])
        #expect(route.match(["alertname": "EduplanIndicatorDataIncomplete", "audience": "operators"]).map(\.receiver) == ["operators"])
    }
}
