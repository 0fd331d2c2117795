import Foundation
import Testing
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangIngest
import YouxiangModules
import YouxiangPlan
import YouxiangSources
import YouxiangTestSupport

@testable import YouxiangWeb

/// The review's findings on the office's Chinese text (#5, #8, #11–#14): what `/`, `/report` and the alerts say.
@Suite struct OfficeTextTests {
    static func input(sources: [DataSource] = [], office: OfficeIdentity = .beilun) throws -> OfficeInput {
        OfficeInput(
            snapshot: OfficePagesTests.snapshot(), plan: try OfficePagesTests.plan(), sources: sources,
            now: PlanCalendar.unixTime(year: 2026, month: 1, day: 5), office: office)
    }

    static func source(_ name: String, family: String, lastSuccess: UnixTime?) -> DataSource {
        DataSource(collector: name, module: "enrolment", families: [family], files: ["/srv/\(name).csv"], lastSuccess: lastSuccess, success: false)
    }

    /// #5: several failed reads make one sentence with their count (个), and it tells what the report shows for them.
    @Test func failedReadsAreOneTrueSentence() throws {
        let never = [
            Self.source("a", family: "eduplan_missing_family_a", lastSuccess: nil),
            Self.source("b", family: "eduplan_missing_family_b", lastSuccess: nil),
        ]
        let html = OfficePages.report(try Self.input(sources: never), year: 2025)
        #expect(html.components(separatedBy: "最近一次读取失败").count == 2)
        #expect(html.contains("有2个数据来源最近一次读取失败（详细原因由运维人员在运维状态页查看），此前未曾完整读取，相关指标暂无数值（列为“—”）。"))
        #expect(!html.contains("有一项") && !html.contains("按上次完整读取的数据列示"))

        let mixed = [
            Self.source("kept", family: "eduplan_kindergarten_enrolment_public_ratio", lastSuccess: PlanCalendar.unixTime(year: 2026, month: 1, day: 1)),
            Self.source("never", family: "eduplan_missing_family", lastSuccess: nil),
        ]
        let note = try #require(ReportView.failedReadNote(mixed, snapshot: OfficePagesTests.snapshot()))
        #expect(note == "有2个数据来源最近一次读取失败（详细原因由运维人员在运维状态页查看）：其中1个相关指标按上次完整读取的数据列示；1个此前未曾完整读取，相关指标暂无数值（列为“—”）。")
        #expect(ReportView.failedReadNote([], snapshot: OfficePagesTests.snapshot()) == nil)
    }

    /// #8: row 3's 2025 is judged against the table's 2025 target, its 2027 against the text's: the note names the
    /// source of the year shown.
    @Test func evaluatedSourceIsTheShownYears() throws {
        let m = OfficeModel(try Self.input(), year: 2025)
        let a = try #require(m.analysis("preschool_county_assessment"))
        let y2025 = IndicatorView(a, year: 2025, plan: m.input.plan)
        #expect(y2025.evaluated == "指标表与正文均有目标，2025年按指标表目标评估。")
        let y2026 = IndicatorView(a, year: 2026, plan: m.input.plan)
        #expect(y2026.evaluated == "指标表与正文均有目标，2027年按正文目标评估。")
    }

    /// #11: the district and office come from the configuration; Beilun's wording is only the default.
    @Test func districtAndOfficeAreConfigured() throws {
        let haishu = OfficeIdentity(districtZh: "海曙区")
        let home = OfficePages.home(try Self.input(office: haishu))
        let report = OfficePages.report(try Self.input(office: haishu), year: 2025)
        #expect(home.contains("<h1>海曙区“学有优教”专项实施方案指标监测</h1>"))
        #expect(report.contains("<div class=\"issuer\">海曙区公共服务七优享工程专班办公室</div>"))
        #expect(report.contains("<p class=\"sign\">海曙区公共服务七优享工程专班办公室<br>"))
        #expect(report.contains("海曙区“学有优教”专项实施方案2025年度实施情况"))
        for page in [home, report] { #expect(!page.contains("北仑区公共服务七优享工程专班办公室") && !page.contains("北仑区“学有优教”")) }
        let beilun = OfficePages.report(try Self.input(), year: 2025)
        #expect(beilun.contains("<div class=\"issuer\">北仑区公共服务七优享工程专班办公室</div>"))
    }

    static func configErrors(_ plan: String) throws -> (DaemonConfig?, [Diagnostic]) {
        let targets = TestPaths.repo("plugins/plan/targets.yml")
        let yaml = "plan:\n  targets_file: \(targets)\n\(plan)collectors: []\n"
        switch ConfigLoader.load(path: try TestPaths.temporaryFile(yaml), modules: allModules) {
        case .success(let c): return (c, [])
        case .failure(let e): return (nil, e.diagnostics)
        }
    }

    /// #11: `plan.district_zh` / `plan.office_zh` are read, and a bad value is an error at its line and column.
    @Test func districtConfigKeys() throws {
        let (c, d) = try Self.configErrors("  district_zh: 余姚市\n")
        #expect(d.isEmpty)
        #expect(c?.plan?.office == OfficeIdentity(districtZh: "余姚市", officeZh: "余姚市公共服务七优享工程专班办公室"))
        let (c2, _) = try Self.configErrors("  district_zh: 海曙区\n  office_zh: 海曙区教育局专班办公室\n")
        #expect(c2?.plan?.office.officeZh == "海曙区教育局专班办公室")
        let (c3, _) = try Self.configErrors("")
        #expect(c3?.plan?.office == .beilun)
        let (_, bad) = try Self.configErrors("  district_zh: \"\"\n  office_zh: Beilun office\n")
        #expect(bad.count == 2)
        #expect(bad.contains { $0.line == 3 && $0.column > 0 && $0.message.contains("must not be empty") })
        #expect(bad.contains { $0.line == 4 && $0.column > 0 && $0.message.contains("no Chinese character") })
    }

    /// #12: a failed file is told in Chinese by its base name; missing schools by name with their 学校标识码.
    @Test func readProblemsInTheOfficesWords() throws {
        let dir = NSTemporaryDirectory() + "youxiang-text-" + UUID().uuidString
        let spec = TableSpec(columns: ["school_id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称")])
        let y2024 = try TestPaths.temporaryFile("学校标识码,学校名称\n2133014348,紫石小学\n2133014349,新碶小学\n", name: "s_2024.csv", in: dir)
        let y2025 = try TestPaths.temporaryFile("学校标识码,学校名称\n2133014349,新碶小学\n", name: "s_2025.csv", in: dir)
        let files = [
            SourceFile(displayPath: y2024, path: y2024, year: 2024, format: .csv, spec: spec),
            SourceFile(displayPath: y2025, path: y2025, year: 2025, format: .csv, spec: spec),
            SourceFile(displayPath: "data/kindergartens_2023.csv", path: dir + "/kindergartens_2023.csv", year: 2023, format: .csv, spec: spec),
        ]
        var result = CollectionResult()
        SourceConfig(files: files, expectInstitutions: true).forEachRow(into: &result) { _, _ in }
        let zh = result.problems.map(\.reasonZh)
        #expect(zh.contains("文件“kindergartens_2023.csv”不存在"))
        #expect(zh.contains("2025年缺少上一年名单中的1所学校，即紫石小学（学校标识码2133014348）"))
        for r in zh { #expect(!r.contains("/") && !r.contains("cannot") && !r.contains(":0")) }
    }

    /// #13: one number style on the pages, the report and the alerts (thousands separated).
    @Test func oneNumberStyle() {
        #expect(PlanText.value(3510, unit: .places) == "3,510个学位")
        #expect(PlanText.value(10000, unit: .personTimes) == "10,000人次")
        #expect(WebFormat.number(3510) == "3,510" && WebFormat.number(92.40) == "92.4" && WebFormat.number(-1234.5) == "-1,234.5")
        #expect(ValueText.grouped(1e16) == ValueText.shortest(1e16))
    }

    /// #14: lists end with “。”, no “；” before a new sentence, no triple brackets, the summary counts each indicator
    /// once, no zero-count unit, task titles in “”.
    @Test func punctuationAndWording() throws {
        let report = OfficePages.report(try Self.input(), year: 2025)
        let home = OfficePages.home(try Self.input())
        #expect(!report.contains("；请牵头单位") && report.contains("。请牵头单位"))
        #expect(!report.contains("；</p>") && !home.contains("；</p>"))
        for page in [report, home] { #expect(!page.contains("）））")) }
        #expect(!report.contains("牵头0项") && !report.contains("配合0项"))
        #expect(report.contains("<p>区残联未牵头或配合《方案》量化指标，不单列。</p>"))
        #expect(!report.contains("各项状态合计"))
        #expect(home.contains("按“（二）扩大学前教育普及普惠”推定"))
        // Row 12's note is the plan file's own, on the page as in the alerts (fresh-eyes review: the page inferred
        // “按任务（六）” while the alerts said 四、（一）).
        #expect(home.contains("按《方案》四、（一）") && !home.contains("按任务“（六）"))
    }
}
