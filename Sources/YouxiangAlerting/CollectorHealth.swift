/// A collector's health, as data rules see it.
public struct CollectorHealth: Sendable {
    public var name: String
    public var module: String
    public var consecutiveFailures: Int
    public var lastError: String

    public init(name: String, module: String, consecutiveFailures: Int, lastError: String) {
        self.name = name
        self.module = module
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
    }
}
