import YouxiangCore

/// One accepted data row, addressed by logical field name (the keys of ``TableSpec/columns``).
///
/// Only the mapped columns are kept, as decoded text. Typed accessors parse on demand and throw an
/// ``IngestDiagnostic`` naming file, line, the 1-based column in the file and its header, e.g.
/// `data/kg.csv:14:9: 在园幼儿数/合计: "12x" is not a number`. Asking for a field that is not mapped throws too
/// (``text(_:)`` returns `nil`), so a typo in plugin code is not silently read as "missing".
///
/// A row handed on by a streaming read (``TableReader/forEachRow(path:spec:limits:_:)``) points at the reader's
/// buffers and is valid only during the callback that receives it (hence `@unchecked Sendable`: such a row never
/// leaves the reading task).
public struct TableRow: @unchecked Sendable {
    /// The file the row came from, as given to the reader.
    public var file: String { layout.file }
    /// CSV: the 1-based physical line the record starts on. JSON: the 1-based index of the record in the array.
    public internal(set) var line: Int
    let layout: TableLayout
    let cells: Cells
    /// JSON only: which slots had their key present in the object (empty = all present).
    let present: [Bool]

    /// Where the row's cell texts are: a list of strings (JSON, workbooks, databases), the CSV reader's arena (the
    /// decoded UTF-8 bytes of every row in one buffer, so a row costs no allocation), or the record a streaming CSV
    /// read is at (valid only during the callback that receives the row).
    enum Cells: Sendable {
        case strings([String?])
        case arena(CellArena, first: Int)
        /// A streaming read's current record: the cells are at `currentStarts` / `currentCounts`.
        case current
    }
    /// For `.current`: per slot, the first byte of the cell's text (nil past a short row's end) and its length; plain
    /// pointers into the reader's ``RowCells``, so passing the row on costs no reference counting.
    let currentStarts: UnsafePointer<UnsafePointer<UInt8>?>?
    let currentCounts: UnsafePointer<Int>?

    init(line: Int, layout: TableLayout, values: [String?], present: [Bool] = []) {
        self.line = line
        self.layout = layout
        self.cells = .strings(values)
        self.present = present
        currentStarts = nil
        currentCounts = nil
    }

    init(line: Int, layout: TableLayout, arena: CellArena, first: Int) {
        self.line = line
        self.layout = layout
        self.cells = .arena(arena, first: first)
        self.present = []
        currentStarts = nil
        currentCounts = nil
    }

    init(line: Int, layout: TableLayout, current: RowCells) {
        self.line = line
        self.layout = layout
        self.cells = .current
        self.present = []
        currentStarts = UnsafePointer(current.starts)
        currentCounts = UnsafePointer(current.counts)
    }

    /// Calls `body` with the UTF-8 bytes of the cell in `slot` (untrimmed), or nil for a cell past a short row's end.
    @inline(__always)
    func withCell<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        if let starts = currentStarts, let counts = currentCounts {
            guard let start = starts[slot] else { return try body(nil) }
            return try body(UnsafeBufferPointer(start: start, count: counts[slot]))
        }
        switch cells {
        case .strings(let values):
            guard var s = values[slot] else { return try body(nil) }
            return try s.withUTF8 { try body($0) }
        case .arena(let arena, let first):
            return try arena.withCell(first + slot, body)
        case .current:
            return try body(nil)  // not reached: a current row has its pointers
        }
    }

    /// Appends the UTF-8 bytes of ``text(at:)`` of the cell in `slot` (from ``slot(of:)``) to `key` and returns
    /// true; returns false, appending nothing, where ``text(at:)`` is nil (a short row, an empty cell, a missing
    /// marker). No `String` is made: for group keys on the row's hot path.
    public func appendText(at slot: Int, to key: inout [UInt8]) -> Bool {
        if case .strings(let values) = cells {
            guard let s = values[slot].flatMap(CellText.presentText) else { return false }
            key.append(contentsOf: s.utf8)
            return true
        }
        return withCell(slot) { p in
            guard let p else { return false }
            let r = CellText.trimmedRange(p)
            if CellText.isMissing(p, r) { return false }
            key.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
            return true
        }
    }

    /// The raw (untrimmed) text of the cell in `slot`; nil past a short row's end.
    func raw(_ slot: Int) -> String? {
        withCell(slot) { p in p.map { String(decoding: $0, as: UTF8.self) } }
    }

    // MARK: fields resolved once per file

    /// Identifies the column layout the row was read with: rows of one file (one read) share it. A module that reads
    /// many rows resolves its fields with ``slot(of:)`` once per layout and then reads cells by slot, with no name
    /// lookup per cell.
    public var layoutID: ObjectIdentifier { ObjectIdentifier(layout) }

    /// The slot of a mapped field in this row's layout, or nil when the field is not mapped.
    public func slot(of field: String) -> Int? { layout.slot(of: field) }

    /// ``has(_:)`` for a slot from ``slot(of:)``.
    public func has(at slot: Int) -> Bool { present.isEmpty || present[slot] }

    /// ``text(_:)`` of the cell in `slot` (from ``slot(of:)`` on a row of the same ``layoutID``).
    public func text(at slot: Int) -> String? {
        if case .strings(let values) = cells {
            return values[slot].flatMap(CellText.presentText).flatMap(Self.visible)
        }
        return withCell(slot) { p in
            guard let p else { return nil }
            let r = CellText.trimmedRange(p)
            if CellText.isMissing(p, r) { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
            return FormatControls.mayOccur(in: UnsafeBufferPointer(rebasing: p[r])) ? Self.visible(text) : text
        }
    }

    /// `text` without invisible format characters (``FormatControls``: bidi controls, zero-width characters); nil when
    /// nothing else is left (a cell of only such characters is missing, like an empty one).
    private static func visible(_ text: String) -> String? {
        let s = FormatControls.stripped(text)
        if s.utf8.count == text.utf8.count { return text }
        return CellText.presentText(s)
    }

    /// ``number(_:)`` of the cell in `slot`: parsed in place from the cell's bytes, no `String` made unless the cell is
    /// bad (for the message).
    public func number(at slot: Int) throws(IngestDiagnostic) -> Double? {
        let parsed: CellParser.NumberParse?
        if let starts = currentStarts, let counts = currentCounts {
            parsed = starts[slot].map { CellParser.parseNumber(UnsafeBufferPointer(start: $0, count: counts[slot])) }
        } else {
            parsed = withCell(slot) { p in p.map { CellParser.parseNumber($0) } }
        }
        let v: Double
        switch parsed {
        case nil, .missing?: return nil
        case .value(let x)?: v = x
        case .some(let bad):
            throw cellError(slot, CellParser.numberError(raw(slot) ?? "", bad))
        }
        let scale = layout.scales[slot]
        let value = scale == 1 ? v : v * scale
        guard value.isFinite else {
            let text = raw(slot) ?? ""
            throw cellError(slot, CellParseError(text: text, message: "\(CellParser.quoted(text)) × \(layout.scales[slot]) is out of the double range"))
        }
        let (lo, hi) = layout.bounds[slot]
        if let lo, value < lo {
            throw cellError(slot, CellParseError(text: raw(slot) ?? "", message: "\(shortestText(value)) is below the column's min \(shortestText(lo))"))
        }
        if let hi, value > hi {
            throw cellError(slot, CellParseError(text: raw(slot) ?? "", message: "\(shortestText(value)) is above the column's max \(shortestText(hi))"))
        }
        return value
    }

    /// ``year(_:)`` of the cell in `slot`, parsed in place.
    public func year(at slot: Int) throws(IngestDiagnostic) -> Int? {
        let parsed: Int??? = withCell(slot) { p in p.map { CellParser.parseYear($0) } }
        guard let parsed else { return nil }
        guard let year = parsed else {
            let text = raw(slot) ?? ""
            throw cellError(slot, CellParseError(text: text, message: "\(CellParser.quoted(text)) is not a year or date"))
        }
        return year
    }

    // MARK: fields by name

    /// The cell's text, trimmed, without invisible format characters (bidi controls such as U+202E, zero-width
    /// characters: ``FormatControls``); `nil` when the field is not mapped, the row is short, or the cell is empty or a
    /// missing marker (`—`, `-`, `/`, `N/A`, `无`, …; see ``CellParser``). IDs exported as numbers stay as text
    /// (e.g. `2.13301E+09`); this accessor does not reinterpret them.
    public func text(_ field: String) -> String? {
        guard let slot = layout.slot(of: field) else { return nil }
        return text(at: slot)
    }

    /// The cell as a number (``CellParser/number(_:)``) multiplied by the column's ``ColumnSpec/scale``;
    /// `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a number (or is out of the double range), the
    ///   scaled value is outside the column's `min`/`max`, or the field is not mapped.
    public func number(_ field: String) throws(IngestDiagnostic) -> Double? {
        try number(at: try slot(field))
    }

    /// The cell as a yes/no flag (``CellParser/flag(_:)``); `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a flag or the field is not mapped.
    public func flag(_ field: String) throws(IngestDiagnostic) -> Bool? {
        let slot = try slot(field)
        guard let raw = raw(slot) else { return nil }
        do { return try CellParser.flag(raw) } catch { throw cellError(slot, error) }
    }

    /// The year of a year or date cell (``CellParser/year(_:)``); `nil` when missing.
    /// - Throws: ``IngestDiagnostic`` at the cell when the text is not a year or date or the field is not mapped.
    public func year(_ field: String) throws(IngestDiagnostic) -> Int? {
        try year(at: try slot(field))
    }

    /// Whether `field` is mapped and its column exists: always true for a mapped CSV field (a missing header fails
    /// the whole read); for JSON, whether this record has the key (even with a `null` value).
    public func has(_ field: String) -> Bool {
        guard let slot = layout.slot(of: field) else { return false }
        return present.isEmpty || present[slot]
    }

    private func slot(_ field: String) throws(IngestDiagnostic) -> Int {
        guard let slot = layout.slot(of: field) else {
            let known = layout.slots.keys.sorted().joined(separator: ", ")
            throw IngestDiagnostic(
                file: file, line: line,
                message: "field \"\(field)\" is not mapped for this table (mapped: \(known))")
        }
        return slot
    }

    private func cellError(_ slot: Int, _ error: any Error) -> IngestDiagnostic {
        let reason = (error as? CellParseError)?.message ?? "\(error)"
        return IngestDiagnostic(
            file: file, line: line, column: layout.columns[slot],
            message: "\(layout.headers[slot]): \(reason)", sheet: layout.sheet)
    }
}

/// `v` in the shortest form that reads back as the same double (integral values without a decimal point).
func shortestText(_ v: Double) -> String {
    v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : v.description
}
