import Foundation
import YouxiangAlerting
import YouxiangCore
import YouxiangNotify

/// `/api/v1/alerts` and `/api/v1/rules` in Prometheus's JSON shapes.
enum AlertsAPI {
    struct AlertJSON: Encodable {
        var labels: Labels
        var annotations: [String: String]
        var state: String
        var activeAt: String
        var value: String
        var keepFiringSince: String?
        /// youxiangd's addition: firing, but its data has disappeared (kept firing until it returns or stale_limit).
        var stale: Bool
    }

    static func alert(_ a: AlertInstance) -> AlertJSON {
        AlertJSON(
            labels: a.labels, annotations: a.annotations, state: a.state.rawValue,
            activeAt: Timestamps.rfc3339(a.activeAt), value: ValueText.shortest(a.value), keepFiringSince: nil, stale: a.stale)
    }

    static func alerts(_ all: [(rule: AlertRule, alert: AlertInstance)]) -> [UInt8] {
        struct Body: Encodable { var status = "success"; var data: DataPart; struct DataPart: Encodable { var alerts: [AlertJSON] } }
        let list = all.filter { $0.alert.state != .inactive }
            .sorted { AlertingCoordinator.describe($0.alert.labels) < AlertingCoordinator.describe($1.alert.labels) }
            .map { alert($0.alert) }
        return encode(Body(data: .init(alerts: list)))
    }

    struct RuleJSON: Encodable {
        var state: String
        var name: String
        var query: String
        var duration: Double
        var keepFiringFor: Double
        var labels: Labels
        var annotations: [String: String]
        var alerts: [AlertJSON]
        var health = "ok"
        var evaluationTime: Double
        var lastEvaluation: String
        var type = "alerting"
    }

    struct GroupJSON: Encodable {
        var name: String
        var file: String
        var rules: [RuleJSON]
        var interval: Double
        var limit = 0
        var evaluationTime: Double
        var lastEvaluation: String
    }

    static func rules(_ engine: RuleEngine, interval: Double, file: String) -> [UInt8] {
        struct Body: Encodable { var status = "success"; var data: DataPart; struct DataPart: Encodable { var groups: [GroupJSON] } }
        var groups: [String: GroupJSON] = [:]
        var order: [String] = []
        for r in engine.rules {
            let instances = engine.machines[r.id]?.active ?? []
            let state = instances.contains { $0.state == .firing } ? "firing" : (instances.isEmpty ? "inactive" : "pending")
            let eval = engine.lastEvaluation[r.id]
            let rule = RuleJSON(
                state: state, name: r.name, query: r.query, duration: r.options.forDuration.seconds,
                keepFiringFor: r.options.keepFiringFor.seconds, labels: r.labels, annotations: [:],
                alerts: instances.map(alert), evaluationTime: eval?.took.seconds ?? 0,
                lastEvaluation: eval.map { Timestamps.rfc3339($0.at) } ?? "0001-01-01T00:00:00Z")
            if groups[r.group] == nil {
                order.append(r.group)
                groups[r.group] = GroupJSON(name: r.group, file: file, rules: [], interval: interval, evaluationTime: 0, lastEvaluation: rule.lastEvaluation)
            }
            groups[r.group]!.rules.append(rule)
            groups[r.group]!.evaluationTime += rule.evaluationTime
        }
        return encode(Body(data: .init(groups: order.compactMap { groups[$0] })))
    }

    static func encode<T: Encodable>(_ v: T) -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? e.encode(v)) ?? Data())
    }
}
