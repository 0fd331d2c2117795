import YouxiangConfig
import YouxiangCore

/// `process_*` metrics read from Linux's /proc (omitted where /proc is absent).
public enum ProcessMetrics {
    static let cpu = MetricFamily(name: "process_cpu_seconds", type: .counter, help: "Total user and system CPU time spent in seconds.", unit: "seconds")
    static let resident = MetricFamily(name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", unit: "bytes")
    static let virtual = MetricFamily(name: "process_virtual_memory_bytes", help: "Virtual memory size in bytes.", unit: "bytes")
    static let openFDs = MetricFamily(name: "process_open_fds", help: "Number of open file descriptors.")
    static let maxFDs = MetricFamily(name: "process_max_fds", help: "Maximum number of open file descriptors.")
    static let start = MetricFamily(name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", unit: "seconds")

    /// The current values as a snapshot (families sorted by name).
    public static func snapshot() -> SeriesSnapshot {
        var b = SnapshotBuilder()
        for f in [cpu, resident, virtual, openFDs, maxFDs, start] { b.declare(f) }
        b.add(read())
        return b.build()
    }

    static func read() -> [Sample] {
        guard let bytes = FileReading.contents(of: "/proc/self/stat"), let text = String(validating: bytes, as: UTF8.self),
            let close = text.lastIndex(of: ")")
        else { return [] }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is state (field 3); utime=14, stime=15, starttime=22, vsize=23, rss=24 → offsets 11, 12, 19, 20, 21.
        guard fields.count > 21, let ut = Double(fields[11]), let st = Double(fields[12]), let startTicks = Double(fields[19]),
            let vsize = Double(fields[20]), let rss = Double(fields[21])
        else { return [] }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        var out = [
            Sample(cpu.name, Labels(), (ut + st) / ticks),
            Sample(virtual.name, Labels(), vsize),
            Sample(resident.name, Labels(), rss * page),
            Sample(openFDs.name, Labels(), Double(openFileCount())),
        ]
        if let bt = bootTime() { out.append(Sample(start.name, Labels(), bt + startTicks / ticks)) }
        var lim = rlimit()
        if getrlimit(RLIMIT_NOFILE_VALUE, &lim) == 0 { out.append(Sample(maxFDs.name, Labels(), Double(lim.rlim_cur))) }
        return out
    }

    private static func openFileCount() -> Int {
        guard let dir = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(dir) }
        var n = 0
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { n += 1 }
        }
        return max(0, n - 1)  // the directory stream itself
    }

    private static func bootTime() -> Double? {
        guard let bytes = FileReading.contents(of: "/proc/stat"), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingSpaces)
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
let RLIMIT_NOFILE_VALUE = Int32(RLIMIT_NOFILE.rawValue)
#elseif canImport(Darwin)
import Darwin
let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif
