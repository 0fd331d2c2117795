import YouxiangCore

#if canImport(Glibc)
import Glibc
#endif

/// What the data of each family is current to (数据截至), for alert texts.
///
/// `alerting.data_as_of` (a date) when configured — the statistics' reference date, as the office reports it; else
/// the newest modification time of the files read by the collector that produces the family (the day the export was
/// saved). Families whose files cannot be stat-ed are left out, and the texts then leave the date out.
enum DataAsOf {
    static func byFamily(_ pipeline: Pipeline, configured: UnixTime?) -> [String: UnixTime] {
        var out: [String: UnixTime] = [:]
        for entry in pipeline.config.collectors {
            let t: UnixTime?
            if let configured { t = configured } else { t = entry.collector.inputFiles.compactMap(modificationTime).max() }
            guard let t else { continue }
            for f in entry.collector.families { out[f.name] = max(out[f.name] ?? .epoch, t) }
        }
        return out
    }

    /// A file's last modification; nil when it cannot be stat-ed.
    static func modificationTime(_ path: String) -> UnixTime? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UnixTime(seconds: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}
