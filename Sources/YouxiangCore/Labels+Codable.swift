/// `Labels` in JSON, where a `[String: String]` used to travel (alert states, notifications, the outbox): an object of
/// names to values.
extension Labels: Codable {
    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a JSON object of label names to values (`{"alertname":"X","year":"2025"}`), as a dictionary was.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Name.self)
        self.init(try c.allKeys.map { ($0.stringValue, try c.decode(String.self, forKey: $0)) })
    }

    /// Encodes as a JSON object of label names to values, in name order: Alertmanager's and the webhook's `labels`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Name.self)
        for p in pairs { try c.encode(p.value, forKey: Name(stringValue: p.name)) }
    }
}
