/// What a successful reload changed, by collector name.
public struct ReloadSummary: Sendable, Equatable {
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
}
