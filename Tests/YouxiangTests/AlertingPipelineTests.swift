import Foundation
import Logging
import Testing
import YouxiangAlerting
import YouxiangCore
import YouxiangModules

@testable import YouxiangNotify
@testable import YouxiangRuntime

/// The shipped configuration and data through the rules: exactly the expected alerts fire, in Chinese, naming the
/// responsible units; a restart re-pages nothing; the exported rule file covers the target rules.
@Suite struct AlertingPipelineTests {
    static func coordinator(storage: String, clock: ManualClock, externalURL: String? = nil) async throws -> (AlertingCoordinator, Engine, ScriptedTransport) {
        let pipeline = try Pipeline.load(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "t"))
        await engine.collectAll()
        let transport = ScriptedTransport([])
        let notifier = Notifier(
            outbox: try Outbox(directory: storage), transport: transport, logger: Logger(label: "t"), resendDelay: .seconds(60), clock: clock.read)
        return (
            AlertingCoordinator(
                pipeline: pipeline, engine: engine, notifier: notifier, logger: Logger(label: "t"), clock: clock.read,
                externalURL: externalURL), engine, transport
        )
    }

    static let expectedFiring: Set<String> = [
        "EduplanTargetMissed/kindergarten_enrolment_public/2025",
        "EduplanTargetMissed/vocational_graduates_higher_education/2025",
        "EduplanOffTrack/kindergarten_enrolment_public/2027",
        "EduplanOffTrack/vocational_training/2027",
        "EduplanOffTrack/higher_education_gross_enrolment/2027",
        // places added: 0 at the 2022 baseline, then the projects commissioned 2023–2025
        "EduplanOffTrack/new_places_kindergarten/2027",
        // row 5: private schools enrol eligible migrant pupils, so the share stays just below 100%
        "EduplanTargetMissed/migrant_children_public_school/2023",
        "EduplanTargetMissed/migrant_children_public_school/2024",
        "EduplanTargetMissed/migrant_children_public_school/2025",
        "EduplanOffTrack/migrant_children_public_school/2027",
        // no 学术性普通高中 accepted by 2025 (the project is 在建): a measured 0 each year
        "EduplanOffTrack/senior_high_flagship_academic_high/2027",
    ]

    /// Ids of the indicators in a targets file that list at least one target, read line by line from the YAML text
    /// (independently of YouxiangPlan's loader): `  - id: X` starts an indicator, `targets:` followed by a
    /// `- {year: …}` item gives it a target.
    static func indicatorsWithTargets(_ path: String) throws -> Set<String> {
        var out: Set<String> = []
        var current: String?
        var inTargets = false
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("informational:") { break }
            if line.hasPrefix("  - id: ") {
                current = String(line.dropFirst("  - id: ".count)).trimmingCharacters(in: .whitespaces)
                inTargets = false
            } else if line.hasPrefix("    targets:") {
                inTargets = true
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), !line.hasPrefix("    -") {
                inTargets = false
            } else if inTargets, line.trimmingCharacters(in: .whitespaces).hasPrefix("- {year:"), let c = current {
                out.insert(c)
            }
        }
        return out
    }

    static func key(_ labels: Labels) -> String {
        "\(labels["alertname"]!)/\(labels["indicator"] ?? labels["collector"] ?? "")/\(labels["year"] ?? labels["target_year"] ?? "")"
    }

    @Test func shippedDataFiresExactlyTheExpectedAlerts() async throws {
        let storage = NSTemporaryDirectory() + "youxiang-alerting-" + UUID().uuidString
        let clock = ManualClock()
        let (c, _, transport) = try await Self.coordinator(storage: storage, clock: clock)
        let transitions = await c.evaluate()
        let fired = transitions.compactMap { t -> String? in if case .fired(let a) = t.transition { return Self.key(a.labels) } else { return nil } }
        #expect(Set(fired) == Self.expectedFiring)
        #expect(fired.count == Self.expectedFiring.count)

        let json = try JSONSerialization.jsonObject(with: Data(c.view.withLock { $0.alertsJSON })) as! [String: Any]
        let alerts = (json["data"] as! [String: Any])["alerts"] as! [[String: Any]]
        let row2 = try #require(
            alerts.first {
                ($0["labels"] as! [String: String])["indicator"] == "kindergarten_enrolment_public"
                    && ($0["labels"] as! [String: String])["alertname"] == "EduplanTargetMissed"
            })
        #expect(row2["state"] as? String == "firing")
        let description = (row2["annotations"] as! [String: String])["description"]!
        #expect(description.contains("2025年公办幼儿园在园幼儿占比为71%，未达到年度目标（不低于72%）"))
        #expect(description.contains("差1个百分点"))
        #expect(description.contains("规划指标表2025年目标值：“72%”"))
        #expect(description.contains("牵头单位：区发改局；配合单位：区教育局、区财政局、资规分局、区卫健局"))
        #expect((row2["annotations"] as! [String: String])["resolved_summary"] == "2025年“公办幼儿园在园幼儿占比”已达到年度目标（不低于72%）")

        // The Alertmanager receiver gets one change notification (Alertmanager groups by itself) carrying each of the
        // fired alerts once, as firing; nothing again at the next evaluation. The send loop may already have delivered
        // it: what it carried is read from the outbox if still queued, else from the request the transport got.
        var carried: [Labels] = [], notifications = 0
        for _ in 0..<100 {
            let sent = transport.sent.withLock { $0 }.filter { $0.url.hasSuffix("/api/v2/alerts") }
            let queued = try c.notifier.outbox.head(receiver: "alertmanager")
            notifications = sent.count + (queued == nil ? 0 : 1)
            if notifications > 0 {
                carried =
                    try sent.flatMap { r in
                        try (JSONSerialization.jsonObject(with: Data(r.body)) as! [[String: Any]]).map { Labels($0["labels"] as! [String: String]) }
                    } + (queued?.notification.alerts.map(\.labels) ?? [])
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(notifications == 1)
        #expect(carried.count == Self.expectedFiring.count)
        #expect(Set(carried.map(Self.key)) == Self.expectedFiring)
        clock.advance(15)
        #expect(await c.evaluate().isEmpty)

        // Restart: a new coordinator over the same storage re-pages nothing (only the Alertmanager lease renewal).
        let (again, _, _) = try await Self.coordinator(storage: storage, clock: clock)
        clock.advance(15)
        let after = await again.evaluate()
        #expect(after.isEmpty)
        let series = again.view.withLock { $0.series }
        #expect(series.series("ALERTS", matching: ["alertstate": "firing"]).count == Self.expectedFiring.count)
    }

    @Test func exportedRulesCoverEveryTargetIndicator() throws {
        let pipeline = try Pipeline.load(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules).get()
        let text = RuleExport.prometheusRules(pipeline.rules, plan: pipeline.evaluator?.plan, prefer: [:], interval: "15s", source: "test")
        // Compared with the targets file itself (not with the rule list the exporter was given): one exported
        // EduplanTargetMissed rule per indicator of plugins/plan/targets.yml that has targets.
        let exported = text.components(separatedBy: "- alert: \"EduplanTargetMissed\"").dropFirst().compactMap { rule in
            rule.split(separator: "\n").first { $0.contains("indicator:") }.map {
                String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            }
        }
        let planned = try Self.indicatorsWithTargets(TestPaths.repo("plugins/plan/targets.yml"))
        #expect(planned.count >= 30)
        #expect(exported.count == Set(exported).count)
        #expect(
            Set(exported) == planned, "only exported: \(Set(exported).subtracting(planned).sorted()); not exported: \(planned.subtracting(exported).sorted())")
        #expect(
            text.contains(
                #"eduplan_kindergarten_enrolment_inclusive_ratio <= ignoring(op, target_source) eduplan_kindergarten_enrolment_inclusive_target_ratio{op="gt",target_source="table"}"#
            ))
        // The tolerance moves the target, so $value stays the measured value.
        #expect(
            text.contains(
                "eduplan_junior_graduates_upper_secondary_ratio < ignoring(op, target_source) (eduplan_junior_graduates_upper_secondary_target_ratio{op=\"ge\",target_source=\"table\"} - 0.0001)"
            ))
        // The daemon's label set: scrape labels and match labels dropped.
        #expect(text.contains("max without (instance, job, assessment, tier) ("))
        #expect(text.contains("max without (instance, job, source) ("))
        // Units in the wording; an assessment names the tier and shows no 0/1.
        #expect(text.contains("年“公办幼儿园在园幼儿占比”未达到年度目标（{{ $value | humanizePercentage }}）"))
        #expect(text.contains("%.0f\\\" }}人次"))
        #expect(text.contains("年应通过的学前教育普及普惠县国家级评估尚未通过"))
        #expect(!text.contains("为{{ $value }}"))
        #expect(!text.contains("「"))
    }

    /// Links only with an external URL: the shipped configuration sets none, so no annotation links to a localhost;
    /// `--web.external-url` (here the coordinator's `externalURL`) adds one, without a doubled slash.
    @Test func linksOnlyWithAnExternalURL() async throws {
        for url in [nil, "https://youxiang.example.gov.cn/"] {
            let storage = NSTemporaryDirectory() + "youxiang-alerting-" + UUID().uuidString
            let (c, _, _) = try await Self.coordinator(storage: storage, clock: ManualClock(), externalURL: url)
            await c.evaluate()
            let json = try JSONSerialization.jsonObject(with: Data(c.view.withLock { $0.alertsJSON })) as! [String: Any]
            let alerts = (json["data"] as! [String: Any])["alerts"] as! [[String: Any]]
            #expect(!alerts.isEmpty)
            for a in alerts {
                let link = (a["annotations"] as! [String: String])["link"]
                #expect(link == (url == nil ? nil : "https://youxiang.example.gov.cn/"))
            }
        }
    }

    /// The shipped configuration hands the alert rules' tolerance to the plan evaluator (meets_target), and
    /// `alerting.data_as_of` becomes the 数据截至 date of the messages.
    @Test func toleranceAndDataAsOfReachTheirUsers() async throws {
        let shipped = try Pipeline.load(path: TestPaths.repo("deploy/youxiang.yml"), modules: allModules).get()
        #expect(shipped.evaluator?.tolerance["junior_graduates_upper_secondary"] == 0.01)
        #expect(shipped.alerting.dataAsOf == nil)
        let text = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins/"))
            .replacingOccurrences(of: "  evaluation_interval: 15s\n", with: "  evaluation_interval: 15s\n  data_as_of: \"2025-12-31\"\n")
        let p = try Pipeline.load(path: try TestPaths.temporaryFile(text), modules: allModules).get()
        #expect(p.alerting.dataAsOf == PlanCalendar.unixTime(year: 2025, month: 12, day: 31))
        let bad = text.replacingOccurrences(of: "data_as_of: \"2025-12-31\"", with: "data_as_of: \"31.12.2025\"")
        guard case .failure(let e) = Pipeline.load(path: try TestPaths.temporaryFile(bad), modules: allModules) else {
            Issue.record("accepted a bad date"); return
        }
        #expect(e.description.contains("alerting.data_as_of") && e.description.contains("YYYY-MM-DD"))
    }
}
