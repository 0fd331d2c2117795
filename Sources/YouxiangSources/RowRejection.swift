/// A row a module refuses (a value out of range, an id that is not a 学校标识码). Thrown from a row handler.
public struct RowRejection: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
