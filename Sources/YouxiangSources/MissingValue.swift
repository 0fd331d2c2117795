/// A row without a value the computation needs, where the export marks the value missing (`—`, `-`, blank, `N/A`).
/// Such a row contributes no sample and is not an error: it is counted in `CollectionResult.rowsIncomplete`.
public struct MissingValue: Error, Sendable {
    public var field: String
    public init(_ field: String) { self.field = field }
}
