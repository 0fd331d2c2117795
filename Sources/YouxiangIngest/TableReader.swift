import YouxiangCore

/// Reads one exported table (one sheet saved as CSV) into ``TableRow``s, as described by a ``TableSpec``.
public enum TableReader {
    /// Reads a whole table: ``forEachRow(path:spec:limits:_:)`` with every accepted row kept (its mapped cells'
    /// text copied into one arena per file, so a row costs no allocation).
    ///
    /// - Throws: as ``forEachRow(path:spec:limits:_:)``.
    public static func read(path: String, spec: TableSpec, limits: ReadLimits = .active) throws(IngestDiagnostic) -> TableReadResult {
        var arena = CellArenaBuilder()
        var accepted: [(line: Int, first: Int)] = []
        var layout: TableLayout?
        var result = try forEachRow(path: path, spec: spec, limits: limits) { row in
            layout = row.layout
            let first = arena.count
            for slot in 0..<row.layout.headers.count {
                row.withCell(slot) { p in
                    guard let p else { return arena.endAbsentCell() }
                    arena.bytes.append(contentsOf: p)
                    arena.endCell()
                }
            }
            accepted.append((row.line, first))
        }
        if let layout {
            let cells = CellArena(arena)
            result.rows = accepted.map { TableRow(line: $0.line, layout: layout, arena: cells, first: $0.first) }
        }
        return result
    }

    /// Reads a table and hands each accepted row to `body` as it is read, without keeping the table: memory does not
    /// grow with the file.
    ///
    /// Steps: skip `spec.skipRows` records; read `spec.headerRows` header records and build column names (see
    /// ``TableSpec/headerRows``); map every configured header; then stream the data records. For each data record:
    /// - blank (all cells empty or blanks) → counted in `rowsSkipped`;
    /// - first non-empty cell contains a skip marker (`合计`, `其中`, `填表人`, …) → counted in `rowsSkipped`;
    /// - a CSV syntax error → `rejected` (the reader resynchronises on the next line);
    /// - a mapped cell (or the cell checked for markers) whose bytes are invalid in `spec.encoding` → `rejected` with
    ///   file:line:column. Only those cells are decoded; bytes in unmapped columns are never looked at;
    /// - otherwise the row is accepted and passed to `body` with the decoded text of its mapped cells (cells beyond a
    ///   short row's end are `nil`). ASCII and UTF-8 cells are not copied: the row points into the reader's buffer.
    ///
    /// The row given to `body` is **valid only during that call** (its cells are overwritten by the next record): read
    /// what you need from it and do not keep it. The result's `rows` is empty; its counts and `rejected` are complete.
    ///
    /// - Throws: ``IngestDiagnostic`` only for file-level problems: unreadable file, no iconv converter, fewer records
    ///   than `skipRows + headerRows`, a syntax or encoding error inside the header rows, `headerRows` outside 1…3,
    ///   or a mapped header that is missing or present more than once (the message lists the headers that are present,
    ///   so an operator can fix the configuration); a regular file larger than `limits.maxFileBytes` before any row is
    ///   read. A read stopped part-way (the collector's timeout, a file growing past the limit, a device or FIFO over
    ///   it) throws after the rows before it were passed to `body`.
    public static func forEachRow(
        path: String, spec: TableSpec, limits: ReadLimits = .active, _ body: (TableRow) -> Void
    ) throws(IngestDiagnostic) -> TableReadResult {
        func fail(_ line: Int, _ column: Int?, _ message: String) -> IngestDiagnostic {
            IngestDiagnostic(file: path, line: line, column: column, message: message)
        }
        guard (1...3).contains(spec.headerRows), spec.skipRows >= 0 else {
            throw fail(0, nil, "table spec: headerRows must be 1…3 and skipRows ≥ 0 (got \(spec.headerRows), \(spec.skipRows))")
        }
        let decoder: FieldDecoder
        do { decoder = try FieldDecoder(spec.encoding) } catch { throw fail(0, nil, "\(error)") }
        let parser = try CSVByteParser(path: path, delimiter: spec.delimiter, limits: limits)
        var rec = RawRecord()
        let needed = spec.skipRows + spec.headerRows

        // Title rows: counted as records whether or not they parse.
        var seen = 0
        while seen < spec.skipRows {
            let step = parser.next(into: &rec)
            if let stop = parser.stopped { throw stop }
            if case .end = step {
                throw fail(0, nil, "file has \(seen) records; expected at least \(needed) (skipRows \(spec.skipRows) + headerRows \(spec.headerRows))")
            }
            seen += 1
        }

        // Header rows, decoded and normalised.
        var headerCells: [[String]] = []
        var headerLine = 0
        for _ in 0..<spec.headerRows {
            let step = parser.next(into: &rec)
            if let stop = parser.stopped { throw stop }
            switch step {
            case .end:
                throw fail(0, nil, "file has \(seen) records; expected at least \(needed) (skipRows \(spec.skipRows) + headerRows \(spec.headerRows))")
            case .error(let d):
                throw IngestDiagnostic(file: d.file, line: d.line, column: d.column, message: "in header: \(d.message)")
            case .record:
                seen += 1
                if headerLine == 0 { headerLine = rec.line }
                var cells: [String] = []
                for i in 0..<rec.fieldCount {
                    do {
                        let text = try rec.withField(i) { try decoder.decode($0) }
                        cells.append(CellParser.normalizedHeader(text))
                    } catch {
                        throw fail(rec.line, i + 1, "in header: \(error)")
                    }
                }
                headerCells.append(cells)
            }
        }
        let names = HeaderNames.build(headerCells)

        // Map configured fields to columns.
        let fields = spec.columns.keys.sorted()
        var slots: [String: Int] = [:]
        var columnIndex: [Int] = []
        var headers: [String] = []
        var scales: [Double] = []
        for field in fields {
            let column = spec.columns[field]!
            let match: Int
            do { match = try HeaderNames.column(of: column.header, field: field, in: names) { String($0 + 1) } } catch {
                throw fail(headerLine, nil, error.message)
            }
            slots[field] = columnIndex.count
            columnIndex.append(match)
            headers.append(names[match])
            scales.append(column.scale)
        }
        let layout = TableLayout(
            file: path, slots: slots, columns: columnIndex.map { $0 + 1 },
            headers: headers, scales: scales, bounds: fields.map { (spec.columns[$0]!.min, spec.columns[$0]!.max) })
        let markers = spec.skipMarkers.filter { !$0.isEmpty }.map { Array($0.utf8) }

        // Data rows: each accepted record's mapped cells go into `cells` (pointing into the record, or converted into
        // its scratch buffer), and `body` sees the row.
        var result = TableReadResult(rows: [], rowsRead: 0, rowsSkipped: 0, rejected: [])
        let cells = RowCells(slots: columnIndex.count)
        let slotCount = columnIndex.count
        let starts = cells.starts
        // One row value for the whole read (its cells are `cells`'s): handing it on costs no reference counting.
        var row = TableRow(line: 0, layout: layout, current: cells)
        let counts = cells.counts
        // The mapped columns as a plain buffer: read per cell without touching the array's reference count.
        let columnOf = UnsafeMutablePointer<Int>.allocate(capacity: max(slotCount, 1))
        defer { columnOf.deallocate() }
        for (slot, column) in columnIndex.enumerated() { columnOf[slot] = column }
        // A record whose first non-blank cell is ASCII with a visible character cannot hold a marker that has a
        // non-ASCII byte (the default ones): that cell is the one checked, and its text is those ASCII bytes.
        let asciiCannotMark = markers.allSatisfy { $0.contains { $0 >= 0x80 } }
        var scratch: [UInt8] = []
        loop: while true {
            let step = parser.next(into: &rec)
            if let stop = parser.stopped { throw stop }
            switch step {
            case .end:
                break loop
            case .error(let d):
                result.rowsRead += 1
                result.rejected.append(d)
                continue loop
            case .record:
                break
            }
            let all = rec.all
            // Blank, or a marker row?
            var firstText = -1
            for i in 0..<rec.fieldCount {
                let r = rec.range(of: i)
                var k = r.lowerBound
                while k < r.upperBound, all[k] == 0x20 || all[k] == 0x09 { k += 1 }
                if k < r.upperBound {
                    firstText = i
                    break
                }
            }
            if firstText < 0 {
                result.rowsSkipped += 1
                continue
            }
            let first = UnsafeBufferPointer(rebasing: all[rec.range(of: firstText)])
            if !(asciiCannotMark && first.allSatisfy({ $0 < 0x80 }) && first.contains { $0 > 0x20 && $0 < 0x7F }) {
                do throws(IngestDiagnostic) {
                    if try isMarkerRow(rec, decoder, markers, path, &scratch) {
                        result.rowsSkipped += 1
                        continue
                    }
                } catch {
                    result.rowsRead += 1
                    result.rejected.append(error)
                    continue
                }
            }
            result.rowsRead += 1
            cells.reserve(FieldDecoder.scratchBytes(for: all.count) + 16 * slotCount)
            let scratchStart = cells.scratch
            var out = scratchStart
            for slot in 0..<slotCount {
                let column = columnOf[slot]
                guard column < rec.fieldCount else {
                    starts[slot] = nil
                    continue
                }
                let raw = UnsafeBufferPointer(rebasing: all[rec.range(of: column)])
                do {
                    let text = try decoder.view(raw, scratch: out)
                    // An empty field of an empty record has no address: any non-nil one will do for 0 bytes.
                    starts[slot] = text.baseAddress.map { UnsafePointer($0) } ?? UnsafePointer(scratchStart)
                    counts[slot] = text.count
                    if text.baseAddress == UnsafePointer(out) { out += text.count }
                } catch {
                    result.rejected.append(fail(rec.line, column + 1, "\(headers[slot]): \(error)"))
                    continue loop
                }
            }
            row.line = rec.line
            body(row)
        }
        return result
    }

    /// Whether the record's first non-empty cell contains a skip marker.
    private static func isMarkerRow(
        _ rec: RawRecord, _ decoder: FieldDecoder, _ markers: [[UInt8]], _ path: String,
        _ scratch: inout [UInt8]
    ) throws(IngestDiagnostic) -> Bool {
        for i in 0..<rec.fieldCount {
            if rec.withField(i, { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) { continue }
            scratch.removeAll(keepingCapacity: true)
            do {
                try rec.withField(i) { try decoder.decode($0, appendingTo: &scratch) }
            } catch {
                throw IngestDiagnostic(file: path, line: rec.line, column: i + 1, message: "\(error)")
            }
            let found: Bool? = scratch.withUnsafeBufferPointer { p in
                let t = UnsafeBufferPointer(rebasing: p[CellText.trimmedRange(p)])
                if t.isEmpty { return nil }
                return markers.contains { containsBytes(t, $0) }
            }
            if let found { return found }
        }
        return false
    }

    private static func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
