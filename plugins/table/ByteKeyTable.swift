#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ids of byte strings (a row's group key: its year and label cells' bytes), looked up without making a `String` or
/// an array per row: the keys are stored back to back in one buffer, found by open addressing on a 64-bit FNV-1a
/// hash. Grows by doubling at half load; holds one entry per distinct key (a few per metric for a real export).
struct ByteKeyTable {
    private var bytes: [UInt8] = []
    /// Per entry: where its key starts in `bytes`, its length, its hash and its id.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var ids: [Int] = []
    /// Open-addressing slots: an entry index, or -1.
    private var slots = [Int](repeating: -1, count: 16)

    /// The FNV-1a hash of `key`.
    @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The id stored for `key`, or nil.
    func id(for key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[i]
            if e < 0 { return nil }
            if hashes[e] == h, lengths[e] == key.count {
                let same = bytes.withUnsafeBufferPointer { all in
                    key.count == 0 || memcmp(all.baseAddress! + starts[e], key.baseAddress!, key.count) == 0
                }
                if same { return ids[e] }
            }
            i = (i + 1) & mask
        }
    }

    /// Stores `id` for `key` (not yet stored).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, id: Int) {
        if (starts.count + 1) * 2 > slots.count {
            slots = [Int](repeating: -1, count: slots.count * 2)
            for e in starts.indices { place(e) }
        }
        starts.append(bytes.count)
        lengths.append(key.count)
        hashes.append(h)
        ids.append(id)
        bytes.append(contentsOf: key)
        place(starts.count - 1)
    }

    private mutating func place(_ e: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hashes[e]) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = e
    }
}
