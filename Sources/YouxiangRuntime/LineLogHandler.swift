import Logging
import YouxiangCore

/// A swift-log handler writing one line per event to stderr in logfmt or JSON, with the metadata as fields.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let format: LogFormat
    private let label: String

    public init(label: String, level: Logger.Level, format: LogFormat) {
        self.label = label
        self.logLevel = level
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [("ts", Self.timestamp()), ("level", event.level.rawValue), ("msg", "\(event.message)")]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (k, v) in merged.sorted(by: { $0.key < $1.key }) { fields.append((k, "\(v)")) }
        if label != "youxiangd" { fields.append(("logger", label)) }
        let line = format == .json ? Self.json(fields) : Self.logfmt(fields)
        StandardError.write(line + "\n")
    }

    /// `key=value` pairs; values with spaces, quotes, `=` or control characters are quoted and escaped.
    static func logfmt(_ fields: [(String, String)]) -> String {
        fields.map { k, v in
            let needsQuote = v.isEmpty || v.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.isNewline || $0 == "\t" }
            return needsQuote ? "\(k)=\"\(escape(v))\"" : "\(k)=\(v)"
        }.joined(separator: " ")
    }

    static func json(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\(escape($0.0))\":\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func escape(_ s: String) -> String {
        TextEscaping.escaping(s, TextEscaping.backslash) { $0.value < 0x20 ? String(format4: $0.value) : nil }
    }

    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = tm()
        var secs = ts.tv_sec
        gmtime_r(&secs, &t)
        let ms = Int(ts.tv_nsec / 1_000_000)
        func pad(_ v: Int32, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return
            "\(t.tm_year + 1900)-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(ms), 3))Z"
    }
}

private extension String {
    init(format4 v: UInt32) {
        let hex = String(v, radix: 16)
        self = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

#if canImport(Glibc)
import Glibc
#endif
