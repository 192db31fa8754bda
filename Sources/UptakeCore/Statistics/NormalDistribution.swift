import Foundation

/// The standard normal distribution, for the critical values behind confidence intervals.
///
/// Only the inverse CDF is needed: Wilson and Newcombe intervals take `z` from
/// the confidence level. Computing it (rather than hard-coding 1.96) lets
/// callers ask for 99.8% limits, as Fingertips funnel plots do, and keeps the
/// 95% value identical to R's `qnorm(0.975)` = 1.959963984540054.
public enum NormalDistribution {
    /// The inverse cumulative distribution function (quantile) of N(0, 1).
    ///
    /// Uses Peter Acklam's rational approximation (relative error about 1.15e-9)
    /// followed by one Halley refinement step against `erfc`, which brings the
    /// result to near machine precision across the range that matters here.
    ///
    /// The function never returns NaN or infinity, because its result flows
    /// straight into interval arithmetic and then onto the screen:
    /// `p` at or below 0 is treated as the smallest positive normal double and
    /// `p` at or above 1 as the largest double below 1 (giving large but finite
    /// quantiles), and NaN gives 0, the median. Callers that need to reject such
    /// inputs should validate `p` themselves, as ``WilsonScore`` does.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return 0 }
        let pp = min(max(p, Double.leastNormalMagnitude), (1.0).nextDown)
        if pp == 0.5 { return 0 }

        // Acklam's coefficients.
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let pLow = 0.02425
        let pHigh = 1 - pLow

        var x: Double
        if pp < pLow {
            let q = (-2 * log(pp)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if pp <= pHigh {
            let q = pp - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-pp)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }

        // One Halley step: e = Φ(x) - p, u = e / φ(x).
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - pp
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        let refined = x - u / (1 + x * u / 2)
        if refined.isFinite { x = refined }
        return x
    }

    /// The two-sided critical value for a confidence level, `quantile(1 - (1 - c) / 2)`.
    ///
    /// Returns nil unless `confidence` is finite and strictly between 0 and 1,
    /// so that a mistaken "95" (a percentage) is rejected rather than silently
    /// producing a nonsense interval.
    /// The two-sided 95% critical value, quantile(0.975), computed once.
    static let z95: Double = quantile(0.975)

    @inline(__always)   // a call per Wilson interval otherwise: the JSON report makes a million
    static func twoSidedCritical(confidence: Double) -> Double? {
        guard confidence.isFinite, confidence > 0, confidence < 1 else { return nil }
        // The 95% case is by far the most common (every cell of the uptake table): skip the iteration.
        if confidence == 0.95 { return z95 }
        return quantile(1 - (1 - confidence) / 2)
    }
}
