/// The inter-school 差异系数 (coefficient of variation) of one resource across the schools of one level.
///
/// Source: 《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号); see docs/indicators.md, “(三) 校际优质均衡系数”.
/// For schools i with pupils P_i (P = ΣP_i) and per-pupil resource X_i = resource_i / P_i:
/// `X̄ = Σ(P_i/P)·X_i` (= total resource ÷ total pupils), `S = sqrt(Σ(P_i/P)·(X_i − X̄)²)` (population variance,
/// enrolment-weighted), `CV = S / X̄`. The published worked example — pupils [45,37,89,76,55], totals
/// [279,137,935,160,402] — gives X̄ 6.334, S 3.264, CV 0.515.
public struct VariationCoefficient: Sendable, Equatable {
    /// Enrolment-weighted mean of the per-pupil values.
    public var mean: Double
    /// Enrolment-weighted population standard deviation.
    public var standardDeviation: Double
    /// `standardDeviation / mean`.
    public var coefficient: Double

    /// Computes it from parallel arrays of pupils and resource totals; schools with no pupils are ignored.
    /// - Returns: nil when there are no pupils or the mean is 0.
    public static func compute(pupils: [Double], totals: [Double]) -> VariationCoefficient? {
        let pairs = zip(pupils, totals).filter { $0.0 > 0 }
        let p = pairs.reduce(0) { $0 + $1.0 }
        guard p > 0 else { return nil }
        let mean = pairs.reduce(0) { $0 + ($1.0 / p) * ($1.1 / $1.0) }
        guard mean > 0 else { return nil }
        let variance = pairs.reduce(0) { acc, s in
            let d = s.1 / s.0 - mean
            return acc + (s.0 / p) * d * d
        }
        let sd = variance.squareRoot()
        return VariationCoefficient(mean: mean, standardDeviation: sd, coefficient: sd / mean)
    }
}
