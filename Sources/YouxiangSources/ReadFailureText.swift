import YouxiangIngest

/// A failed read in the office's words (the `reasonZh` of its `DataProblem`, shown in the 数据不完整 alert): what went
/// wrong in Chinese, no English, no path, no `:0:` position. The operators' English reason keeps the detail.
enum ReadFailureText {
    /// What follows the file's name: “不存在”, “没有读取权限”, “无法打开”, “是文件夹，不是文件”, “不是普通文件”,
    /// “读取超时”, “超过文件大小上限”, an encoding, workbook-format, damage or password cause in words, “第12行内容无法读取”,
    /// else “内容无法读取”.
    static func reason(_ e: IngestDiagnostic) -> String {
        let m = e.message
        if m.hasPrefix("cannot open file") || m.hasPrefix("cannot stat file") {
            if m.contains("No such file or directory") { return "不存在" }
            if m.contains("Permission denied") { return "没有读取权限" }
            return "无法打开"
        }
        if m.hasPrefix("is a directory") { return "是文件夹，不是文件" }
        if m.hasPrefix("not a regular file") { return "不是普通文件" }
        if m.hasPrefix("read abandoned") { return "读取超时" }
        if m.contains("max_file_bytes") || m.contains("larger than") { return "超过文件大小上限" }
        let at = e.line > 0 ? "第\(e.line)行" : ""
        // What the office can pass on to whoever exports or configures the file (the operators' English reason keeps
        // the detail).
        if m.contains("bytes are not valid") { return "\(at)文字编码与配置不符（如为GBK编码，需在采集配置中注明），内容无法读取" }
        if m.contains("not an .xlsx workbook") || m.contains("not a readable .xls") || m.contains("not an .xls workbook") {
            return "不是有效的Excel工作簿（可能是改了扩展名的其他文件），内容无法读取"
        }
        if m.contains(".xlsx workbook (a zip archive), not an .xls") || m.contains("old Excel workbook (.xls), not an .xlsx") {
            return "的扩展名与工作簿格式不符，内容无法读取"
        }
        if m.contains("crashed") || m.contains("damaged") { return "已损坏，内容无法读取，请从Excel或WPS重新保存" }
        if m.contains("password") { return "设有密码，内容无法读取，请另存为无密码的副本" }
        return at.isEmpty ? "内容无法读取" : "\(at)内容无法读取"
    }

    /// How the office names a file: its base name in “”, e.g. `文件“kindergartens_2025.csv”` (never an absolute path,
    /// so relative and absolute configurations read alike).
    static func fileName(_ path: String) -> String {
        "文件“" + String(path.split(separator: "/").last ?? Substring(path)) + "”"
    }
}
