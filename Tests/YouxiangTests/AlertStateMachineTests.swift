import Foundation
import Testing
import YouxiangCore
import YouxiangPlan

@testable import YouxiangAlerting

/// State-machine tables: each row is an evaluation (time, what was seen) and the transitions it must produce.
@Suite struct AlertStateMachineTests {
    static let labels: Labels = ["alertname": "EduplanTargetMissed", "indicator": "kindergarten_enrolment_public", "year": "2025"]

    enum Seen { case on(Double), off(Double), gap }

    /// Runs a table; returns the transitions per row as short strings ("pending", "fired", "resolved", "stale").
    static func run(_ options: AlertStateMachine.Options, _ rows: [(Double, Seen)], machine: inout AlertStateMachine) -> [[String]] {
        rows.map { t, seen in
            let obs: [Labels: Observation]
            switch seen {
            case .on(let v): obs = [labels: .active(value: v, annotations: ["summary": "miss"])]
            case .off(let v): obs = [labels: .inactive(value: v)]
            case .gap: obs = [:]
            }
            return machine.evaluate(obs, at: UnixTime(seconds: t)).map {
                switch $0 {
                case .pending: return "pending"
                case .fired: return "fired"
                case .resolved: return "resolved"
                case .becameStale: return "stale"
                }
            }
        }
    }

    @Test func forDelaysFiring() {
        var m = AlertStateMachine(options: .init(forDuration: .seconds(60)))
        let out = Self.run(m.options, [(0, .on(0.71)), (30, .on(0.71)), (60, .on(0.71)), (90, .on(0.71))], machine: &m)
        #expect(out == [["pending"], [], ["fired"], []])
        #expect(m.active.first?.firedAt == 60)
    }

    @Test func zeroForFiresAtOnce() {
        var m = AlertStateMachine(options: .init())
        #expect(Self.run(m.options, [(0, .on(1))], machine: &m) == [["pending", "fired"]])
    }

    @Test func pendingThatClearsIsNeverNotified() {
        var m = AlertStateMachine(options: .init(forDuration: .seconds(60)))
        let out = Self.run(m.options, [(0, .on(1)), (30, .off(2)), (60, .on(1)), (90, .off(2))], machine: &m)
        #expect(out == [["pending"], [], ["pending"], []])
        #expect(m.alerts.isEmpty)
    }

    /// A value flapping around its threshold every evaluation pages once, and resolves once it stays clear for
    /// keep_firing_for.
    @Test func flappingPagesOnce() {
        var m = AlertStateMachine(options: .init(keepFiringFor: .seconds(600)))
        var rows: [(Double, Seen)] = []
        for i in 0..<20 { rows.append((Double(i * 60), i % 2 == 0 ? .on(0.719) : .off(0.721))) }
        rows.append((1200, .off(0.73)))
        rows.append((1679, .off(0.73)))
        rows.append((1680, .off(0.73)))  // 600 s after the last time it held (1080)
        let out = Self.run(m.options, rows, machine: &m).flatMap { $0 }
        #expect(out == ["pending", "fired", "resolved"])
    }

    /// Without keep_firing_for every flip would page: the table shows why the default keeps firing for an hour.
    @Test func flappingWithoutKeepFiringForPagesEachFlip() {
        var m = AlertStateMachine(options: .init())
        let out = Self.run(m.options, [(0, .on(1)), (60, .off(2)), (120, .on(1))], machine: &m)
        #expect(out == [["pending", "fired"], ["resolved"], ["pending", "fired"]])
    }

    /// A data gap never resolves a firing alert: it is marked stale, and fires on (no new page) when data returns.
    @Test func gapKeepsFiringMarkedStale() {
        var m = AlertStateMachine(options: .init(staleLimit: .seconds(3600)))
        let out = Self.run(m.options, [(0, .on(1)), (60, .gap), (120, .gap), (180, .on(1))], machine: &m)
        #expect(out == [["pending", "fired"], ["stale"], [], []])
        #expect(m.active.first?.state == .firing && m.active.first?.stale == false)
    }

    @Test func gapPastTheStaleLimitResolves() {
        var m = AlertStateMachine(options: .init(staleLimit: .seconds(3600)))
        let out = Self.run(m.options, [(0, .on(1)), (60, .gap), (3599, .gap), (3600, .gap)], machine: &m)
        #expect(out == [["pending", "fired"], ["stale"], [], ["resolved"]])
    }

    @Test func pendingSurvivesAGapButCannotFireWithoutData() {
        var m = AlertStateMachine(options: .init(forDuration: .seconds(60)))
        let out = Self.run(m.options, [(0, .on(1)), (90, .gap), (100, .on(1))], machine: &m)
        #expect(out == [["pending"], [], ["fired"]])
        #expect(m.active.first?.activeAt == 0)
    }

    @Test func resolvedIsForgottenAfterRetentionAndCanFireAgain() {
        var m = AlertStateMachine(options: .init(resolvedRetention: .seconds(900)))
        let out = Self.run(m.options, [(0, .on(1)), (60, .off(2)), (900, .off(2)), (961, .off(2)), (1000, .on(1))], machine: &m)
        #expect(out == [["pending", "fired"], ["resolved"], [], [], ["pending", "fired"]])
    }

    /// A restart (states encoded, decoded into a new machine) neither re-pages a firing alert nor forgets a pending one.
    @Test func restartKeepsStates() throws {
        var firing = AlertStateMachine(options: .init())
        _ = Self.run(firing.options, [(0, .on(1))], machine: &firing)
        var pending = AlertStateMachine(options: .init(forDuration: .seconds(600)))
        _ = Self.run(pending.options, [(0, .on(1))], machine: &pending)
        let saved = try JSONEncoder().encode([Array(firing.alerts.values), Array(pending.alerts.values)])
        let restored = try JSONDecoder().decode([[AlertInstance]].self, from: saved)
        var f2 = AlertStateMachine(options: firing.options)
        f2.restore(restored[0])
        var p2 = AlertStateMachine(options: pending.options)
        p2.restore(restored[1])
        #expect(Self.run(f2.options, [(300, .on(1))], machine: &f2) == [[]])
        #expect(Self.run(p2.options, [(300, .on(1)), (600, .on(1))], machine: &p2) == [[], ["fired"]])
    }
}

@Suite struct TemplateAndMatcherTests {
    @Test func templates() throws {
        let t = try Template.parse("{{ $labels.year }}年 {{ $value | humanizePercentage }} {{ $value | printf \"%.2f\" }} {{ $externalLabels.district }}").get()
        #expect(t.render(value: 0.7123, labels: ["year": "2025"], externalLabels: ["district": "330206"], externalURL: "") == "2025年 71.23% 0.71 330206")
        if case .success = Template.parse("{{ .Value }}") { Issue.record("unsupported action accepted") }
        if case .success = Template.parse("{{ $value ") { Issue.record("unclosed action accepted") }
    }

    @Test func matchers() throws {
        let eq = try LabelMatcher.parse(#"level="primary""#).get()
        let re = try LabelMatcher.parse(#"responsible_units=~".*区卫健局.*""#).get()
        let nre = try LabelMatcher.parse(#"resource!~"comp.*""#).get()
        #expect(eq.matches(["level": "primary"]) && !eq.matches(["level": "junior"]))
        #expect(re.matches(["responsible_units": "区发改局,区卫健局"]) && !re.matches(["responsible_units": "区教育局"]))
        #expect(nre.matches(["resource": "sports_area"]) && !nre.matches(["resource": "composite"]))
        #expect((try? LabelMatcher.parse("level=primary").get()) == nil)
        #expect((try? LabelMatcher.parse(#"x=~"(""#).get()) == nil)
    }

    @Test func leastSquares() throws {
        let fit = try #require(LeastSquares.fit([(2022, 6800), (2023, 7100), (2024, 7500), (2025, 8100)]))
        #expect(abs(fit.slope - 430) < 1e-9)
        #expect(abs(fit.value(at: 2027) - 8880) < 1e-6)
    }

    @Test func planText() throws {
        let plan = try PlanLoader_load()
        let row2 = try #require(plan.indicators.first { $0.row == 2 })
        let t = try #require(row2.evaluatedTarget(year: 2025, prefer: nil))
        #expect(PlanText.value(0.71, unit: .percent) == "71%")
        #expect(PlanText.value(0.9991, unit: .percent) == "99.91%")
        #expect(PlanText.target(t, unit: .percent) == "不低于72%")
        #expect(PlanText.gap(0.71, target: t, unit: .percent) == "差1个百分点")
        #expect(PlanText.value(7100, unit: .tenThousandPersonTimes) == "7,100人次")
        #expect(PlanText.value(15.4, unit: .years) == "15.4年")
    }
}

func PlanLoader_load() throws -> PlanTargets { try PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get() }
