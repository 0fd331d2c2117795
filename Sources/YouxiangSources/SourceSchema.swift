/// What a module expects of one of its sources.
public struct SourceSchema: Sendable {
    /// Logical fields that must be mapped to a column.
    public var required: [String]
    /// Logical fields that may be mapped.
    public var optional: [String]
    /// Whether every file must give `year:` (false when the module reads the year from a column).
    public var yearRequired: Bool
    /// Whether fields other than `required` and `optional` may be mapped (the generic `table` module).
    public var openFields: Bool
    /// The default `min` of every mapped column (0 for the built-in modules, whose numbers are all counts, areas or
    /// amounts; nil for the generic `table` module). A column's own `min:` overrides it.
    public var defaultMin: Double?

    public init(
        required: [String], optional: [String] = [], yearRequired: Bool = true, openFields: Bool = false,
        defaultMin: Double? = 0
    ) {
        self.required = required
        self.optional = optional
        self.yearRequired = yearRequired
        self.openFields = openFields
        self.defaultMin = defaultMin
    }
}
