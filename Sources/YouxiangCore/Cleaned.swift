extension Double {
    /// The value rounded to 12 significant digits, for values the daemon *computes* by division or by a formula
    /// (ratios, coefficients, projections). Such a value carries floating-point noise whose last bits depend on the
    /// order terms were added (`0.1 + 0.2` → `0.3`, `15.200000000000001` → `15.2`); 12 digits keep every digit the
    /// input counts can justify while the exposition stays byte-identical between runs. Never applied to a number read
    /// from a cell or to a count or sum of cells: those are served exactly (see the exposition writer). Non-finite
    /// values are returned unchanged.
    public var cleaned: Double { cleaned(significantDigits: 12) }

    /// The value rounded to `significantDigits` (1–17) significant decimal digits; non-finite values unchanged.
    public func cleaned(significantDigits: Int) -> Double {
        guard isFinite, self != 0 else { return self }
        let digits = significantDigits - 1 - decimalExponent(Swift.abs(self))
        guard digits > -300, digits < 300 else { return self }
        let r: Double
        if digits >= 0 {
            let scale = powerOfTen(digits)
            r = (self * scale).rounded() / scale
        } else {
            let scale = powerOfTen(-digits)
            r = (self / scale).rounded() * scale
        }
        return r.isFinite ? r : self
    }
}

/// floor(log10(x)) for finite x > 0, without Foundation.
private func decimalExponent(_ x: Double) -> Int {
    var e = 0
    var v = x
    while v >= 10 { v /= 10; e += 1 }
    while v < 1 { v *= 10; e -= 1 }
    return e
}

/// 10^n, exact for n ≤ 22.
private func powerOfTen(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
}
