/// Ordinary least squares of y on x, kept centred on the means (years are large numbers; an intercept at year 0 would
/// lose precision).
public struct LeastSquares: Sendable, Equatable {
    public var slope: Double
    public var meanX: Double
    public var meanY: Double

    /// The fitted value at `x`.
    public func value(at x: Double) -> Double { meanY + slope * (x - meanX) }

    /// The fit; nil with fewer than two distinct x.
    public static func fit(_ points: [(Double, Double)]) -> LeastSquares? {
        let n = Double(points.count)
        guard n >= 2 else { return nil }
        let mx = points.reduce(0) { $0 + $1.0 } / n
        let my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        let sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        return LeastSquares(slope: sxy / sxx, meanX: mx, meanY: my)
    }
}
