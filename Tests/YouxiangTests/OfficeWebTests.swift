import Foundation
import Testing
import YouxiangAlerting
import YouxiangCore

@testable import YouxiangPlan
@testable import YouxiangRuntime
@testable import YouxiangWeb

@Suite struct OfficeWebFormatTests {
    static func indicator(_ unit: PlanUnit, raw: String = "", id: String = "x") -> PlanIndicator {
        PlanIndicator(
            id: id, nameZh: "测试指标", row: nil, section: "t1", unitsInferred: false, unit: unit, metric: "eduplan_x",
            match: Labels(), baselineRaw: nil, baselineValue: nil,
            targets: raw.isEmpty ? [] : [PlanTarget(year: 2027, raw: raw, op: .ge, value: 1, min: nil, max: nil, source: "text", opSource: "wording")],
            defaultSource: "table", conflicts: [])
    }
    static func target(_ op: YouxiangPlan.Comparator, _ v: Double? = nil, min: Double? = nil, max: Double? = nil) -> PlanTarget {
        PlanTarget(year: 2025, raw: "原文", op: op, value: v, min: min, max: max, source: "table", opSource: "table")
    }

    @Test func numbersAreGroupedAndTrimmed() {
        #expect(WebFormat.number(6800, digits: 0) == "6,800")
        #expect(WebFormat.number(92.4) == "92.4")
        #expect(WebFormat.number(92.40000000001) == "92.4")
        #expect(WebFormat.number(0.341357, digits: 3) == "0.341")
        #expect(WebFormat.number(1_234_567.5) == "1,234,567.5")
        #expect(WebFormat.number(-0.004) == "0")
        #expect(WebFormat.number(-12.5) == "-12.5")
        #expect(WebFormat.number(.nan) == "—")
    }

    @Test func valuesInThePlansUnits() {
        #expect(WebFormat.value(0.924, Self.indicator(.percent)) == "92.4%")
        #expect(WebFormat.value(0.9991, Self.indicator(.percent)) == "99.91%")
        #expect(WebFormat.value(6800, Self.indicator(.personTimes)) == "6,800人次")
        #expect(WebFormat.value(7100, Self.indicator(.tenThousandPersonTimes)) == "7,100人次")
        #expect(WebFormat.value(15.3, Self.indicator(.years)) == "15.3年")
        #expect(WebFormat.value(1, Self.indicator(.count, raw: "建设1所学术性普通高中")) == "1所")
        #expect(WebFormat.value(12, Self.indicator(.count, raw: "选树15门市级精品校本课程")) == "12门")
        #expect(WebFormat.value(14, Self.indicator(.count, raw: "")) == "14个")
        #expect(WebFormat.value(45, Self.indicator(.pairs)) == "45对")
        #expect(WebFormat.value(0.3414, Self.indicator(.coefficient)) == "0.341")
        #expect(WebFormat.value(0.2, Self.indicator(.coefficient)) == "0.200", "coefficients: fixed 3 decimals")
        #expect(WebFormat.value(1, Self.indicator(.status)) == "已通过")
        #expect(WebFormat.value(0, Self.indicator(.status)) == "未通过")
    }

    /// W1: 0.250000132 against “不高于0.25” is 未达标, so it must not read “0.25”/“0.250”.
    @Test func coefficientNeverReadsEqualToAThresholdItMisses() {
        var cv = Self.indicator(.coefficient)
        cv.targets = [PlanTarget(year: 2027, raw: "0.25以内", op: .le, value: 0.25, min: nil, max: nil, source: "text", opSource: "wording")]
        #expect(WebFormat.value(0.250000132, cv) == "0.2500001")
        #expect(WebFormat.value(0.25, cv) == "0.250")
        #expect(WebFormat.value(0.2504, cv) == "0.2504")
        #expect(WebFormat.value(0.197, cv) == "0.197")
        #expect(WebFormat.gap(0.250000132, Self.target(.le, 0.25), cv) == "超出上限0.0000001")
        #expect(WebFormat.coefficient(0.5, distinctFrom: [0.5]) == "0.500")
    }

    /// W10: zero counts are left out; one kind holding all reads “N项均…”.
    @Test func talliesOmitZeroCounts() {
        #expect(WebFormat.tally([("达标", 5), ("未达标", 0)]) == "5项均达标")
        #expect(WebFormat.tally([("有数据", 23), ("无数据", 0)], wordFirst: false) == "23项均有数据")
        #expect(WebFormat.tally([("达标", 3), ("未达标", 0), ("无数据", 2)]) == "达标3项、无数据2项")
        #expect(WebFormat.tally([("达标", 0)]) == "")
    }

    /// W3: the plan table's two clauses read as one sentence.
    @Test func tableClausesGetAFullWidthComma() {
        let ind = Self.indicator(.status)
        #expect(WebFormat.rawWithUnit("2022年已通过省级评估 预计2025年底通过国家级评估", ind) == "2022年已通过省级评估，预计2025年底通过国家级评估")
        #expect(WebFormat.rawWithUnit("0.80", Self.indicator(.tenThousandPersonTimes)) == "0.80万人次")
    }

    @Test func targetsWithTheirComparator() {
        #expect(WebFormat.target(Self.target(.gt, 92), Self.indicator(.percent)) == "高于92%")
        #expect(WebFormat.target(Self.target(.ge, 72), Self.indicator(.percent)) == "不低于72%")
        #expect(WebFormat.target(Self.target(.le, 0.25), Self.indicator(.coefficient)) == "不高于0.250")
        #expect(WebFormat.target(Self.target(.ge, 0.8), Self.indicator(.tenThousandPersonTimes)) == "不低于8,000人次")
        #expect(WebFormat.target(Self.target(.range, min: 4, max: 6), Self.indicator(.count)) == "4—6个")
        #expect(WebFormat.target(Self.target(.eq, 1), Self.indicator(.status)) == "通过")
    }

    @Test func gapsInWords() {
        let pct = Self.indicator(.percent)
        #expect(WebFormat.gap(0.71, Self.target(.ge, 72), pct) == "差1个百分点")
        #expect(WebFormat.gap(0.69, Self.target(.ge, 70), pct) == "差1个百分点")
        #expect(WebFormat.gap(0.936, Self.target(.gt, 93.5), pct) == "高出0.1个百分点")
        #expect(WebFormat.gap(0.935, Self.target(.gt, 93.5), pct) == "与目标值持平，需高于目标值")
        #expect(WebFormat.gap(0.72, Self.target(.ge, 72), pct) == "恰好达到目标值")
        let cv = Self.indicator(.coefficient)
        #expect(WebFormat.gap(0.34, Self.target(.le, 0.25), cv) == "超出上限0.090")
        #expect(WebFormat.gap(0.2, Self.target(.le, 0.25), cv) == "低于上限0.050")
        #expect(WebFormat.gap(3, Self.target(.range, min: 4, max: 6), Self.indicator(.count)) == "差1个")
        #expect(WebFormat.gap(5, Self.target(.range, min: 4, max: 6), Self.indicator(.count)) == "在目标区间内")
        #expect(WebFormat.gap(7100, Self.target(.ge, 0.8), Self.indicator(.tenThousandPersonTimes)) == "差900人次")
        #expect(WebFormat.gap(0, Self.target(.eq, 1), Self.indicator(.status)) == "—")
    }

    @Test func beijingTimeAndNumerals() {
        #expect(WebFormat.dateTime(0) == "1970年1月1日 08:00")
        #expect(WebFormat.dateTime(1_764_590_400) == "2025年12月1日 20:00")
        #expect(WebFormat.date(1_764_590_400) == "2025年12月1日")
        #expect(WebFormat.chineseNumeral(1) == "一")
        #expect(WebFormat.chineseNumeral(10) == "十")
        #expect(WebFormat.chineseNumeral(12) == "十二")
        #expect(WebFormat.chineseNumeral(20) == "二十")
    }

    @Test func halfWidthPunctuationBesideChineseBecomesFullWidth() {
        #expect(WebFormat.fullWidth("按任务(二)扩大") == "按任务（二）扩大")
        #expect(WebFormat.fullWidth("未达到年度目标:71%,目标不低于72%") == "未达到年度目标：71%，目标不低于72%")
        #expect(WebFormat.fullWidth("表格2027年为 >95(严格大于)") == "表格2027年为 >95（严格大于）")
        #expect(WebFormat.fullWidth("「公办幼儿园在园幼儿占比」") == "“公办幼儿园在园幼儿占比”")
        #expect(WebFormat.fullWidth("plan.prefer (table, text): 0.25") == "plan.prefer (table, text): 0.25")
    }

    @Test func escaping() {
        #expect(WebFormat.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}

@Suite struct OfficePagesTests {
    static func plan() throws -> PlanTargets {
        try PlanLoader.load(path: TestPaths.repo("plugins/plan/targets.yml")).get()
    }

    /// A snapshot with rows 2 and 9 for 2022–2025, completeness for row 9's 2025 optionally 0.
    static func snapshot(row9Complete: Double? = nil, extra: [Sample] = []) -> SeriesSnapshot {
        var b = SnapshotBuilder(externalLabels: ["district": "330206"])
        let fams =
            [
                "eduplan_kindergarten_enrolment_public_ratio", "eduplan_vocational_graduates_higher_education_ratio",
                OfficeInput.completenessFamily, OfficeInput.meetsTargetFamily,
            ] + extra.map(\.family)
        for f in Set(fams) { b.declare(MetricFamily(name: f, help: "t")) }
        for (y, v) in [(2022, 0.67), (2023, 0.68), (2024, 0.70), (2025, 0.71)] {
            b.add([Sample("eduplan_kindergarten_enrolment_public_ratio", ["year": String(y)], v)])
        }
        for (y, v) in [(2022, 0.60), (2023, 0.66), (2024, 0.68), (2025, 0.69)] {
            b.add([Sample("eduplan_vocational_graduates_higher_education_ratio", ["year": String(y)], v)])
        }
        if let c = row9Complete {
            b.add([Sample(OfficeInput.completenessFamily, ["indicator": "vocational_graduates_higher_education", "year": "2025"], c)])
        }
        b.add(extra)
        return b.build()
    }

    @Test func statusesFollowCompletenessValuesAndTargets() throws {
        let plan = try Self.plan()
        let input = OfficeInput(snapshot: Self.snapshot(), plan: plan, now: 0)
        let row2 = IndicatorAnalysis.analyse(plan.indicators.first { $0.id == "kindergarten_enrolment_public" }!, input)
        #expect(row2.standing(2025)?.status == .missed)
        #expect(row2.standing(2024)?.status == .met)
        #expect(row2.standing(2022)?.status == .noTarget)
        #expect(row2.standing(2026)?.status == .noData)
        #expect(row2.leadUnit == "区发改局")
        #expect(row2.supportUnits.first == "区教育局")
        // least squares over 2022–2025: 0.67, 0.68, 0.70, 0.71 → mean 0.69 at 2023.5, slope 0.014, 2027: 0.739
        #expect(abs((row2.projection ?? 0) - 0.739) < 1e-9)
        #expect(row2.projectionMeetsFinal == false)
        // A missing completeness series: complete unless there is no value.
        let missing = IndicatorAnalysis.analyse(plan.indicators.first { $0.id == "vocational_graduates_higher_education" }!, input)
        #expect(missing.standing(2025)?.status == .missed)
        // completeness 0: no verdict, even with a value kept.
        let incomplete = OfficeInput(snapshot: Self.snapshot(row9Complete: 0), plan: plan, now: 0)
        let row9 = IndicatorAnalysis.analyse(plan.indicators.first { $0.id == "vocational_graduates_higher_education" }!, incomplete)
        #expect(row9.standing(2025)?.status == .incomplete)
        let none = IndicatorAnalysis.analyse(plan.indicators.first { $0.id == "expected_schooling_years" }!, input)
        #expect(none.standing(2025)?.status == .noData)
        #expect(none.projection == nil)
    }

    @Test func homeShowsEveryIndicatorWithAChartAndTheMissedOnes() throws {
        let plan = try Self.plan()
        let html = OfficePages.home(OfficeInput(snapshot: Self.snapshot(), plan: plan, now: 0))
        for ind in plan.indicators { #expect(html.contains(WebFormat.escape(WebFormat.fullWidth(ind.nameZh))), "\(ind.id)") }
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == plan.indicators.count)
        #expect(html.contains("data-status=\"未达标\""))
        #expect(html.contains("不低于72%"))
        #expect(html.contains("差1个百分点"))
        #expect(html.contains("未达标2项"))
        #expect(!html.contains("<script"))
    }

    @Test func dataAndConfigTextIsEscaped() throws {
        var plan = try Self.plan()
        plan.indicators[1].nameZh = "<script>alert(1)</script>公办"
        plan.sections["t2"]?.unitsZh = ["区<b>发改局</b>", "区教育局"]
        let alert = AlertInstance(
            labels: ["alertname": "EduplanTargetMissed", "indicator": "kindergarten_enrolment_public", "severity": "warning"],
            annotations: ["summary": "<img src=x onerror=alert(1)>", "responsible_units": "\"区教育局\"&"],
            state: .firing, activeAt: 0, firedAt: 0, resolvedAt: nil, lastTrueAt: 0, lastSeenAt: 0, stale: false, value: 0.71)
        let input = OfficeInput(snapshot: Self.snapshot(), plan: plan, alerts: [alert], now: 0)
        for html in [
            OfficePages.home(input), OfficePages.report(input, year: 2025),
            OfficePages.indicator(input, id: "kindergarten_enrolment_public") ?? "",
        ] {
            #expect(!html.contains("<script>alert(1)"))
            #expect(!html.contains("<b>发改局"))
            #expect(!html.contains("<img src=x"))
        }
        let home = OfficePages.home(input)
        #expect(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;公办"))
        #expect(home.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(home.contains("&quot;区教育局&quot;&amp;"))
    }

    /// Every date-time the office sees (the pages' 生成时间, the alert table, the report's subtitle) is in the one
    /// 公文 form “2026年12月1日 21:27”, dates alone “2026年12月1日”; never “2026-12-01 21:27”.
    @Test func oneDateTimeFormOnEveryPage() throws {
        let plan = try Self.plan()
        let t: UnixTime = 1_796_131_620  // 2026-12-01 13:27 UTC, 21:27 in Beijing
        let alert = AlertInstance(
            labels: ["alertname": "EduplanTargetMissed", "indicator": "kindergarten_enrolment_public", "severity": "warning"],
            annotations: ["summary": "未达标"], state: .firing, activeAt: t, firedAt: t, resolvedAt: nil, lastTrueAt: t, lastSeenAt: t,
            stale: false, value: 0.71)
        let input = OfficeInput(snapshot: Self.snapshot(), plan: plan, alerts: [alert], now: t)
        let home = OfficePages.home(input)
        #expect(home.contains("生成时间：2026年12月1日 21:27（北京时间）"))
        #expect(home.contains("<td class=\"num nowrap\">2026年12月1日 21:27</td>"), "the alert table's time, on one line")
        let indicator = try #require(OfficePages.indicator(input, id: "kindergarten_enrolment_public"))
        #expect(indicator.contains("生成时间：2026年12月1日 21:27（北京时间）"))
        let report = OfficePages.report(input, year: 2025)
        #expect(report.contains("2026年12月1日 21:27生成"))
        let isoDate = try Regex(#"\d{4}-\d{2}-\d{2}"#)
        for (name, html) in [("/", home), ("/indicator", indicator), ("/report", report)] {
            #expect(html.firstMatch(of: isoDate) == nil, "\(name): \(html.firstMatch(of: isoDate).map { String(html[$0.range]) } ?? "")")
        }
    }

    /// Regression (fresh-eyes review): a target alert kept firing (held, by design) after its year's data became
    /// incomplete, and the page showed “告警中 … 未达到年度目标” beside the row's 数据不完整 without a word. Now the
    /// alert says that it keeps the earlier judgement.
    @Test func anAlertOnNowIncompleteDataSaysItIsHeld() throws {
        let plan = try Self.plan()
        let alert = AlertInstance(
            labels: ["alertname": "EduplanTargetMissed", "indicator": "vocational_graduates_higher_education", "year": "2025", "severity": "warning"],
            annotations: ["summary": "2025年未达到年度目标"], state: .firing, activeAt: 0, firedAt: 0, resolvedAt: nil, lastTrueAt: 0,
            lastSeenAt: 0, stale: false, value: 0.69)
        let held = OfficePages.home(OfficeInput(snapshot: Self.snapshot(row9Complete: 0), plan: plan, alerts: [alert], now: 0))
        #expect(held.contains("告警中（数据已不完整，沿用此前判断）"))
        let current = OfficePages.home(OfficeInput(snapshot: Self.snapshot(row9Complete: 1), plan: plan, alerts: [alert], now: 0))
        #expect(current.contains("告警中") && !current.contains("沿用此前判断"))
    }

    /// Regression (README check): a straight line through a coverage of 81.82%, 90.91%, 100%, 100% was printed as
    /// “2027年趋势预测：115.45%”. A share's projection stops at 100%; no quantity goes below 0.
    @Test func aShareIsNeverProjectedPast100Percent() throws {
        let plan = try Self.plan()
        let family = "eduplan_elderly_university_township_coverage_ratio"
        let extra = [(2022, 0.8182), (2023, 0.9091), (2024, 1.0), (2025, 1.0)].map { Sample(family, ["year": String($0.0)], $0.1) }
        let input = OfficeInput(snapshot: Self.snapshot(extra: extra), plan: plan, now: 0)
        let ind = try #require(plan.indicators.first { $0.id == "elderly_university_township_coverage" })
        #expect(IndicatorAnalysis.analyse(ind, input).projection == 1)
        #expect(PlanUnit.percent.bounded(1.1545) == 1 && PlanUnit.places.bounded(-3) == 0 && PlanUnit.count.bounded(20.4) == 20.4)
    }

    @Test func reportIsOneSelfContainedDocument() throws {
        let plan = try Self.plan()
        let html = OfficePages.report(OfficeInput(snapshot: Self.snapshot(), plan: plan, now: 0), year: 2025)
        #expect(html.contains("北仑区“学有优教”专项实施方案2025年度实施情况"))
        #expect(html.contains("@page{size:A4"))
        #expect(html.contains("thead{display:table-header-group}"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(html.contains("（一）区发改局"))
        for ind in plan.indicators { #expect(html.contains(WebFormat.escape(WebFormat.fullWidth(ind.nameZh))), "\(ind.id)") }
    }

    @Test func variationPageRanksSchools() throws {
        let plan = try Self.plan()
        var extra: [Sample] = []
        let cv = "eduplan_interschool_variation_coefficient"
        for r in VariationResources.names {
            extra.append(Sample(cv, ["level": "primary", "resource": r.id, "year": "2025"], 0.3))
        }
        extra.append(Sample(cv, ["level": "primary", "resource": "composite", "year": "2025"], 0.3))
        // Three schools of 100 pupils: A and B hold 10 teachers each, C holds 40 (the outlier).
        for (id, t) in [("A", 10.0), ("B", 10.0), ("C", 40.0)] {
            extra.append(Sample("eduplan_school_students", ["school_id": id, "level": "primary", "year": "2025"], 100))
            extra.append(Sample("eduplan_school_resource", ["school_id": id, "level": "primary", "resource": "qualified_teachers", "year": "2025"], t))
        }
        extra.append(Sample("eduplan_school_info", ["school_id": "C", "level": "primary", "name": "<新碶>小学", "year": "2025"], 1))
        let input = OfficeInput(snapshot: Self.snapshot(extra: extra), plan: plan, now: 0)
        let html = try #require(OfficePages.indicator(input, id: "interschool_variation_primary"))
        #expect(html.contains("&lt;新碶&gt;小学（C）"))
        #expect(html.components(separatedBy: "每百名").count > 3)
        #expect(html.contains("国家优质均衡标准（≤0.500）"))
        let rows = DetailView.schoolContributions(input.snapshot, level: "primary", year: 2025)
        #expect(rows.first?.school == "<新碶>小学（C）")
        #expect(rows.last?.school == "B")
        // shares: C (100/300)(0.4-0.2)² = 0.01333, A and B 0.00333 each → C 66.7%
        #expect(rows.first?.share == "66.7%")
    }
}

/// The reviewer's findings on the office's pages (issue 9 follow-up): each one a check that fails on the old output.
@Suite struct OfficeReviewFixesTests {
    static func plan() throws -> PlanTargets { try OfficePagesTests.plan() }

    @Test func assessmentRowsNameTheEvaluatedTierAndTheProvincialPass() throws {
        let plan = try Self.plan()
        let fam = "eduplan_county_assessment_passed"
        let ind = try #require(plan.indicators.first { $0.id == "preschool_county_assessment" })
        // The series must carry the indicator's own match labels besides tier.
        let labels = ind.match.setting("year", "2022")
        let extra = [Sample(fam, labels.setting("tier", "provincial"), 1), Sample(fam, labels, 0)]
        let input = OfficeInput(snapshot: OfficePagesTests.snapshot(extra: extra), plan: plan, now: 0)
        let page = try #require(OfficePages.indicator(input, id: "preschool_county_assessment"))
        #expect(page.contains("（按国家级评估考核）"))
        #expect(page.contains("省级评估已于2022年通过"))
        let home = OfficePages.home(input)
        #expect(home.contains("省级评估已于2022年通过"))
        // Row 4 has no provincial series: it says so rather than claiming a pass.
        let row4 = try #require(OfficePages.indicator(input, id: "compulsory_county_assessment"))
        #expect(row4.contains("省级评估暂无通过记录"))
    }

    @Test func aYearAfterTheLatestDataIsRefusedInChinese() throws {
        let plan = try Self.plan()
        let model = OfficeModel(OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: plan, now: 0))
        #expect(model.latestDataYear == 2025)
        guard case .failure(let e) = OfficeRoutes.reportYear("2027", plan: plan, latest: 2025) else { Issue.record("2027 accepted"); return }
        #expect(e.description.contains("2027年尚无任何指标数据"))
        guard case .success(2025) = OfficeRoutes.reportYear("2025", plan: plan, latest: 2025) else { Issue.record("2025 refused"); return }
        guard case .failure(let nul) = OfficeRoutes.reportYear("\u{0}", plan: plan, latest: 2025) else { Issue.record("NUL accepted"); return }
        #expect(!nul.description.contains("\u{0}"))
        #expect(!nul.description.contains("year 参数"))
        #expect(nul.description.hasPrefix("报告年份应为2022年至2027年"))
        #expect(OfficeRoutes.futureYearError(2025, latest: 2025) == nil)
        #expect(OfficeRoutes.futureYearError(2026, latest: nil) != nil)
    }

    @Test func theFinalYearsReportHasOneTargetColumn() throws {
        let plan = try Self.plan()
        let html = OfficePages.report(OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: plan, now: 0), year: 2027)
        let overview = try #require(html.components(separatedBy: "<table class=\"overview").dropFirst().first?.components(separatedBy: "</thead>").first)
        #expect(overview.components(separatedBy: "2027年目标").count - 1 == 1)
        let html25 = OfficePages.report(OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: plan, now: 0), year: 2025)
        #expect(html25.contains("<th>2027年目标</th>"))
    }

    @Test func noDeveloperJargonOnThePagesOrInTheReport() throws {
        let plan = try Self.plan()
        let input = OfficeInput(
            snapshot: OfficePagesTests.snapshot(), plan: plan,
            sources: [
                DataSource(
                    collector: "enrolment", module: "enrolment", families: ["eduplan_kindergarten_enrolment_public_ratio"],
                    files: ["a/x.csv", "a/y.csv"], lastSuccess: 0, success: true, errors: [])
            ],
            now: 0)
        var pages = [OfficePages.home(input), OfficePages.report(input, year: 2025)]
        for ind in plan.indicators { pages.append(OfficePages.indicator(input, id: ind.id) ?? "") }
        for html in pages {
            for word in [
                "name_zh", "tier: national", "match source", "units_zh", "resource: composite", "person-times", "按 range",
                "plan.prefer", "配置", "采集器", "eduplan_", "（15.7)", "本页按",
            ] {
                #expect(!html.contains(word), "\(word)")
            }
        }
        let page = try #require(OfficePages.indicator(input, id: "kindergarten_enrolment_public"))
        #expect(page.contains("各单位报送数据（2个文件）"))
        // Every conflict note is full-width Chinese: no half-width , ; : ( ) next to a Chinese character.
        for ind in plan.indicators { for note in ind.conflicts { #expect(WebFormat.fullWidth(note) == note, "\(ind.id): \(note)") } }
    }

    @Test func componentHeadersAreChineseWithUnits() throws {
        let plan = try Self.plan()
        let extra = [
            Sample("eduplan_kindergarten_enrolment_public_numerator", ["year": "2025"], 710),
            Sample("eduplan_kindergarten_enrolment_public_denominator", ["year": "2025"], 1000),
        ]
        let page = try #require(
            OfficePages.indicator(
                OfficeInput(snapshot: OfficePagesTests.snapshot(extra: extra), plan: plan, now: 0),
                id: "kindergarten_enrolment_public"))
        #expect(page.contains("<th>公办幼儿园在园幼儿数（人）</th><th>在园幼儿总数（人）</th>"))
    }

    @Test func bracketsDatesRawWordingAndZeroProjections() throws {
        let plan = try Self.plan()
        let input = OfficeInput(snapshot: OfficePagesTests.snapshot(), plan: plan, now: 1_796_131_620)  // 2026-12-01 13:27 UTC
        let report = OfficePages.report(input, year: 2025)
        #expect(report.contains("2026年12月1日 21:27生成"))
        #expect(!report.contains("(2023—2027年)"))
        let home = OfficePages.home(input)
        #expect(home.contains("优质幼儿园（省一级、二级园）覆盖率") || !plan.indicators.contains { $0.nameZh.contains("优质幼儿园(") })
        #expect(!home.contains("优质幼儿园(省一级"))
        let row2 = try #require(OfficePages.indicator(input, id: "kindergarten_enrolment_public"))
        #expect(row2.contains("规划基线（2022年预测值）：67%"))
        let row10 = try #require(plan.indicators.first { $0.id == "vocational_training" })
        #expect(WebFormat.rawWithUnit("0.80", row10) == "0.80万人次")
        #expect(WebFormat.rawWithUnit("达95%以上", row10) == "达95%以上")
        let count = OfficeWebFormatTests.indicator(.count, raw: "建设1所学术性普通高中")
        #expect(IndicatorView.projectionText(-0.2, count) == "0所")
        #expect(IndicatorView.projectionText(3.4, count) == "约3所")
    }
}

@Suite struct OfficeTemplatesTests {
    /// The compiled-in copy is the template files (run tools/embed_templates.py after editing a template).
    @Test func embeddedCopyMatchesTheFiles() throws {
        let folder = TestPaths.repo("Sources/YouxiangWeb/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(Set(names.map { String($0.dropLast(".mustache".count)) }) == Set(EmbeddedTemplates.all.keys))
        for name in names {
            var text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            #expect(EmbeddedTemplates.all[String(name.dropLast(".mustache".count))] == text, "\(name) differs: run tools/embed_templates.py")
        }
    }

    @Test func everyTemplateParses() {
        #expect(Templates.library.problems.isEmpty)
    }
}
