/// Why the report's 国家县域评估 section lacks some or all of its criteria, in words, so the section is never dropped
/// (and the next one renumbered) without a sentence: the `assessment` collector's latest read failed for some files,
/// or it produced no criterion at all.
enum AssessmentGapNote {
    /// The sentence for the report on `year`, or nil when there is nothing to explain (no `assessment` collector
    /// configured, or its latest run read everything). `hasRows`: whether the section has criteria to show.
    static func text(sources: [DataSource], hasRows: Bool, year: Int) -> String? {
        let collectors = sources.filter { $0.module == "assessment" }
        let failed = collectors.filter { !$0.success }
        guard !collectors.isEmpty, !(hasRows && failed.isEmpty) else { return nil }
        // The files named in the failed runs' errors, by base name (the full paths are on the operators' page).
        var names: [String] = []
        for c in failed {
            for f in c.files where c.errors.contains(where: { $0.contains(f) || $0.contains(baseName(f)) }) {
                let b = baseName(f)
                if !names.contains(b) { names.append(b) }
            }
        }
        let which = names.isEmpty ? "部分报送数据" : "报送数据“" + names.joined(separator: "”“") + "”"
        if !hasRows {
            if failed.isEmpty { return "\(year)年尚无国家县域评估量化指标的测算结果，本节各项指标暂缺。" }
            return "国家县域评估量化指标测算所需的\(which)最近一次读取失败，本节各项指标暂缺，待数据完整读取后列示（详细原因由运维人员在运维状态页查看）。"
        }
        return "国家县域评估量化指标测算所需的\(which)最近一次读取失败：依赖这些数据的量化指标标为“数据不完整”，不作达标与否的评判；其余量化指标照常测算（详细原因由运维人员在运维状态页查看）。"
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
