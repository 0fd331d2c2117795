extension TableRow {
    /// Where a mapped field's cell is, for messages: the column's header as read (e.g. `在园幼儿数/合计`) and its
    /// 1-based column in the file (nil for JSON and database rows); nil when the field is not mapped.
    public func column(of field: String) -> (header: String, column: Int?)? {
        guard let slot = layout.slot(of: field) else { return nil }
        return (layout.headers[slot], layout.columns[slot])
    }
}
