/// Who publishes the office's pages and the periodic report: the district's name (in titles, “北仑区“学有优教”…”) and
/// the issuing office (the report's red issuer line and its signature). Configured as `plan.district_zh` and
/// `plan.office_zh`; the defaults are Beilun's wording, so a single-district setup needs neither.
public struct OfficeIdentity: Sendable, Equatable {
    /// The district as its titles name it, e.g. “北仑区”, “海曙区”, “余姚市”.
    public var districtZh: String
    /// The issuing office, e.g. “北仑区公共服务七优享工程专班办公室”.
    public var officeZh: String

    public init(districtZh: String, officeZh: String? = nil) {
        self.districtZh = districtZh
        self.officeZh = officeZh ?? Self.office(of: districtZh)
    }

    /// Beilun's wording, the default.
    public static let beilun = OfficeIdentity(districtZh: "北仑区")

    /// The office's name when only the district is configured: “<district>公共服务七优享工程专班办公室”.
    public static func office(of district: String) -> String { district + "公共服务七优享工程专班办公室" }

    /// The longest name accepted, in characters (a title line of the report).
    public static let maxCharacters = 40

    /// Why `name` cannot stand in a title or signature, in English for the config error, or nil when it can: it must
    /// be non-empty, at most ``maxCharacters`` characters, on one line, without control or bidi characters, and
    /// contain a Chinese character (the pages are in Chinese).
    public static func problem(_ name: String) -> String? {
        if name.trimming(where: \.isWhitespace).isEmpty { return "must not be empty" }
        if name.count > maxCharacters { return "at most \(maxCharacters) characters (has \(name.count))" }
        for u in name.unicodeScalars {
            if u.properties.generalCategory == .control || u.properties.generalCategory == .format || u.value == 0x2028 || u.value == 0x2029 {
                return "must be one line without control or formatting characters (U+\(String(u.value, radix: 16, uppercase: true)))"
            }
        }
        if !name.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
            return "has no Chinese character (the pages and the report are in Chinese)"
        }
        return nil
    }
}
