import YouxiangCore

/// Renders series into the text exposition formats.
///
/// Text 0.0.4: `# HELP` (escaping `\` and newline), `# TYPE` (info families are written as gauges named `*_info`,
/// counters under their `*_total` sample name), then one line per series. OpenMetrics 1.0: `# TYPE`, `# UNIT` (when the
/// name ends in the unit), `# HELP` (escaping `\`, `"` and newline) under the family name, samples, and a final `# EOF`
/// written by `finish`. Label values escape `\`, `"` and newline in both. Values: integral values below 1e15 are
/// written without a decimal point, others in Swift's shortest round-trip form; `NaN`, `+Inf`, `-Inf` spelled so.
/// No timestamps are written: Prometheus stamps each sample with its scrape time (docs/conventions.md, “Exposition”).
public struct ExpositionWriter {
    public let format: ExpositionFormat
    public private(set) var bytes: [UInt8] = []

    public init(format: ExpositionFormat, reserve: Int = 0) {
        self.format = format
        bytes.reserveCapacity(reserve)
    }

    /// Renders a whole snapshot and (for OpenMetrics) the `# EOF` line.
    public static func render(_ snapshot: SeriesSnapshot, format: ExpositionFormat) -> [UInt8] {
        var w = ExpositionWriter(format: format, reserve: snapshot.seriesCount * 96)
        w.write(snapshot)
        w.finish()
        return w.bytes
    }

    /// Appends every family of the snapshot.
    public mutating func write(_ snapshot: SeriesSnapshot) {
        for f in snapshot.families { write(f) }
    }

    /// Appends one family: its metadata lines, then its series.
    public mutating func write(_ f: FamilySeries) {
        guard f.count > 0 else { return }
        let family = f.family
        let sampleName = family.sampleName
        switch format {
        case .text:
            let metaName = family.type == .gauge ? family.name : sampleName
            append("# HELP "); append(metaName); append(" "); appendEscaped(family.help, quotes: false); newline()
            append("# TYPE "); append(metaName); append(family.type == .counter ? " counter" : " gauge"); newline()
        case .openMetrics:
            append("# TYPE "); append(family.name); append(" "); append(family.type.rawValue); newline()
            if !family.unit.isEmpty, family.type != .info, family.name.hasSuffix("_" + family.unit) {
                append("# UNIT "); append(family.name); append(" "); append(family.unit); newline()
            }
            append("# HELP "); append(family.name); append(" "); appendEscaped(family.help, quotes: true); newline()
        }
        let c = f.columns
        let k = c.labelNames.count
        // `name="` once per label name; the series' cells pick their values from the interned strings.
        let openers: [[UInt8]] = c.labelNames.map { Array($0.utf8) + [UInt8(ascii: "="), UInt8(ascii: "\"")] }
        c.cells.withUnsafeBufferPointer { cells in
            for r in 0..<c.count {
                append(sampleName)
                var first = true
                for col in 0..<k {
                    let id = cells[r * k + col]
                    guard id != SeriesColumns.absent else { continue }
                    bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
                    first = false
                    bytes.append(contentsOf: openers[col])
                    appendEscaped(c.strings[Int(id)], quotes: true)
                    bytes.append(UInt8(ascii: "\""))
                }
                if !first { bytes.append(UInt8(ascii: "}")) }
                bytes.append(UInt8(ascii: " "))
                appendValue(c.values[r])
                newline()
            }
        }
    }

    /// Ends the exposition (`# EOF` in OpenMetrics; nothing in text).
    public mutating func finish() {
        if format == .openMetrics { append("# EOF"); newline() }
    }

    private mutating func appendEscaped(_ s: String, quotes: Bool) {
        let u = s.utf8
        let needs = u.contains { $0 == 0x5C || $0 == 0x0A || (quotes && $0 == 0x22) }
        guard needs else { bytes.append(contentsOf: u); return }
        for c in u {
            switch c {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x22 where quotes: bytes.append(0x5C); bytes.append(0x22)
            default: bytes.append(c)
            }
        }
    }

    private mutating func appendValue(_ v: Double) {
        if v.isNaN { append("NaN"); return }
        if v.isInfinite { append(v > 0 ? "+Inf" : "-Inf"); return }
        if v == v.rounded(), Swift.abs(v) < 1e15 {
            append(String(Int64(v)))
        } else {
            append(v.description)
        }
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
    private mutating func newline() { bytes.append(0x0A) }
}
