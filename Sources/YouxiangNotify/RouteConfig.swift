import YouxiangAlerting
import YouxiangConfig
import YouxiangCore

/// The routing tree (Alertmanager's shape): an alert goes to the first child route that matches (to every matching
/// one where `continue: true`), else to the parent's receiver. Grouping and timing are inherited.
///
/// ```yaml
/// route:
///   receiver: office
///   group_by: [alertname, indicator]
///   group_wait: 30s        # first notification of a new group waits this long (more alerts may join)
///   group_interval: 5m     # a changed group is notified at most this often
///   repeat_interval: 24h   # an unchanged firing group is re-notified this often
///   routes:
///     - matchers: ['responsible_units=~".*区卫健局.*"']
///       receiver: health-bureau
///       continue: true
/// ```
public struct Route: Sendable {
    public var receiver: String
    public var matchers: [LabelMatcher]
    public var groupBy: [String]
    public var groupWait: Duration
    public var groupInterval: Duration
    public var repeatInterval: Duration
    public var continueMatching: Bool
    public var children: [Route]
    /// Position in the tree, e.g. `0.1`, used in group keys.
    public var path: String

    /// Receivers (with the route that chose each) for an alert's labels.
    public func match(_ labels: Labels) -> [Route] {
        var out: [Route] = []
        for child in children where child.matchers.allSatisfy({ $0.matches(labels) }) {
            out += child.match(labels)
            if !child.continueMatching { return out }
        }
        return out.isEmpty ? [self] : out
    }

    static let keys = ["receiver", "matchers", "group_by", "group_wait", "group_interval", "repeat_interval", "continue", "routes"]

    /// Decodes a route node; the top one must name a receiver.
    public static func decode(_ node: ConfigNode, parent: Route?, path: String, receivers: Set<String>) -> Route? {
        guard let m = node.mapping(allowed: keys) else { return nil }
        var r =
            parent
            ?? Route(
                receiver: "", matchers: [], groupBy: ["alertname"], groupWait: .seconds(30), groupInterval: .seconds(300),
                repeatInterval: .seconds(14400), continueMatching: false, children: [], path: path)
        r.path = path
        r.children = []
        r.matchers = []
        r.continueMatching = false
        if let n = m.optional("receiver"), let name = n.string() {
            if receivers.contains(name) {
                r.receiver = name
            } else {
                n.error("unknown receiver \"\(name)\" (receivers: \(receivers.sorted().joined(separator: ", ")))")
            }
        } else if parent == nil {
            _ = m.required("receiver")
        }
        for item in m.optional("matchers")?.list() ?? [] {
            guard let text = item.string() else { continue }
            switch LabelMatcher.parse(text) {
            case .success(let lm): r.matchers.append(lm)
            case .failure(let e): item.error(e.message)
            }
        }
        if parent == nil, !r.matchers.isEmpty { m.optional("matchers")?.error("the top route matches every alert; put matchers on child routes") }
        if let g = m.optional("group_by")?.stringList() { r.groupBy = g }
        if let v = m.optional("group_wait")?.durationOrZero() { r.groupWait = v }
        if let v = m.optional("group_interval")?.durationOrZero() { r.groupInterval = v }
        if let v = m.optional("repeat_interval")?.durationOrZero() { r.repeatInterval = v }
        r.continueMatching = m.optional("continue")?.bool() ?? false
        for (i, c) in (m.optional("routes")?.list() ?? []).enumerated() {
            if let child = decode(c, parent: r, path: "\(path).\(i)", receivers: receivers) { r.children.append(child) }
        }
        return r
    }
}
