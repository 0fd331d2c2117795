import Foundation
import Testing
import YouxiangAlerting
import YouxiangCore

@testable import YouxiangNotify

/// What the outbox and the state store hold, as the version before the typed alert path wrote it (labels as JSON
/// objects, times as Unix seconds, statuses as the receivers' words): it still reads, and writes back the same JSON.
@Suite struct StoredFormatTests {
    /// The same JSON value, whatever the key order and spacing.
    static func canonical(_ data: Data) throws -> Data {
        try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: data), options: [.sortedKeys])
    }

    static func roundTrips<T: Codable>(_ type: T.Type, _ json: String) throws -> T {
        let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        #expect(try canonical(JSONEncoder().encode(value)) == canonical(Data(json.utf8)))
        return value
    }

    @Test func outboxNotificationRow() throws {
        let n = try Self.roundTrips(
            AlertNotification.self,
            """
            {"id":"n-1","receiver":"office","kind":"change","groupKey":"office|0|alertname=X","groupLabels":{"alertname":"X"},
             "alerts":[
               {"status":"firing","labels":{"year":"2025","alertname":"X"},"annotations":{"summary":"未达标"},
                "startsAt":1795970000,"generatorURL":"","fingerprint":"0123456789abcdef","value":0.71},
               {"status":"resolved","labels":{"alertname":"X","year":"2024"},"annotations":{},
                "startsAt":1795970000,"endsAt":1795973600.5,"generatorURL":"","fingerprint":"fedcba9876543210","value":0.8}],
             "createdAt":1795970000.25,"externalURL":""}
            """)
        #expect(n.alerts.map(\.status) == [.firing, .inactive])
        #expect(n.alerts[0].labels == ["alertname": "X", "year": "2025"])
        #expect(n.alerts[1].endsAt == UnixTime(seconds: 1_795_973_600.5))
        #expect(n.createdAt == UnixTime(seconds: 1_795_970_000.25))
        #expect(n.status == .firing)
    }

    @Test func dispatcherState() throws {
        let d = try Self.roundTrips(
            Dispatcher.self,
            """
            {"groups":{"office|0|alertname=X":{"receiver":"office","groupLabels":{"alertname":"X"},"createdAt":100,
                                               "lastNotifiedAt":130,"notified":{"0123456789abcdef":"firing"}}},
             "sentToAlertmanager":{"am":{"0123456789abcdef":"firing","fedcba9876543210":"resolved"}},
             "lastRefresh":{"am":160.5}}
            """)
        #expect(d.sentToAlertmanager["am"] == ["0123456789abcdef": .firing, "fedcba9876543210": .inactive])
        #expect(d.groups.values.first?.notified == ["0123456789abcdef": .firing])
        #expect(d.lastRefresh["am"] == UnixTime(seconds: 160.5))
    }

    @Test func alertStates() throws {
        let saved = try Self.roundTrips(
            [String: [AlertInstance]].self,
            """
            {"rule":[{"labels":{"alertname":"X","year":"2025"},"annotations":{},"state":"inactive","activeAt":0,"firedAt":60,
                      "resolvedAt":120,"lastTrueAt":60,"lastSeenAt":120,"stale":false,"value":1}]}
            """)
        let a = try #require(saved["rule"]?.first)
        #expect(a.state == .inactive && a.labels["year"] == "2025" && a.firedAt == 60 && a.resolvedAt == 120)
        #expect(a.fingerprint == Fingerprint.of(["year": "2025", "alertname": "X"]))
    }

    @Test func anUnknownStatusWordIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Dispatcher.self, from: Data(#"{"groups":{},"sentToAlertmanager":{"am":{"f":"gone"}},"lastRefresh":{}}"#.utf8))
        }
    }
}
