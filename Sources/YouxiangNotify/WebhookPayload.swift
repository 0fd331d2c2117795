import YouxiangCore

/// The body of a webhook notification, in Alertmanager's webhook format (version 4).
struct WebhookPayload: Encodable {
    var receiver: String; var status: String; var alerts: [WebhookAlert]; var groupLabels: Labels; var commonLabels: Labels
    var commonAnnotations: [String: String]; var externalURL: String; var version: String; var groupKey: String; var truncatedAlerts: Int
}

/// One alert of a `WebhookPayload` (times in RFC 3339; an unresolved alert ends at `0001-01-01T00:00:00Z`).
struct WebhookAlert: Encodable {
    var status: String; var labels: Labels; var annotations: [String: String]; var startsAt: String; var endsAt: String; var generatorURL: String;
    var fingerprint: String
}
