import Foundation
import Logging
import Testing
import YouxiangAlerting
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangPlan
import YouxiangRuntime

/// Issue 8: numbers are exact, rejected rows and failed sources never become numbers, and an incomplete
/// indicator-year publishes nothing, is served as `eduplan_indicator_data_complete` 0 and holds its target rules.
@Suite struct CompletenessTests {
    // MARK: numbers

    @Test func cellNumbersRoundTripAndOutOfRangeIsRejected() throws {
        #expect(try CellParser.number("12345678901234567") == 12345678901234568)
        #expect(try CellParser.number("1e308") == 1e308)
        #expect(try CellParser.number("0.000") == 0)
        #expect(try CellParser.number("0e-500") == 0)
        for (text, words) in [
            ("1e309", "too large"), ("-1e309", "too large"), ("1e-400", "too small"), ("1e-310", "too small"),
            ("NaN", "not a number"), ("Inf", "not a number"), ("-inf", "not a number"),
        ] {
            #expect {
                _ = try CellParser.number(text)
            } throws: { e in (e as? CellParseError)?.message.contains(words) == true }
        }
    }

    @Test func columnMinAndMaxRejectTheRow() throws {
        let path = try TestPaths.temporaryFile("id,n\n1,-1\n2,5\n3,101\n", name: "t.csv")
        let spec = TableSpec(columns: ["id": ColumnSpec(header: "id"), "n": ColumnSpec(header: "n", min: 0, max: 100)])
        let rows = try TableReader.read(path: path, spec: spec).rows
        #expect(throws: IngestDiagnostic.self) { _ = try rows[0].number("n") }
        #expect(try rows[1].number("n") == 5)
        do { _ = try rows[2].number("n"); Issue.record("101 accepted") } catch { #expect(error.message.contains("above the column's max 100")) }
    }

    /// A table `sum`: a big integer is served as its nearest double; a rejected row adds nothing (not even a 0
    /// sample) and its year publishes nothing.
    @Test func tableSumIsExactAndARejectedRowContributesNothing() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-exact-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("学校标识码,金额\n2133010001,12345678901234567\n2133010002,0\n", name: "a.csv", in: dir)
        _ = try TestPaths.temporaryFile("学校标识码,金额\n2133010001,5x\n", name: "b.csv", in: dir)
        _ = try TestPaths.temporaryFile("学校标识码,金额\n2133010001,-3\n2133010002,4\n", name: "c.csv", in: dir)
        let config = try TestPaths.temporaryFile(
            """
            collectors:
              - name: exact
                module: table
                source:
                  columns: {school_id: 学校标识码, amount: {header: 金额, min: 0}}
                  files: [{path: a.csv, year: 2022}, {path: b.csv, year: 2023}, {path: c.csv, year: 2024}]
                metrics:
                  - {name: test_amount_sum, help: a sum, aggregate: sum, value: amount}
                  - {name: test_rows, help: a count, aggregate: count}
            """, in: dir)
        let e = try await PipelineTests.collect(config)
        #expect(e.snapshot.value("test_amount_sum", ["year": "2022"]) == 12345678901234568)
        #expect(String(buffer: e.text).contains("test_amount_sum{year=\"2022\"} 1.2345678901234568e+16"))
        #expect(e.snapshot.value("test_amount_sum", ["year": "2023"]) == nil)
        #expect(e.snapshot.value("test_rows", ["year": "2023"]) == nil)
        #expect(e.snapshot.value("test_amount_sum", ["year": "2024"]) == nil, "a negative cell below min: 0 is rejected")
        #expect(e.statuses[0].rowsRejected == 2)
        #expect(e.statuses[0].problems.compactMap(\.year).sorted() == [2023, 2024])
    }

    // MARK: completeness

    /// `expect_institutions: previous_year`: a school of 2022's list missing from 2023's file makes 2023 incomplete
    /// (nothing published for it), not 2022.
    @Test func aSchoolMissingFromTheNextYearMakesThatYearIncomplete() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-registry-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("学校标识码,参加\n2133010001,是\n2133010002,否\n", name: "a.csv", in: dir)
        _ = try TestPaths.temporaryFile("学校标识码,参加\n2133010001,是\n", name: "b.csv", in: dir)
        let config = try TestPaths.temporaryFile(
            """
            collectors:
              - name: community
                module: table
                source:
                  expect_institutions: previous_year
                  columns: {school_id: 学校标识码, joined: 参加}
                  files: [{path: a.csv, year: 2022}, {path: b.csv, year: 2023}]
                metrics:
                  - {name: test_joined_ratio, help: a share, aggregate: share, value: joined}
            """, in: dir)
        let e = try await PipelineTests.collect(config)
        #expect(e.snapshot.value("test_joined_ratio", ["year": "2022"]) == 0.5)
        #expect(e.snapshot.value("test_joined_ratio", ["year": "2023"]) == nil, "1 of 1 would be a partial ratio")
        let problem = try #require(e.statuses[0].problems.first)
        #expect(problem.year == 2023 && problem.reasonZh.contains("2133010002"))
    }

    static func plan() throws -> PlanTargets { try PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get() }

    @Test func completenessFollowsTheProblemsOfTheFeedingCollectors() throws {
        let plan = try Self.plan()
        let failed = DataProblem(families: ["eduplan_industry_education_projects"], year: nil, reasonZh: "文件缺失", reason: "missing")
        let rejected = DataProblem(families: ["eduplan_vocational_entrants_long_programme_ratio"], year: 2024, reasonZh: "1行被拒收", reason: "1 row")
        let all = Completeness.evaluate(
            plan: plan,
            collectors: [
                CollectorCoverage(
                    labels: Labels(),
                    families: [
                        "eduplan_industry_education_projects", "eduplan_vocational_entrants_long_programme_ratio",
                        "eduplan_vocational_training_person_times",
                    ], problems: [failed, rejected])
            ], years: [2022, 2023, 2024, 2025])
        func entry(_ id: String, _ y: Int) -> IndicatorCompleteness? { all.first { $0.indicator == id && $0.year == y } }
        #expect(all.count == plan.indicators.count * 4)
        #expect([2022, 2023, 2024, 2025].allSatisfy { entry("industry_education_projects", $0)?.complete == false })
        #expect(entry("industry_education_projects", 2023)?.reasonsZh == ["文件缺失"])
        #expect(entry("vocational_entrants_long_programme", 2024)?.complete == false)
        #expect(entry("vocational_entrants_long_programme", 2025)?.complete == true)
        #expect(entry("vocational_training", 2024)?.complete == true)
        let none = try #require(entry("kindergarten_enrolment_public", 2022))
        #expect(!none.complete && !none.configured && none.reasonsZh[0].contains("未配置"))
    }

    /// Deleting the 产教融合 registry: no sample of it (no 0), completeness 0 for every year, no meets_target.
    @Test func aFailedRegistryPublishesNoZeros() async throws {
        let dir = NSTemporaryDirectory() + "youxiang-gone-" + UUID().uuidString
        _ = try TestPaths.temporaryFile("", name: "keep", in: dir + "/data")
        let source = try String(contentsOfFile: TestPaths.repo("deploy/youxiang.yml"), encoding: .utf8)
            .replacingOccurrences(of: "../plugins/", with: TestPaths.repo("plugins") + "/")
            .replacingOccurrences(of: TestPaths.repo("plugins") + "/vocational_progression/data/industry_projects.csv", with: dir + "/data/gone.csv")
        let e = try await PipelineTests.collect(try TestPaths.temporaryFile(source, in: dir))
        #expect(e.snapshot.series("eduplan_industry_education_projects").isEmpty)
        #expect(e.snapshot.series("eduplan_indicator_meets_target", matching: ["indicator": "industry_education_projects"]).isEmpty)
        for y in 2022...2025 {
            #expect(
                e.snapshot.value("eduplan_indicator_data_complete", ["district": "330206", "indicator": "industry_education_projects", "year": String(y)]) == 0)
            #expect(e.snapshot.value("eduplan_indicator_data_complete", ["district": "330206", "indicator": "vocational_training", "year": String(y)]) == 1)
        }
        #expect(!e.snapshot.series("eduplan_vocational_training_person_times").isEmpty)
        let reasons = e.completeness.first { $0.indicator == "industry_education_projects" }?.reasonsZh ?? []
        #expect(reasons.contains { $0.contains("gone.csv") })
    }

    /// Every one of the plan's indicators has a value for 2022–2025 from the shipped data, and it is complete.
    @Test func shippedDataCoversEveryIndicatorFrom2022To2025() async throws {
        let e = try await PipelineTests.collect(TestPaths.repo("deploy/youxiang.yml"))
        let plan = try Self.plan()
        #expect(plan.indicators.count == 36)
        for ind in plan.indicators {
            for y in 2022...2025 {
                let values = e.snapshot.series(ind.metric, matching: ind.match.setting("year", String(y)))
                #expect(values.count == 1, "\(ind.id) \(y): \(values.count) values")
                #expect(
                    e.snapshot.value("eduplan_indicator_data_complete", ["district": "330206", "indicator": ind.id, "year": String(y)]) == 1,
                    "\(ind.id) \(y) incomplete: \(e.completeness.filter { $0.indicator == ind.id && !$0.complete }.map(\.reasons))")
            }
        }
    }

    // MARK: rules

    static func rule(_ id: String, _ plan: PlanTargets) throws -> AlertRule {
        try #require(AlertingSettings().rules(plan: plan).first { $0.id == id })
    }

    /// A firing target alert whose year becomes incomplete neither resolves (even past stale_limit) nor re-fires;
    /// a pending one does not fire; meanwhile the data-quality alert fires for operators.
    @Test func incompleteYearsHoldTargetRules() throws {
        let plan = try Self.plan()
        let ind = try #require(plan.indicators.first { $0.id == "kindergarten_enrolment_public" })
        var engine = RuleEngine(rules: [try Self.rule("plan-targets/\(ind.id)", plan), try Self.rule("plan-data-quality/\(ind.id)", plan)])
        func ctx(_ value: Double?, complete: Bool, at now: Double) -> EvaluationContext {
            var b = SnapshotBuilder()
            b.declare(MetricFamily(name: ind.metric, help: "x"))
            if let value { b.add([Sample(ind.metric, ["year": "2025"], value)]) }
            let c = IndicatorCompleteness(
                indicator: ind.id, year: 2025, labels: Labels(), complete: complete,
                reasonsZh: complete ? [] : ["文件kg_2025.csv读取失败"], reasons: complete ? [] : ["failed"])
            return EvaluationContext(
                snapshot: b.build(), plan: plan, prefer: [:], declaredFamilies: [ind.metric], collectors: [], now: UnixTime(seconds: now),
                externalLabels: [:], externalURL: "", completeness: [c])
        }
        _ = engine.evaluate(ctx(0.71, complete: true, at: 0))
        #expect(engine.alerts.contains { $0.alert.labels["alertname"] == "EduplanTargetMissed" && $0.alert.state == .firing })
        // incomplete, the stale value still served: held; then no value at all for longer than stale_limit: held
        let t1 = engine.evaluate(ctx(0.71, complete: false, at: 10))
        #expect(!t1.contains { if case .resolved = $0.transition { return true } else { return false } })
        let t2 = engine.evaluate(ctx(nil, complete: false, at: 200_000))
        #expect(!t2.contains { if case .resolved = $0.transition { return true } else { return false } })
        let missed = try #require(engine.alerts.first { $0.alert.labels["alertname"] == "EduplanTargetMissed" })
        #expect(missed.alert.state == .firing && !missed.alert.stale && missed.alert.labels["audience"] == "office")
        let dq = try #require(engine.alerts.first { $0.alert.labels["alertname"] == "EduplanIndicatorDataIncomplete" })
        #expect(dq.alert.state == .firing && dq.alert.labels["audience"] == "operators" && dq.alert.labels["year"] == "2025")
        #expect(dq.alert.annotations["description"]?.contains("kg_2025.csv") == true)
        #expect(dq.alert.annotations["summary"]?.contains("，") == true)
        // complete again and meeting the target: both alerts resolve (keep_firing_for counts from when it last held)
        let t3 = engine.evaluate(ctx(0.75, complete: true, at: 200_010))
        let resolved = Set(t3.compactMap { t -> String? in if case .resolved(let a) = t.transition { return a.labels["alertname"] } else { return nil } })
        #expect(resolved == ["EduplanTargetMissed", "EduplanIndicatorDataIncomplete"])
    }

    @Test func heldPendingAlertDoesNotFire() {
        var m = AlertStateMachine(options: .init(forDuration: .seconds(60)))
        let l: Labels = ["alertname": "X"]
        _ = m.evaluate([l: .active(value: 1, annotations: [:])], at: 0)
        #expect(m.evaluate([l: .held], at: 120).isEmpty)
        #expect(m.active.first?.state == .pending)
        #expect(m.evaluate([["alertname": "Y"]: .held], at: 130).isEmpty)
        #expect(m.alerts.count == 1)
    }

    /// An indicator no collector is configured for raises the missing-data alert once its year has closed.
    @Test func missingDataFiresWithoutAnyCollector() throws {
        let plan = try Self.plan()
        let rule = try Self.rule("plan-data/quota_allocation_balanced", plan)
        let ctx = EvaluationContext(
            snapshot: SeriesSnapshot(), plan: plan, prefer: [:], declaredFamilies: [], collectors: [],
            now: PlanCalendar.unixTime(year: 2026, month: 1, day: 2), externalLabels: ["district": "330206"], externalURL: "")
        let obs = RuleEvaluator.observe(rule, ctx)
        let active = obs.filter { if case .active = $0.value { return true } else { return false } }.keys.compactMap { $0["year"] }.sorted()
        #expect(active == ["2023", "2024", "2025"])
    }
}
