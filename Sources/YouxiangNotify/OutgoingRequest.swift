/// An HTTP request ready to send.
public struct OutgoingRequest: Sendable, Equatable {
    public var url: String
    public var headers: [String: String]
    public var body: [UInt8]
}
