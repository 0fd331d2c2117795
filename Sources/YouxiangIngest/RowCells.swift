/// The mapped cells of the record a streaming read (``TableReader/forEachRow(path:spec:limits:_:)``) is at: per slot,
/// where the cell's UTF-8 text is — in the reader's buffer (ASCII and UTF-8 cells, not copied) or in `scratch`
/// (cells converted from GBK or GB18030) — and how long it is. One per read, overwritten for every record: a
/// ``TableRow`` made from it is valid only during the callback that receives it.
final class RowCells: @unchecked Sendable {
    /// Per slot: the first byte of the cell's text; nil for a cell past a short row's end.
    let starts: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    /// Per slot: the text's length in bytes.
    let counts: UnsafeMutablePointer<Int>
    let slotCount: Int
    /// Converted text of the current record's cells (see ``reserve(_:)``).
    private(set) var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    init(slots: Int) {
        slotCount = slots
        starts = .allocate(capacity: max(slots, 1))
        starts.initialize(repeating: nil, count: max(slots, 1))
        counts = .allocate(capacity: max(slots, 1))
        counts.initialize(repeating: 0, count: max(slots, 1))
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        starts.deallocate()
        counts.deallocate()
        scratch.deallocate()
    }

    /// Makes room for `bytes` of converted text; called before a record's cells are stored (never during one, so the
    /// cells already stored stay where they are).
    @inline(__always) func reserve(_ bytes: Int) {
        guard bytes > scratchCapacity else { return }
        scratch.deallocate()
        scratchCapacity = max(bytes, scratchCapacity * 2)
        scratch = .allocate(capacity: scratchCapacity)
    }
}
