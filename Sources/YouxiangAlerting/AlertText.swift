import YouxiangCore
import YouxiangPlan

/// Every Chinese text of the daemon's alerts, one function per alert kind, in the 专班 office's 公文 style: full-width
/// punctuation, “” quotes, the plan's names and units, measure words that fit (门, 所, 对, 个, 人次), whole numbers for
/// counts, the plan's wording quoted with its unit, the lead unit (牵头单位) apart from the supporting units (配合单位),
/// the data's 截至 date and the evaluation time.
///
/// Each function returns the alert's annotations: `summary` and `description` (firing), `resolved_summary` and
/// `resolved_description` (the text sent once the alert resolves — the indicator meets its target again, the data
/// arrived, the collector recovered — never the firing text again), and plain fields for templates: `value`, `target`,
/// `plan_wording`, `lead_unit`, `supporting_units`, `responsible_units`, `evaluated_at`, `data_as_of`, and `link` only
/// when an external URL is configured.
public enum AlertText {
    /// When and where an evaluation happened.
    public struct Moment: Sendable, Equatable {
        /// When the evaluation happened.
        public var evaluatedAt: UnixTime
        /// What the data is current to (截至): `alerting.data_as_of` when configured, else the newest modification
        /// time of the files read by the indicator's collector; nil when unknown (the text then leaves it out).
        public var dataAsOf: UnixTime?
        /// The daemon's external URL (`--web.external-url` or `alerting.external_url`); empty: no link.
        public var externalURL: String
        /// True when `dataAsOf` is the configured reference date (“数据截至2025年12月31日”); false when it is the
        /// files' modification time, which a copy or a checkout also sets, so the text says what it is
        /// (“数据文件更新于2026年12月2日”).
        public var dataAsOfConfigured: Bool

        public init(evaluatedAt: UnixTime, dataAsOf: UnixTime? = nil, externalURL: String = "", dataAsOfConfigured: Bool = true) {
            self.evaluatedAt = evaluatedAt
            self.dataAsOf = dataAsOf
            self.externalURL = externalURL
            self.dataAsOfConfigured = dataAsOfConfigured
        }
    }

    // MARK: plan alerts

    /// `EduplanTargetMissed`: `value` (series unit) of `year` misses `target`. Status indicators (county assessments)
    /// get `assessmentNotPassed`'s text. `tolerance` (series unit) is mentioned when it is not 0.
    public static func targetMissed(
        _ ind: PlanIndicator, plan: PlanTargets?, year: Int, value: Double, target: PlanTarget,
        tolerance: Double = 0, at m: Moment
    ) -> [String: String] {
        if ind.unit == .status { return assessmentNotPassed(ind, plan: plan, year: year, target: target, at: m) }
        let name = PlanText.fullWidth(ind.nameZh)
        let v = PlanText.value(value, unit: ind.unit, measure: ind.measureZh)
        let goal = PlanText.target(target, unit: ind.unit, measure: ind.measureZh)
        let gap = PlanText.gap(value, target: target, unit: ind.unit, measure: ind.measureZh)
        let tol = tolerance > 0 ? "（已计入容差" + PlanText.tolerance(tolerance, unit: ind.unit, measure: ind.measureZh) + "）" : ""
        var a = common(ind, plan: plan, at: m)
        a["summary"] = "\(year)年“\(name)”未达到年度目标（\(v)，目标\(goal)）"
        a["description"] =
            "\(year)年\(name)为\(v)，未达到年度目标（\(goal)）\(tol)" + (gap.map { "，\($0)" } ?? "") + "。"
            + source(target, year: year, unit: ind.unit, measure: ind.measureZh) + units(ind, plan: plan) + times(m)
        a["resolved_summary"] = "\(year)年“\(name)”已达到年度目标（\(goal)）"
        a["resolved_description"] = "\(year)年\(name)已达到年度目标（\(goal)），未达标告警解除。" + units(ind, plan: plan)
        a["value"] = v
        a["target"] = goal
        a["plan_wording"] = PlanText.cell(target, unit: ind.unit, measure: ind.measureZh)
        if let gap { a["gap"] = gap }
        return a
    }

    /// `EduplanTargetMissed` for a status indicator (row 3, 4): the assessment of the tier the plan requires
    /// (national, per `subject_zh`) is not passed by `year`.
    public static func assessmentNotPassed(_ ind: PlanIndicator, plan: PlanTargets?, year: Int, target: PlanTarget, at m: Moment) -> [String: String] {
        let subject = PlanText.fullWidth(ind.subjectZh ?? ind.nameZh)
        var a = common(ind, plan: plan, at: m)
        a["summary"] = "\(year)年应通过的\(subject)尚未通过"
        a["description"] =
            "按规划，\(year)年应通过\(subject)，目前尚未通过。"
            + source(target, year: year, unit: ind.unit, measure: nil) + units(ind, plan: plan) + times(m)
        a["resolved_summary"] = "\(subject)已通过"
        a["resolved_description"] = "\(subject)已通过，达到\(year)年目标，告警解除。" + units(ind, plan: plan)
        a["value"] = "未通过"
        a["target"] = "通过"
        a["plan_wording"] = PlanText.cell(target, unit: ind.unit, measure: nil)
        return a
    }

    /// `EduplanOffTrack`: a least-squares trend over `points` yearly values from `firstYear` to `lastYear`, rising by
    /// `slopePerYear` (series unit), projects `projected` for `targetYear`, which misses `target`.
    public static func offTrack(
        _ ind: PlanIndicator, plan: PlanTargets?, targetYear: Int, projected: Double, slopePerYear: Double,
        firstYear: Int, lastYear: Int, points: Int, target: PlanTarget, at m: Moment
    ) -> [String: String] {
        let name = PlanText.fullWidth(ind.nameZh)
        let proj = PlanText.value(projected, unit: ind.unit, measure: ind.measureZh)  // counts: whole numbers
        let goal = PlanText.target(target, unit: ind.unit, measure: ind.measureZh)
        let gap = PlanText.gap(projected, target: target, unit: ind.unit, measure: ind.measureZh)
        var a = common(ind, plan: plan, at: m)
        a["summary"] = "按现有趋势，“\(name)”\(targetYear)年预计为\(proj)，达不到\(targetYear)年目标（\(goal)）"
        a["description"] =
            "根据\(firstYear)—\(lastYear)年\(points)个年度数据的线性趋势（每年\(PlanText.slope(slopePerYear, unit: ind.unit, measure: ind.measureZh))），"
            + "\(name)\(targetYear)年预计为\(proj)，目标为\(goal)" + (gap.map { "，\($0)" } ?? "") + "。"
            + source(target, year: targetYear, unit: ind.unit, measure: ind.measureZh) + units(ind, plan: plan) + times(m)
        a["resolved_summary"] = "按现有趋势，“\(name)”\(targetYear)年预计可达到目标（\(goal)）"
        a["resolved_description"] = "按最新数据的趋势，\(name)\(targetYear)年预计可达到目标（\(goal)），趋势预警解除。" + units(ind, plan: plan)
        a["projected_value"] = proj
        a["target"] = goal
        a["plan_wording"] = PlanText.cell(target, unit: ind.unit, measure: ind.measureZh)
        if let gap { a["gap"] = gap }
        return a
    }

    /// `EduplanIndicatorDataMissing` (无数据): `year`'s target (`target`, when the plan gives one) is due and the
    /// indicator has no value for it; `metric` is the series that should hold it (kept for callers; the office's text
    /// names the indicator only, never a series).
    public static func dataMissing(
        _ ind: PlanIndicator, plan: PlanTargets?, year: Int, target: PlanTarget?, metric: String,
        at m: Moment
    ) -> [String: String] {
        let name = PlanText.fullWidth(ind.nameZh)
        let goal = target.map { "（" + PlanText.target($0, unit: ind.unit, measure: ind.measureZh) + "）" } ?? ""
        var a = common(ind, plan: plan, at: m)
        a["summary"] = "\(year)年“\(name)”无数据，无法核对年度目标"
        a["description"] =
            "\(year)年度目标\(goal)已到期，但没有“\(name)”的数值，无法核对是否达标。"
            + "请报送该年数据，并检查采集配置。" + units(ind, plan: plan) + times(m)
        a["resolved_summary"] = "\(year)年“\(name)”已有数据"
        a["resolved_description"] = "\(year)年\(name)的数值已采集到，可以核对年度目标，无数据告警解除。" + units(ind, plan: plan)
        if let target { a["target"] = PlanText.target(target, unit: ind.unit, measure: ind.measureZh) }
        return a
    }

    /// `EduplanIndicatorDataIncomplete` (数据不完整): `year`'s inputs of the indicator were not read completely, for
    /// `reasons` (each a short clause, e.g. "文件 kindergartens_2025.csv 读取失败", "3行数据被拒收"); no value is
    /// published and the target is not checked until they are.
    public static func dataIncomplete(_ ind: PlanIndicator, plan: PlanTargets?, year: Int, reasons: [String], at m: Moment) -> [String: String] {
        let name = PlanText.fullWidth(ind.nameZh)
        let why = reasons.isEmpty ? "" : "：" + reasons.map(trimmedClause).joined(separator: "；")
        var a = common(ind, plan: plan, at: m)
        a["summary"] = "\(year)年“\(name)”数据不完整，暂不核对年度目标"
        a["description"] = "\(year)年\(name)的输入数据不完整\(why)。数据补齐前不发布该年数值，也不判断是否达标。" + units(ind, plan: plan) + times(m)
        a["resolved_summary"] = "\(year)年“\(name)”数据已完整"
        a["resolved_description"] = "\(year)年\(name)的输入数据已完整读取，恢复发布数值并核对年度目标。" + units(ind, plan: plan)
        a["reasons"] = reasons.map(trimmedClause).joined(separator: "；")
        return a
    }

    // MARK: the daemon's health

    /// `YouxiangCollectorFailing`: collector `collector` (module `module`) failed `failures` runs in a row, the last
    /// with `lastError` (the file and message, as logged; a `:0:` position, which says nothing, is left out);
    /// `keepLastGood` (the collector's `keep_last_good`) says for how many failed runs its last good data is kept.
    public static func collectorFailing(
        collector: String, module: String, failures: Int, lastError: String, keepLastGood: Int? = nil, at m: Moment
    ) -> [String: String] {
        var a: [String: String] = ["evaluated_at": Timestamps.chinaDateTime(m.evaluatedAt)]
        if !m.externalURL.isEmpty { a["link"] = m.externalURL + "/" }
        let err = lastError.isEmpty ? "" : "最近一次错误：\(trimmedClause(lastError.replacing(":0: ", with: ": ")))。"
        let kept =
            switch keepLastGood {
            case 0?: "其指标不沿用上次成功采集的数据，失败期间不发布。"
            case let k?: "连续失败不超过\(k)次时，其指标沿用上次成功采集的数据；连续失败超过\(k)次后不再发布。"
            case nil: "其指标在连续失败的头几次沿用上次成功采集的数据，之后不再发布。"
            }
        a["summary"] = "采集器“\(collector)”连续\(failures)次采集失败"
        a["description"] =
            "采集器“\(collector)”（模块 \(module)）连续\(failures)次采集失败。\(err)"
            + kept + "请检查数据文件和采集配置。" + times(Moment(evaluatedAt: m.evaluatedAt))
        a["resolved_summary"] = "采集器“\(collector)”已恢复正常"
        a["resolved_description"] = "采集器“\(collector)”（模块 \(module)）已成功完成采集，采集失败告警解除。"
        return a
    }

    /// The text of a firing alert that resolved only because its data stayed away for `stale_limit`: nothing says
    /// the target is met, so the resolved text must not claim it.
    public static func resolvedWithoutData(_ annotations: [String: String]) -> [String: String] {
        var a = annotations
        let what = annotations["summary"].map { "“\($0)”" } ?? "该告警"
        a["resolved_summary"] = "数据长时间缺失，告警自动解除：" + (annotations["summary"] ?? "")
        a["resolved_description"] = "\(what)的数据已超过时限未再出现，告警按规则自动解除，但无法确认是否已达标。请检查数据报送和采集。"
        return a
    }

    // MARK: parts

    static func common(_ ind: PlanIndicator, plan: PlanTargets?, at m: Moment) -> [String: String] {
        let all = plan?.responsibleUnits(of: ind) ?? []
        var a: [String: String] = [
            "responsible_units": PlanText.units(all),
            "evaluated_at": Timestamps.chinaDateTime(m.evaluatedAt),
        ]
        if let lead = all.first { a["lead_unit"] = lead }
        if all.count > 1 { a["supporting_units"] = PlanText.units(Array(all.dropFirst())) }
        if let asOf = m.dataAsOf { a["data_as_of"] = Timestamps.chinaDate(asOf) }
        if let title = plan?.sections[ind.section]?.titleZh { a["plan_section"] = PlanText.fullWidth(title) }
        if !m.externalURL.isEmpty { a["link"] = m.externalURL + "/" }
        return a
    }

    /// "规划指标表2025年目标值：“72%”。" or "规划原文：“…”。"
    static func source(_ t: PlanTarget, year: Int, unit: PlanUnit, measure: String?) -> String {
        let cell = PlanText.cell(t, unit: unit, measure: measure)
        return t.source == "table" ? "规划指标表\(year)年目标值：“\(cell)”。" : "规划原文：“\(cell)”。"
    }

    /// "牵头单位：区发改局；配合单位：区教育局、…（指标表未列责任单位，按“（二）…”推定）。"
    static func units(_ ind: PlanIndicator, plan: PlanTargets?) -> String {
        let all = plan?.responsibleUnits(of: ind) ?? []
        var s: String
        switch all.count {
        case 0: s = "责任单位：规划未列明"
        case 1: s = "牵头单位：\(all[0])"
        default: s = "牵头单位：\(all[0])；配合单位：\(PlanText.units(Array(all.dropFirst())))"
        }
        let inferred = ind.unitsInferred ? "指标表未列责任单位，按“\(ind.section)”推定" : nil
        if let note = plan?.unitsNote(of: ind) ?? ind.unitsNoteZh ?? inferred { s += "（\(PlanText.fullWidth(note))）" }
        return s + "。"
    }

    /// "数据截至2025年12月31日，评估时间2026年1月5日 09:30。" (configured `data_as_of`), "数据文件更新于2026年12月2日，
    /// 评估时间…" (the files' modification time).
    static func times(_ m: Moment) -> String {
        let eval = "评估时间\(Timestamps.chinaDateTime(m.evaluatedAt))。"
        guard let asOf = m.dataAsOf else { return eval }
        return (m.dataAsOfConfigured ? "数据截至" : "数据文件更新于") + "\(Timestamps.chinaDate(asOf))，" + eval
    }

    /// A clause without its own final full stop, so it can be joined with "；" and closed with "。".
    static func trimmedClause(_ s: String) -> String {
        var t = s.trimming(where: \.isWhitespace)
        while let last = t.last, "。.；;".contains(last) { t.removeLast() }
        return t
    }
}
