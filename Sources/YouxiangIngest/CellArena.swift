/// The decoded UTF-8 text of the mapped cells of every row of one CSV read, in one buffer: cell `i` is
/// `bytes[end(i - 1)..<end(i)]`; a cell past a short row's end is stored as empty with a negative end (`~end`).
/// Built by ``CellArenaBuilder`` and immutable afterwards.
final class CellArena: Sendable {
    let bytes: [UInt8]
    let ends: [Int]

    init(_ builder: consuming CellArenaBuilder) {
        bytes = builder.bytes
        ends = builder.ends
    }

    @inline(__always) static func offset(_ end: Int) -> Int { end < 0 ? ~end : end }

    @inline(__always)
    func withCell<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        let end = ends[i]
        if end < 0 { return try body(nil) }
        let start = i == 0 ? 0 : Self.offset(ends[i - 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}

/// The growing buffers of a ``CellArena`` while a file is read.
struct CellArenaBuilder {
    var bytes: [UInt8] = []
    var ends: [Int] = []

    /// The index the next cell gets.
    var count: Int { ends.count }
    /// Ends a present cell whose bytes were appended to `bytes`.
    @inline(__always) mutating func endCell() { ends.append(bytes.count) }
    /// Appends an absent cell.
    @inline(__always) mutating func endAbsentCell() { ends.append(~bytes.count) }
    /// Drops cells (and their bytes) from index `cell` on: a row rejected half-way.
    mutating func truncate(to cell: Int) {
        let start = cell == 0 ? 0 : CellArena.offset(ends[cell - 1])
        bytes.removeSubrange(start...)
        if cell < ends.count { ends.removeSubrange(cell...) }
    }
}
