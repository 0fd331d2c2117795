import YouxiangCore

/// One alert as Alertmanager's `POST /api/v2/alerts` takes it (times in RFC 3339).
struct AMAlert: Encodable { var labels: Labels; var annotations: [String: String]; var startsAt: String; var endsAt: String; var generatorURL: String }
