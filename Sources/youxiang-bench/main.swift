// youxiang-bench: in-process measurements for bench/run (ingest, memory per series, rule evaluation, outbox commits).
// Prints one line of `key=value` pairs per measurement; bench/run turns them into the table.
import Foundation
import YouxiangAlerting
import YouxiangConfig
import YouxiangCore
import YouxiangExposition
import YouxiangIngest
import YouxiangModules
import YouxiangNotify

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: "--" + name), i + 1 < args.count { return args[i + 1] }
    return fallback
}

/// `ingest --config F`: runs every collector of a configuration once through the real reader and module
/// (decode, parse, normalize into samples, assemble the snapshot) and reports rows and bytes per second.
func ingest() async throws {
    let path = argument("config", "")
    let config = try ConfigLoader.load(path: path, modules: allModules).get()
    for entry in config.collectors {
        let bytes = entry.collector.inputFiles.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        var result = CollectionResult()
        let read = try await timedAsync { result = try await entry.collector.collect() }
        // A measurement of a failed read would be meaningless: say why on stderr and fail.
        if !result.errors.isEmpty {
            FileHandle.standardError.write(Data("ingest \(entry.name): \(result.errors.prefix(3).joined(separator: "; "))\n".utf8))
            exit(1)
        }
        var builder = SnapshotBuilder()
        for f in entry.collector.families { builder.declare(f) }
        let assemble = seconds {
            builder.add(result.samples); _ = builder.build()
        }
        print(
            "ingest collector=\(entry.name) rows=\(result.rowsRead) rejected=\(result.rejectedRows.count) bytes=\(bytes) seconds=\(read) "
                + "rows_per_second=\(Int(Double(result.rowsRead) / read)) mb_per_second=\(String(format: "%.1f", Double(bytes) / read / 1e6)) "
                + "samples=\(result.samples.count) assemble_seconds=\(assemble)")
    }
}

func timedAsync(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// `rules --rules N --series M`: N threshold rules (one school each, `name="value"` matchers) over M series.
func rules() throws {
    let n = Int(argument("rules", "10000"))!, m = Int(argument("series", "100000"))!
    var builder = SnapshotBuilder()
    let families = [
        "eduplan_school_students", "eduplan_school_teachers", "eduplan_school_floor_area_square_meters",
        "eduplan_school_equipment_value_yuan", "eduplan_school_multimedia_classrooms",
    ]
    for f in families { builder.declare(MetricFamily(name: f, help: f)) }
    var samples: [Sample] = []
    for i in 0..<m {
        let school = String(2_133_000_000 + i / 20)
        samples.append(
            Sample(
                families[i % 5],
                [
                    "school_id": school, "level": i % 2 == 0 ? "primary" : "junior",
                    "year": String(2022 + (i / 5) % 4), "grade": String((i / 5) % 6 + 1),
                ], Double(i % 1000) + 0.5))
    }
    builder.add(samples)
    let snapshot = builder.build()
    var list: [AlertRule] = []
    for i in 0..<n {
        let school = String(2_133_000_000 + (i * 7) % max(1, m / 20))
        let t = ThresholdRule(
            metric: families[i % 5], matchers: [try LabelMatcher(name: "school_id", kind: .equal, value: school)],
            op: .gt, threshold: 900, labelTemplates: [:], annotationTemplates: [:])
        list.append(AlertRule(id: "bench/\(i)", group: "bench", name: "BenchHigh", kind: .threshold(t), options: .init(), labels: [:], query: t.promQL))
    }
    var engine = RuleEngine(rules: list)
    var times: [Double] = []
    var firing = 0
    for round in 0..<5 {
        let ctx = EvaluationContext(
            snapshot: snapshot, plan: nil, prefer: [:], declaredFamilies: [], collectors: [], now: UnixTime(seconds: Double(round * 15)),
            externalLabels: [:], externalURL: "")
        times.append(
            seconds {
                let t = engine.evaluate(ctx).count; if round == 0 { firing = t }
            })
    }
    times.sort()
    print("rules rules=\(n) series=\(m) median_seconds=\(times[2]) max_seconds=\(times[4]) transitions_first_round=\(firing)")
}

/// `outbox --count N`: N notifications committed one transaction each (as evaluations do), then in batches of 100.
func outbox() throws {
    let n = Int(argument("count", "2000"))!
    let dir = NSTemporaryDirectory() + "youxiang-bench-outbox-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let o = try Outbox(directory: dir)
    let payload = AlertPayload(
        AlertInstance(
            labels: ["alertname": "EduplanTargetMissed", "indicator": "x", "year": "2025"],
            annotations: ["summary": String(repeating: "公办幼儿园在园幼儿占比", count: 4)], state: .firing,
            activeAt: 0, firedAt: 0, resolvedAt: nil, lastTrueAt: 0, lastSeenAt: 0, stale: false, value: 0.71),
        generatorURL: "http://localhost:9096/")
    func note(_ i: Int) -> AlertNotification {
        AlertNotification(
            id: "n\(i)", receiver: "office", kind: .change, groupKey: "g", groupLabels: Labels(), alerts: [payload], createdAt: UnixTime(seconds: Double(i)),
            externalURL: "")
    }
    let single = try seconds { for i in 0..<n { try o.commit([note(i)], states: ["alert-states": Data(count: 2048)]) } }
    let batched = try seconds { for b in 0..<(n / 100) { try o.commit((0..<100).map { note(n + b * 100 + $0) }, states: [:]) } }
    print("outbox count=\(n) per_second_single=\(Int(Double(n) / single)) per_second_batched=\(Int(Double(n / 100 * 100) / batched))")
}

/// `read --config F`: only the reader (decode and split into rows), for each source file of the first collector.
func readOnly() throws {
    let config = try ConfigLoader.load(path: argument("config", ""), modules: allModules).get()
    for path in config.collectors[0].collector.inputFiles {
        let enc = path.contains("gbk") ? "gbk" : "utf-8"
        var spec = TableSpec(columns: [
            "school_id": ColumnSpec(header: "学校标识码"), "name": ColumnSpec(header: "学校名称"),
            "stage": ColumnSpec(header: "学段"), "year": ColumnSpec(header: "年份"),
            "pupils": ColumnSpec(header: "在校学生数"), "teachers": ColumnSpec(header: "专任教师数"),
        ])
        spec.encoding = TextEncoding(name: enc)!
        var rows = 0
        let t = try seconds { rows = try TableReader.read(path: path, spec: spec).rows.count }
        print("read file=\(path) rows=\(rows) seconds=\(t) rows_per_second=\(Int(Double(rows) / t))")
    }
}

/// Resident bytes of this process (`/proc/self/statm`), after giving freed heap back (glibc `malloc_trim`).
func residentBytes() -> Int {
    typealias Trim = @convention(c) (Int) -> Int32
    if let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") { _ = unsafeBitCast(p, to: Trim.self)(0) }
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// `memory --config F`: what the daemon keeps resident per series, stage by stage, through the same types it keeps:
/// the collector's samples (`SampleTable`, what a collector's status holds between runs), the snapshot (label cells,
/// values, interned strings), the rendered text body and its gzip prefix (the daemon's `Renderings`). Each part is
/// measured as the growth of this process's resident set (after `malloc_trim`) while it is made, with the transient
/// data of the step freed; the bytes its arrays hold are counted beside it.
func memory() async throws {
    MemoryRelease.configure()  // as the daemon's engine does
    let config = try ConfigLoader.load(path: argument("config", ""), modules: allModules).get()
    // A first pass, thrown away: code and data pages touched on first use (readers, encodings, zlib) and the
    // allocator's own growth are fixed costs, not per series; the second pass is measured.
    for pass in 0..<2 {
        var tables: [SampleTable] = []
        let base = residentBytes()
        for entry in config.collectors {
            let result = try await entry.collector.collect()
            tables.append(SampleTable(result.samples))
        }
        let afterSamples = residentBytes()
        var builder = SnapshotBuilder(externalLabels: config.externalLabels)
        for entry in config.collectors { for f in entry.collector.families { builder.declare(f) } }
        for (entry, table) in zip(config.collectors, tables) { builder.add(table, labels: entry.labels) }
        let snapshot = builder.build()
        builder = SnapshotBuilder()
        let afterSnapshot = residentBytes()
        // The daemon's render cache: the text body as the ByteBuffer scrapes send, and its gzip prefix.
        let renderings = Renderings(snapshot)
        let body = renderings.body(.text)
        let afterBody = residentBytes()
        let gzip = renderings.gzipPrefix(.text)
        let afterGzip = residentBytes()
        guard pass == 1 else { continue }
        let n = max(1, snapshot.seriesCount)
        func per(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / Double(n)) }
        let tableCells = tables.reduce(0) { t, table in t + table.families.reduce(0) { $0 + $1.columns.cells.count * 4 } }
        let tableValues = tables.reduce(0) { t, table in t + table.families.reduce(0) { $0 + $1.columns.values.count * 8 } }
        let tableStrings = tables.reduce(0) { $0 + $1.strings.count }
        let snapCells = snapshot.families.reduce(0) { $0 + $1.columns.cells.count * 4 }
        let snapValues = snapshot.families.reduce(0) { $0 + $1.columns.values.count * 8 }
        let snapStrings = snapshot.families.first?.columns.strings.count ?? 0
        print(
            "memory series=\(n) collector_samples_bytes_per_series=\(per(afterSamples - base)) snapshot_bytes_per_series=\(per(afterSnapshot - afterSamples)) "
                + "body_bytes_per_series=\(per(afterBody - afterSnapshot)) gzip_bytes_per_series=\(per(afterGzip - afterBody)) "
                + "total_bytes_per_series=\(per(afterGzip - base)) "
                + "counted_collector_cells=\(per(tableCells)) counted_collector_values=\(per(tableValues)) collector_strings=\(tableStrings) "
                + "counted_snapshot_cells=\(per(snapCells)) counted_snapshot_values=\(per(snapValues)) snapshot_strings=\(snapStrings) "
                + "counted_body=\(per(body.readableBytes)) counted_gzip=\(per(gzip.bytes.readableBytes))")
        withExtendedLifetime((tables, renderings, body, gzip)) {}
    }
}

switch CommandLine.arguments.dropFirst().first {
case "memory": try await memory()
case "read": try readOnly()
case "ingest": try await ingest()
case "rules": try rules()
case "outbox": try outbox()
default:
    print("usage: youxiang-bench ingest --config F | memory --config F | rules --rules N --series M | outbox --count N")
    exit(2)
}
