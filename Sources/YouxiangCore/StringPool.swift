/// Interned strings: each distinct string is stored once and named by its position (a `UInt32` id).
///
/// Label values repeat across series (a school's id in every family and year, a year in every school's series), so
/// series store ids into a pool instead of strings. Equality is Swift's `String` equality, the same that decides
/// whether two label sets are the same series.
public struct StringPool: Sendable {
    /// The strings, by id.
    public private(set) var strings: [String] = []
    private var ids: [String: UInt32] = [:]

    public init() {}

    /// The id of `s`, adding it when new.
    public mutating func id(_ s: String) -> UInt32 {
        if let i = ids[s] { return i }
        let i = UInt32(strings.count)
        strings.append(s)
        ids[s] = i
        return i
    }

    /// The id of `s` when it is in the pool.
    public func existingID(_ s: String) -> UInt32? { ids[s] }

    /// Number of distinct strings.
    public var count: Int { strings.count }

    public subscript(id: UInt32) -> String { strings[Int(id)] }

    /// For each id, its position in the strings' sorted order (`String` `<`): comparing ranks compares the strings.
    public static func ranks(_ strings: [String]) -> [UInt32] {
        let order = strings.indices.sorted { strings[$0] < strings[$1] }
        var rank = [UInt32](repeating: 0, count: strings.count)
        for (r, i) in order.enumerated() { rank[i] = UInt32(r) }
        return rank
    }
}
