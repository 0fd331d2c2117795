/// Ratios of counts.
public enum Ratio {
    /// `num / den` cleaned to 12 significant digits, or nil when `den` is not positive (no sample rather than NaN).
    public static func of(_ num: Double, _ den: Double) -> Double? {
        den > 0 ? (num / den).cleaned : nil
    }
}
