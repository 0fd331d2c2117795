import Foundation
import Logging
import Testing
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangModules
import YouxiangTestSupport

@testable import Assessment
@testable import YouxiangNotify
@testable import YouxiangRuntime

/// The `assessment` module on the shipped sample data, recomputed independently from the CSVs; and the must-show:
/// one school's equipment value below 85% of its standard fails the per-school rule and raises the alert, and a
/// threshold changed in the criteria file changes the verdict at the next run.
@Suite struct AssessmentTests {
    // The standards, written out here (not read from the criteria file) so the test checks the file too.
    static let standards: [String: [String: Double]] = [
        "primary": [
            "qualified_teachers": 4.2, "backbone_teachers": 1.0, "pe_art_teachers": 0.9, "teaching_area": 4.5,
            "sports_area": 7.5, "equipment_value": 2000, "multimedia_rooms": 2.3,
        ],
        "junior": [
            "qualified_teachers": 5.3, "backbone_teachers": 1.0, "pe_art_teachers": 0.9, "teaching_area": 5.8,
            "sports_area": 10.2, "equipment_value": 2500, "multimedia_rooms": 2.4,
        ],
    ]
    static let per100: Set<String> = ["qualified_teachers", "backbone_teachers", "pe_art_teachers", "multimedia_rooms"]
    static let columns: [String: String] = [
        "qualified_teachers": "高于规定学历教师数", "backbone_teachers": "县级以上骨干教师数", "pe_art_teachers": "体育艺术专任教师数",
        "teaching_area": "教学及辅助用房面积(平方米)", "sports_area": "体育运动场馆面积(平方米)",
        "equipment_value": "教学仪器设备值(万元)", "multimedia_rooms": "网络多媒体教室数",
    ]

    struct Stage { var id: String; var level: String; var pupils: Double; var totals: [String: Double] }

    /// A plain reading of the shipped compulsory CSV (UTF-8, one header row, no quoted cells).
    static func stages(_ path: String) throws -> [Stage] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r", with: "").split(separator: "\n").map { String($0) }
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var totals: [String: Double] = [:]
            for (r, c) in columns { if let v = Double(cells[col(c)]) { totals[r] = r == "equipment_value" ? v * 10000 : v } }
            return Stage(
                id: cells[col("学校标识码")], level: cells[col("学段")] == "小学" ? "primary" : "junior",
                pupils: Double(cells[col("在校学生数")])!, totals: totals)
        }
    }

    /// 6 of 7 met and the other at least 85% of its standard; nil when a missing value leaves it undecided.
    static func passes(_ s: Stage) -> Bool? {
        var met = 0, unknown = 0, floorMissed = false
        for (r, standard) in standards[s.level]! {
            guard let t = s.totals[r] else { unknown += 1; continue }
            let v = t / s.pupils * (per100.contains(r) ? 100 : 1)
            if v >= standard { met += 1 } else if v < 0.85 * standard { floorMissed = true }
        }
        if floorMissed || met + unknown < 6 { return false }
        return unknown == 0 ? true : nil
    }

    static func collect(_ configPath: String) async throws -> [Sample] {
        let pipeline = try Pipeline.load(path: configPath, modules: allModules).get()
        let entry = try #require(pipeline.config.collectors.first { $0.module == "assessment" })
        let result = try await entry.collector.collect()
        #expect(result.errors.isEmpty, "\(result.errors)")
        return result.samples
    }

    static func value(_ samples: [Sample], _ family: String, _ want: [String: String]) -> Double? {
        samples.first { s in
            s.family == family && want.allSatisfy { s.labels[$0.key] == $0.value } && (want["school_id"] != nil || s.labels["school_id"] == nil)
                && (want["resource"] != nil || s.labels["resource"] == nil)
        }?.value
    }

    @Test func perSchoolRuleAndVariationRecomputedFromTheSampleCSVs() async throws {
        let samples = try await Self.collect(TestPaths.repo("plugins/assessment/example.yml"))
        var decided = 0
        for year in 2022...2025 {
            let stages = try Self.stages(TestPaths.repo("plugins/enrolment/data/compulsory_\(year).csv"))
            for s in stages {
                let got = Self.value(
                    samples, "eduplan_assessment_criterion_met",
                    ["criterion": "school_resource_rule", "level": s.level, "year": String(year), "school_id": s.id])
                let want = Self.passes(s)
                #expect(got == want.map { $0 ? 1 : 0 }, "school \(s.id) \(s.level) \(year)")
                if want != nil { decided += 1 }
            }
            for level in ["primary", "junior"] {
                let ls = stages.filter { $0.level == level }
                for r in Self.columns.keys {
                    for w in ["weighted", "unweighted"] {
                        let got = Self.value(
                            samples, "eduplan_assessment_criterion_value",
                            ["criterion": "resource_variation", "level": level, "year": String(year), "resource": r, "weighting": w])
                        guard ls.allSatisfy({ $0.totals[r] != nil }) else {
                            #expect(got == nil, "\(r) \(level) \(year) has a missing school value and must not be published")
                            continue
                        }
                        // per-pupil values x_i, weights p_i (pupils, or 1 each)
                        let x = ls.map { $0.totals[r]! / $0.pupils }
                        let p = ls.map { w == "weighted" ? $0.pupils : 1 }
                        let total = p.reduce(0, +)
                        let mean = zip(p, x).reduce(0) { $0 + $1.0 * $1.1 } / total
                        let sd = (zip(p, x).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) } / total).squareRoot()
                        let cv = try #require(got, "\(r) \(level) \(year) \(w)")
                        #expect(abs(cv - sd / mean) < 1e-9, "\(r) \(level) \(year) \(w): \(cv) vs \(sd / mean)")
                        let limit = level == "primary" ? 0.50 : 0.45
                        let met = Self.value(
                            samples, "eduplan_assessment_criterion_met",
                            ["criterion": "resource_variation", "level": level, "year": String(year), "resource": r, "weighting": w])
                        #expect(met == (sd / mean <= limit ? 1 : 0))
                    }
                }
            }
        }
        #expect(decided > 200)
        // Every district criterion has a completeness sample for every year; the preschool core three have values.
        for (c, year) in [
            ("gross_enrolment_3yr", "2022"), ("inclusive_coverage", "2025"), ("public_share", "2023"),
            ("child_teacher_ratio", "2024"), ("class_size_compliance", "2022"), ("junior_retention", "2024"),
            ("migrant_public_or_purchased", "2025"), ("school_size", "2025"),
        ] {
            #expect(Self.value(samples, "eduplan_assessment_criterion_met", ["criterion": c, "year": year]) != nil, "\(c) \(year)")
        }
        #expect(Self.value(samples, "eduplan_assessment_criterion_value", ["criterion": "public_share", "year": "2022"]) == 0.67)
    }

    /// A copy of the example with its own compulsory 2025 file and criteria file.
    static func sandbox() throws -> (dir: String, config: String, criteria: String, compulsory: String) {
        let dir = NSTemporaryDirectory() + "youxiang-assessment-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let criteria = dir + "/assessment_criteria.yml"
        try FileManager.default.copyItem(atPath: TestPaths.repo("plugins/plan/assessment_criteria.yml"), toPath: criteria)
        let compulsory = dir + "/compulsory_2025.csv"
        try FileManager.default.copyItem(atPath: TestPaths.repo("plugins/enrolment/data/compulsory_2025.csv"), toPath: compulsory)
        var yaml = try String(contentsOfFile: TestPaths.repo("plugins/assessment/example.yml"), encoding: .utf8)
        let base = TestPaths.repo("plugins/assessment")
        yaml = yaml.replacingOccurrences(of: "../plan/assessment_criteria.yml", with: criteria)
            .replacingOccurrences(of: "../enrolment/data/compulsory_2025.csv", with: compulsory)
            .replacingOccurrences(of: "path: ../", with: "path: \(base)/../")
            .replacingOccurrences(of: "path: data/", with: "path: \(base)/data/")
        yaml += """

            alerting:
              evaluation_interval: 15s
              rules:
                - alert: EduplanAssessmentCriterionLost
                  metric: eduplan_assessment_criterion_lost
                  op: eq
                  threshold: 1
                  labels: {severity: warning, audience: office}
                  annotations: {description: "{{ $labels.year }}年，{{ $labels.subject }}国家县域评估量化指标“{{ $labels.name }}”上一学年达标，本学年未达标。"}
            """
        let config = try TestPaths.temporaryFile(yaml, name: "assessment.yml", in: dir)
        return (dir, config, criteria, compulsory)
    }

    @Test func lowerEquipmentFailsTheSchoolRaisesTheAlertAndAThresholdChangeFlipsIt() async throws {
        let box = try Self.sandbox()
        let before = try await Self.collect(box.config)
        // A primary school that passes the rule in 2024 and 2025 with every value known.
        let stages2025 = try Self.stages(box.compulsory)
        let school = try #require(
            stages2025.first { s in
                s.level == "primary" && Self.passes(s) == true
                    && Self.value(before, "eduplan_assessment_criterion_met", ["criterion": "school_resource_rule", "year": "2024", "school_id": s.id]) == 1
            })
        // Its equipment value at 80% of the 2000 元 standard (below the 85% floor), written in 万元 as the export does.
        let lowered = 0.80 * 2000 * school.pupils / 10000
        var lines = try String(contentsOfFile: box.compulsory, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let col = header.firstIndex(of: "教学仪器设备值(万元)")!
        let i = try #require(lines.firstIndex { $0.hasPrefix(school.id + ",") && $0.contains(",小学,") })
        var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[col] = String(format: "%.2f", lowered)
        lines[i] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: box.compulsory, atomically: true, encoding: .utf8)

        let want = ["criterion": "school_resource_rule", "level": "primary", "year": "2025", "school_id": school.id]
        let after = try await Self.collect(box.config)
        #expect(Self.value(after, "eduplan_assessment_criterion_met", want) == 0)
        #expect(Self.value(after, "eduplan_assessment_criterion_lost", want) == 1)
        // The district's primary rule is no longer met (or, where another school's missing value leaves it undecided, not published).
        #expect(Self.value(after, "eduplan_assessment_criterion_met", ["criterion": "school_resource_rule", "level": "primary", "year": "2025"]) != 1)

        // The alert fires through the daemon's own rule engine.
        let pipeline = try Pipeline.load(path: box.config, modules: allModules).get()
        let engine = Engine(pipeline: pipeline, logger: Logger(label: "t"))
        await engine.collectAll()
        let notifier = Notifier(
            outbox: try Outbox(directory: box.dir + "/data"), transport: ScriptedTransport([]),
            logger: Logger(label: "t"), resendDelay: .seconds(60), clock: { 0 })
        let coordinator = AlertingCoordinator(pipeline: pipeline, engine: engine, notifier: notifier, logger: Logger(label: "t"), clock: { 0 })
        let fired = await coordinator.evaluate().compactMap { t -> Labels? in
            if case .fired(let a) = t.transition { return a.labels } else { return nil }
        }
        let alert = try #require(fired.first { $0["alertname"] == "EduplanAssessmentCriterionLost" && $0["school_id"] == school.id })
        #expect(alert["audience"] == "office")
        #expect(alert["criterion"] == "school_resource_rule")

        // The office lowers the primary equipment standard to 1500 元 in the criteria file: the next run (as after a
        // reload or the watcher's re-run) passes the school again (1600 元 ≥ 1500 元).
        var criteria = try String(contentsOfFile: box.criteria, encoding: .utf8)
        criteria = criteria.replacingOccurrences(of: "threshold: {primary: 2000, junior: 2500}", with: "threshold: {primary: 1500, junior: 2500}")
        try criteria.write(toFile: box.criteria, atomically: true, encoding: .utf8)
        let reloaded = try await Self.collect(box.config)
        #expect(Self.value(reloaded, "eduplan_assessment_criterion_met", want) == 1)
        #expect(Self.value(reloaded, "eduplan_assessment_criterion_lost", want) == 0)
    }

    /// Regression (fresh-eyes review): a 2025 kindergarten file holding only its header row gave 学前三年毛入园率 0 as
    /// a complete value (0 children ÷ the population), so “由达标转为未达标” fired to the office. A file without data
    /// rows measured nothing: the criterion has no value and is incomplete.
    @Test func aHeaderOnlyFileGivesNoValueNotZero() async throws {
        let box = try Self.sandbox()
        let source = TestPaths.repo("plugins/enrolment/data/kindergartens_2025.csv")
        let header = try String(contentsOfFile: source, encoding: .utf8).split(whereSeparator: \.isNewline)[0]  // CRLF file
        let empty = try TestPaths.temporaryFile(header + "\n", name: "kindergartens_2025.csv", in: box.dir)
        var yaml = try String(contentsOfFile: box.config, encoding: .utf8)
        let old = TestPaths.repo("plugins/assessment") + "/../enrolment/data/kindergartens_2025.csv"
        #expect(yaml.contains(old), "the example's 2025 kindergarten path changed (test out of date)")
        yaml = yaml.replacingOccurrences(of: old, with: empty)
        try yaml.write(toFile: box.config, atomically: true, encoding: .utf8)
        let samples = try await Self.collect(box.config)
        let want = ["criterion": "gross_enrolment_3yr", "year": "2025"]
        #expect(Self.value(samples, "eduplan_assessment_criterion_value", want) == nil)
        #expect(Self.value(samples, "eduplan_assessment_criterion_lost", want) == nil)
        #expect(Self.value(samples, "eduplan_assessment_criterion_data_complete", want) == 0)
        // 2024's file is intact: its value stands.
        #expect(Self.value(samples, "eduplan_assessment_criterion_value", ["criterion": "gross_enrolment_3yr", "year": "2024"]) != nil)
    }

    @Test func aBadCriteriaFileIsReportedWithPositionKeyPathAndFix() throws {
        let box = try Self.sandbox()
        var criteria = try String(contentsOfFile: box.criteria, encoding: .utf8)
        criteria = criteria.replacingOccurrences(of: "threshold: {primary: 4.2, junior: 5.3}", with: "threshold: {primary: 4.2}")
            .replacingOccurrences(of: "measure: junior_retention", with: "measure: junior_retension")
            .replacingOccurrences(of: "threshold: 0.50\n", with: "threshold: 50%\n")
        try criteria.write(toFile: box.criteria, atomically: true, encoding: .utf8)
        guard case .failure(let e) = Pipeline.load(path: box.config, modules: allModules) else {
            Issue.record("a bad criteria file must fail the configuration")
            return
        }
        let text = e.diagnostics.map(\.description)
        #expect(text.contains { $0.hasPrefix(box.criteria + ":") && $0.contains("criteria[0].threshold") && $0.contains("needs a threshold for junior") })
        #expect(text.contains { $0.hasPrefix(box.criteria + ":") && $0.contains("unknown measure \"junior_retension\"") && $0.contains("junior_retention") })
        #expect(text.contains { $0.contains("criteria[") && $0.contains(".threshold: write ratios as a number from 0 to 1: 0.5 for 50%") })
        #expect(text.allSatisfy { d in d.split(separator: ":").count >= 4 })
    }
}
