/// Limits on what an `.xlsx` workbook may make the reader do, against zip bombs and absurd sheets. Each one exceeded
/// fails the file with a clear error naming the limit.
public struct XLSXLimits: Sendable, Equatable {
    /// Largest uncompressed size of one part of the workbook (the sheet's XML, the shared strings, …), counted while
    /// inflating, so a lying zip header does not help. Default 256 MiB (a 100 000-row sheet of 20 columns is ~40 MiB).
    public var maxPartBytes: Int = 256 << 20
    /// Most cells (`<c>` elements) one sheet may have. Default 5 000 000.
    public var maxCells: Int = 5_000_000
    /// Most shared strings. Default 2 000 000.
    public var maxSharedStrings: Int = 2_000_000
    /// Creates limits; see the properties for the defaults.
    public init(maxPartBytes: Int = 256 << 20, maxCells: Int = 5_000_000, maxSharedStrings: Int = 2_000_000) {
        self.maxPartBytes = maxPartBytes
        self.maxCells = maxCells
        self.maxSharedStrings = maxSharedStrings
    }
}
