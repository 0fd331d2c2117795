import YouxiangConfig
import YouxiangCore

/// The daemon's own metrics (`youxiang_*`), after node_exporter's per-collector health metrics.
public enum SelfMetrics {
    public static let version = "0.1.0"

    static let success = MetricFamily(name: "youxiang_collector_success", help: "Whether the collector's last run succeeded (1) or not (0).")
    static let duration = MetricFamily(name: "youxiang_collector_duration_seconds", help: "Duration of the collector's last run.", unit: "seconds")
    static let lastSuccess = MetricFamily(
        name: "youxiang_collector_last_success_timestamp_seconds",
        help: "Unix time of the collector's last successful run.", unit: "seconds")
    static let rowsRead = MetricFamily(name: "youxiang_collector_rows_read", help: "Data rows read by the collector's last run.")
    static let rowsRejected = MetricFamily(
        name: "youxiang_collector_rows_rejected",
        help: "Data rows rejected (skipped, logged with file and line) by the collector's last run.")
    static let rowsIncomplete = MetricFamily(
        name: "youxiang_collector_rows_incomplete",
        help: "Data rows left out of the collector's last run because a value it needs is marked missing (—, blank, N/A).")
    static let stale = MetricFamily(
        name: "youxiang_collector_stale",
        help: "1 while the collector is failing and series of its last good run fill in what the failing run lacks (for keep_last_good runs).")
    static let runs = MetricFamily(name: "youxiang_collector_runs", type: .counter, help: "Collection runs since start.")
    static let failures = MetricFamily(name: "youxiang_collector_failures", type: .counter, help: "Failed collection runs since start.")
    static let series = MetricFamily(
        name: "youxiang_snapshot_series", help: "Series in the snapshot served on /metrics (excluding process and scrape metrics).")
    static let dropped = MetricFamily(
        name: "youxiang_snapshot_samples_dropped",
        help: "Samples dropped while assembling the last snapshot: a duplicate series, or an undeclared family.")
    static let buildInfo = MetricFamily(name: "youxiang_build", type: .info, help: "Build information of youxiangd.")
    static let reloadOK = MetricFamily(name: "youxiang_config_last_reload_successful", help: "Whether the last configuration load succeeded.")
    static let reloadTime = MetricFamily(
        name: "youxiang_config_last_reload_success_timestamp_seconds",
        help: "Unix time of the last successful configuration load.", unit: "seconds")

    /// Families describing collectors and the snapshot (rebuilt with every snapshot).
    public static let families = [
        success, duration, lastSuccess, rowsRead, rowsRejected, rowsIncomplete, stale, runs, failures, series, dropped, buildInfo, reloadOK, reloadTime,
    ]

    /// Samples for the collectors' statuses and the configuration state.
    static func samples(statuses: [CollectorStatus], stale: Set<String>, reloadSuccessful: Bool, reloadTimestamp: Double) -> [Sample] {
        var out: [Sample] = []
        for s in statuses where s.ran {
            let l: Labels = ["collector": s.name, "module": s.module]
            out.append(Sample(success.name, l, s.success ? 1 : 0))
            out.append(Sample(duration.name, l, s.durationSeconds))
            if let t = s.lastSuccessTimestamp { out.append(Sample(lastSuccess.name, l, t)) }
            out.append(Sample(rowsRead.name, l, Double(s.rowsRead)))
            out.append(Sample(rowsRejected.name, l, Double(s.rowsRejected)))
            out.append(Sample(rowsIncomplete.name, l, Double(s.rowsIncomplete)))
            out.append(Sample(Self.stale.name, l, stale.contains(s.name) ? 1 : 0))
            out.append(Sample(runs.name, l, Double(s.runs)))
            out.append(Sample(failures.name, l, Double(s.failures)))
        }
        out.append(Sample(buildInfo.name, ["version": version, "swift_version": swiftVersion], 1))
        out.append(Sample(reloadOK.name, Labels(), reloadSuccessful ? 1 : 0))
        out.append(Sample(reloadTime.name, Labels(), reloadTimestamp))
        return out
    }

    static let swiftVersion: String = {
        #if compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }()
}
