import Logging

/// Log line formats for `--log.format`.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `ts=… level=info msg="collector failed" collector=enrolment error="…"` (the Prometheus default).
    case logfmt
    /// One JSON object per line.
    case json
}
