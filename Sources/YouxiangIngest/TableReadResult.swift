/// The outcome of reading one table.
public struct TableReadResult: Sendable {
    /// Accepted data rows, in file order.
    public var rows: [TableRow]
    /// Data records after the header, excluding blank lines and skipped marker rows (= accepted + rejected).
    public var rowsRead: Int
    /// Subtotal / footer rows matched by ``TableSpec/skipMarkers``, plus blank lines (all cells empty).
    public var rowsSkipped: Int
    /// Rows dropped at this layer, each with file, line and (where known) column: bytes that do not decode in the
    /// table's encoding, CSV syntax errors, non-object JSON records.
    public var rejected: [IngestDiagnostic]

    /// Creates a result; see the properties.
    public init(rows: [TableRow], rowsRead: Int, rowsSkipped: Int, rejected: [IngestDiagnostic]) {
        self.rows = rows
        self.rowsRead = rowsRead
        self.rowsSkipped = rowsSkipped
        self.rejected = rejected
    }
}
