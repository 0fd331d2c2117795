import Testing

@testable import TableModule

/// The group-key table: every key stored is found again with its id, through growth; a key not stored is not found.
@Suite struct ByteKeyTableTests {
    @Test func storesAndFindsKeysThroughGrowth() {
        var table = ByteKeyTable()
        let keys: [[UInt8]] = (0..<1000).map { Array("\($0 % 7)\u{1}学段\($0)".utf8) } + [[], [0], [0, 0]]
        for (id, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { p in
                let h = ByteKeyTable.hash(p)
                #expect(table.id(for: p, hash: h) == nil)
                table.insert(p, hash: h, id: id)
            }
        }
        for (id, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { table.id(for: $0, hash: ByteKeyTable.hash($0)) } == id)
        }
        let absent = Array("7\u{1}学段0".utf8)
        #expect(absent.withUnsafeBufferPointer { table.id(for: $0, hash: ByteKeyTable.hash($0)) } == nil)
    }
}
