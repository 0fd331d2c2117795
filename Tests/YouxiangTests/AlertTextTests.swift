import Foundation
import Testing
import YouxiangCore
import YouxiangPlan

@testable import YouxiangAlerting
@testable import YouxiangNotify

/// The Chinese messages, byte for byte against golden files under Fixtures/golden/messages/ (firing and resolved for
/// each alert kind), and the 公文 rules they follow. Regenerate after an intended change with
/// `YOUXIANG_UPDATE_GOLDEN=1 swift test --filter AlertTextTests` and review the diff.
@Suite struct AlertTextTests {
    static let plan: PlanTargets = try! PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get()
    /// 2026-01-05 10:30 China Standard Time; data as of 2025-12-31.
    static let moment = AlertText.Moment(
        evaluatedAt: PlanCalendar.unixTime(year: 2026, month: 1, day: 5) + .seconds(10.5 * 3600),
        dataAsOf: PlanCalendar.unixTime(year: 2025, month: 12, day: 31))
    static let withLink = AlertText.Moment(evaluatedAt: moment.evaluatedAt, dataAsOf: moment.dataAsOf, externalURL: "https://youxiang.example.gov.cn")

    static func ind(_ id: String) -> PlanIndicator { plan.indicators.first { $0.id == id }! }
    static func target(_ id: String, _ year: Int) -> PlanTarget { ind(id).evaluatedTarget(year: year, prefer: nil)! }

    /// A one-alert notification's markdown, firing or resolved (one hour later).
    static func markdown(_ labels: Labels, _ annotations: [String: String], resolved: Bool, url: String = "") -> String {
        let t = moment.evaluatedAt
        let a = AlertInstance(
            labels: labels, annotations: annotations, state: resolved ? .inactive : .firing, activeAt: t, firedAt: t,
            resolvedAt: resolved ? t + .seconds(3600) : nil, lastTrueAt: t, lastSeenAt: t, stale: false, value: 0)
        let n = AlertNotification(
            id: "n", receiver: "office", kind: .change, groupKey: "g", groupLabels: [:],
            alerts: [AlertPayload(a, generatorURL: url)], createdAt: t, externalURL: url)
        return ChineseMessage.markdown(n) + "\n"
    }

    /// Compares (or, with YOUXIANG_UPDATE_GOLDEN=1, writes) `golden/messages/<name>.firing.md` and `.resolved.md`.
    func golden(_ name: String, labels: Labels, _ annotations: [String: String], url: String = "") throws {
        for resolved in [false, true] {
            let text = Self.markdown(labels, annotations, resolved: resolved, url: url)
            let file = "golden/messages/\(name).\(resolved ? "resolved" : "firing").md"
            if ProcessInfo.processInfo.environment["YOUXIANG_UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: TestPaths.repo("Tests/YouxiangTests/Fixtures/" + file), atomically: true, encoding: .utf8)
                Self.checkStyle(text)
                continue
            }
            let want = try String(contentsOfFile: TestPaths.fixture(file), encoding: .utf8)
            #expect(text == want, "\(file) differs:\n\(text)")
            Self.checkStyle(text)
        }
    }

    /// 公文 style: no half-width punctuation after Chinese text, no 「」, no bare "规划原文：<number>".
    static func checkStyle(_ text: String) {
        for bad in ["「", "」", "(指标", "(目标", "):", ",目标", "规划原文:"] { #expect(!text.contains(bad), "\(bad) in \(text)") }
        #expect(text.range(of: #"规划原文：“[0-9.>]+”"#, options: .regularExpression) == nil, "bare number quoted as plan wording: \(text)")
        #expect(text.range(of: #"[\p{Han}][,:;()]"#, options: .regularExpression) == nil, "half-width punctuation after Chinese: \(text)")
    }

    static let row2Labels: Labels = ["alertname": "EduplanTargetMissed", "indicator": "kindergarten_enrolment_public", "year": "2025"]

    @Test func targetMissedAndMet() throws {
        let a = AlertText.targetMissed(
            Self.ind("kindergarten_enrolment_public"), plan: Self.plan, year: 2025, value: 0.71,
            target: Self.target("kindergarten_enrolment_public", 2025), at: Self.moment)
        try golden("target_missed", labels: Self.row2Labels, a)
        #expect(a["lead_unit"] == "区发改局")
        #expect(a["supporting_units"] == "区教育局、区财政局、资规分局、区卫健局")
        #expect(a["plan_wording"] == "72%")
        #expect(a["link"] == nil)
    }

    @Test func targetMissedWithLinkAndTenThousandPersonTimes() throws {
        let a = AlertText.targetMissed(
            Self.ind("vocational_training"), plan: Self.plan, year: 2025, value: 7600,
            target: Self.target("vocational_training", 2025), at: Self.withLink)
        try golden(
            "target_missed_person_times", labels: ["alertname": "EduplanTargetMissed", "indicator": "vocational_training", "year": "2025"],
            a, url: Self.withLink.externalURL)
        #expect(a["plan_wording"] == "0.80万人次")
        #expect(a["value"] == "7,600人次")
        #expect(a["link"] == "https://youxiang.example.gov.cn/")
        // The 2027 cell is a bare "1": quoted with its unit.
        #expect(PlanText.cell(Self.target("vocational_training", 2027), unit: .tenThousandPersonTimes) == "1万人次")
    }

    @Test func measureWordsAndWholeNumbers() {
        let courses = AlertText.targetMissed(
            Self.ind("municipal_boutique_courses"), plan: Self.plan, year: 2027, value: 12,
            target: Self.target("municipal_boutique_courses", 2027), at: Self.moment)
        #expect(courses["value"] == "12门" && courses["target"] == "不低于15门" && courses["gap"] == "差3门")
        let schools = AlertText.targetMissed(
            Self.ind("international_understanding_pilot_schools"), plan: Self.plan, year: 2027, value: 3,
            target: Self.target("international_understanding_pilot_schools", 2027), at: Self.moment)
        #expect(schools["value"] == "3所" && schools["target"] == "不低于4所")
        let pairs = AlertText.targetMissed(
            Self.ind("sister_school_pairs"), plan: Self.plan, year: 2027, value: 40,
            target: Self.target("sister_school_pairs", 2027), at: Self.moment)
        #expect(pairs["value"] == "40对" && pairs["gap"] == "差5对")
        let projects = AlertText.targetMissed(
            Self.ind("industry_education_projects"), plan: Self.plan, year: 2025, value: 13,
            target: Self.target("industry_education_projects", 2025), at: Self.moment)
        #expect(projects["value"] == "13个" && projects["plan_wording"] == "14个")
    }

    @Test func assessmentNamesTheNationalTier() throws {
        let ind = Self.ind("preschool_county_assessment")
        let a = AlertText.targetMissed(ind, plan: Self.plan, year: 2025, value: 0, target: Self.target("preschool_county_assessment", 2025), at: Self.moment)
        try golden("assessment_not_passed", labels: ["alertname": "EduplanTargetMissed", "indicator": ind.id, "year": "2025"], a)
        #expect(a["summary"] == "2025年应通过的学前教育普及普惠县国家级评估尚未通过")
        #expect(!(a["description"] ?? "").contains("省级"))
        #expect(!(a["summary"] ?? "").contains("为0") && !(a["description"] ?? "").contains("为0"))
    }

    @Test func offTrack() throws {
        let ind = Self.ind("kindergarten_enrolment_public")
        let a = AlertText.offTrack(
            ind, plan: Self.plan, targetYear: 2027, projected: 0.7325, slopePerYear: 0.013, firstYear: 2022, lastYear: 2025,
            points: 4, target: Self.target(ind.id, 2027), at: Self.moment)
        try golden("off_track", labels: ["alertname": "EduplanOffTrack", "indicator": ind.id, "target_year": "2027"], a)
    }

    @Test func dataMissing() throws {
        let ind = Self.ind("quota_allocation_balanced")
        let a = AlertText.dataMissing(ind, plan: Self.plan, year: 2025, target: Self.target(ind.id, 2025), metric: ind.metric, at: Self.moment)
        try golden("data_missing", labels: ["alertname": "EduplanIndicatorDataMissing", "indicator": ind.id, "year": "2025"], a)
        // The office reads the indicator's name, never a series name (review #12).
        #expect(!(a["description"] ?? "").contains("eduplan_") && !(a["description"] ?? "").contains("序列"))
        #expect((a["description"] ?? "").contains("没有“优质示范高中定向分配招生按符合报名条件人数均衡分配比例”的数值"))
    }

    @Test func dataIncomplete() throws {
        let ind = Self.ind("kindergarten_enrolment_inclusive")
        let a = AlertText.dataIncomplete(
            ind, plan: Self.plan, year: 2025,
            reasons: ["文件 kindergartens_2025.csv 第14行“在园幼儿数”不是数字，已拒收。", "幼儿园名册中的 3301234567 未报送数据"],
            at: Self.moment)
        try golden("data_incomplete", labels: ["alertname": "EduplanIndicatorDataIncomplete", "indicator": ind.id, "year": "2025"], a)
        #expect(a["reasons"] == "文件 kindergartens_2025.csv 第14行“在园幼儿数”不是数字，已拒收；幼儿园名册中的 3301234567 未报送数据")
    }

    @Test func collectorFailing() throws {
        let a = AlertText.collectorFailing(
            collector: "enrolment", module: "enrolment", failures: 3,
            lastError: "plugins/enrolment/data/kindergartens_2025.csv:0: cannot open file", keepLastGood: 3, at: Self.moment)
        try golden("collector_failing", labels: ["alertname": "YouxiangCollectorFailing", "collector": "enrolment"], a)
        // Operators' text: no empty “:0:” position, no raw key name (review #12).
        let d = a["description"] ?? ""
        #expect(!d.contains(":0:") && !d.contains("keep_last_good"))
        #expect(d.contains("连续失败不超过3次时，其指标沿用上次成功采集的数据"))
    }

    /// Review #13: a data date taken from the files' modification time (a checkout sets it) is not told as 数据截至.
    @Test func fileModificationTimeIsNotCalledDataAsOf() {
        let ind = Self.ind("kindergarten_enrolment_public")
        let m = AlertText.Moment(evaluatedAt: Self.moment.evaluatedAt, dataAsOf: Self.moment.dataAsOf, dataAsOfConfigured: false)
        let a = AlertText.targetMissed(ind, plan: Self.plan, year: 2025, value: 0.71, target: Self.target(ind.id, 2025), at: m)
        #expect(!(a["description"] ?? "").contains("数据截至"))
        #expect((a["description"] ?? "").contains("数据文件更新于2025年12月31日，评估时间"))
    }

    @Test func resolvedWithoutDataDoesNotClaimTheTargetIsMet() {
        let a = AlertText.resolvedWithoutData(
            AlertText.targetMissed(
                Self.ind("kindergarten_enrolment_public"), plan: Self.plan, year: 2025,
                value: 0.71, target: Self.target("kindergarten_enrolment_public", 2025), at: Self.moment))
        #expect(!(a["resolved_summary"] ?? "").contains("已达到"))
        #expect((a["resolved_description"] ?? "").contains("无法确认是否已达标"))
    }

    // MARK: domain corrections

    @Test func row12IsTheEducationBureausAlone() {
        let ind = Self.ind("higher_education_gross_enrolment")
        #expect(Self.plan.responsibleUnits(of: ind) == ["区教育局"])
        #expect(Self.plan.leadUnit(of: ind) == "区教育局")
        let a = AlertText.targetMissed(ind, plan: Self.plan, year: 2025, value: 0.749, target: Self.target(ind.id, 2025), at: Self.moment)
        #expect(a["responsible_units"] == "区教育局")
        #expect((a["description"] ?? "").contains("牵头单位：区教育局（指标表未列责任单位"))
        #expect(!(a["description"] ?? "").contains("区老干部局"))
        // Row 7 keeps task 六's list.
        #expect(Self.plan.responsibleUnits(of: Self.ind("expected_schooling_years")) == ["区教育局", "区老干部局", "区科技局"])
    }
}
