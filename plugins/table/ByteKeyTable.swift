#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ids of byte strings (a row's group key: its year and label cells' bytes), looked up without making a `String` or
/// an array per row: the keys are stored back to back in one buffer, found by open addressing on a 64-bit hash
/// taken 8 bytes at a time. Grows by doubling at half load; holds one entry per distinct key (a few per metric for a real export).
struct ByteKeyTable {
    private var bytes: [UInt8] = []
    /// Per entry: where its key starts in `bytes`, its length, its hash and its id.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var ids: [Int] = []
    /// Open-addressing slots: an entry index, or -1.
    private var slots = [Int](repeating: -1, count: 16)

    /// A hash of `key`, 8 bytes at a time (multiply and fold, the tail zero-padded; the length mixed in first).
    @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        @inline(__always) func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        while i + 8 <= key.count {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < key.count {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < key.count {
                w |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            mix(w)
        }
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
