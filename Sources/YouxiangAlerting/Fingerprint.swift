import YouxiangCore

/// FNV-1a 64-bit fingerprints of label sets, as Prometheus and Alertmanager compute them (names and values joined by
/// 0xff separators, sorted by name).
public enum Fingerprint {
    public static func of(_ labels: Labels) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 } }
        for p in labels.pairs {
            mix(p.name.utf8); mix([0xff]); mix(p.value.utf8); mix([0xff])
        }
        return hex(h)
    }

    /// FNV-1a 64 of a string, hex.
    public static func of(string: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in string.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        return hex(h)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
