/// A collector's health, as data rules see it.
public struct CollectorHealth: Sendable {
    public var name: String
    public var module: String
    public var consecutiveFailures: Int
    public var lastError: String
    /// The collector's `keep_last_good`: failed runs in a row that still serve its last good series; nil when unknown.
    public var keepLastGood: Int?

    public init(name: String, module: String, consecutiveFailures: Int, lastError: String, keepLastGood: Int? = nil) {
        self.name = name
        self.module = module
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.keepLastGood = keepLastGood
    }
}
