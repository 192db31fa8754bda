/// Newcombe's hybrid score interval for a difference between two independent proportions.
///
/// Newcombe, R. G. (1998) "Interval estimation for the difference between
/// independent proportions: comparison of eleven methods", Statistics in
/// Medicine 17:873–890, method 10. It combines the two Wilson score intervals
/// ("square and add"), so it inherits their good behaviour for small samples
/// and extreme proportions, never leaves -1...1, and agrees with the single
/// proportion intervals shown beside it. It is the method of R's
/// `DescTools::BinomDiffCI(method = "score")` and `Epi::ci.pd`.
///
/// The samples must be independent (e.g. two different cohorts or years with
/// different people); for the same people measured twice a paired method is
/// needed instead.
public enum NewcombeHybridScore {
    /// Newcombe (1998) method 10: interval for p2 - p1 from the two Wilson intervals, independent samples.
    ///
    /// `p1` and `p2` are fractions (0...1) with denominators `n1` and `n2`;
    /// the result describes `p2 - p1`, so "baseline → latest" gives a positive
    /// difference when uptake rose. With `l`/`u` the Wilson limits:
    /// lower = d − √((p2 − l2)² + (u1 − p1)²), upper = d + √((u2 − p2)² + (p1 − l1)²).
    /// (The paper writes the difference as p1 − p2; this is the same interval
    /// with the sign flipped.) Returns nil if either `n` is not positive, either
    /// `p` is outside 0...1, any input is non-finite, or `confidence` is not
    /// strictly inside (0, 1).
    public static func differenceInterval(p1: Double, n1: Double, p2: Double, n2: Double, confidence: Double = 0.95) -> DifferenceInterval? {
        guard let w1 = WilsonScore.interval(proportion: p1, trials: n1, confidence: confidence),
              let w2 = WilsonScore.interval(proportion: p2, trials: n2, confidence: confidence)
        else { return nil }
        return differenceInterval(p1: p1, wilson1: w1, p2: p2, wilson2: w2)
    }

    /// The same from the two Wilson intervals already made (as fractions, by ``WilsonScore/interval(proportion:trials:confidence:)``
    /// on `p1` and `p2`): a series' summary shows both beside the change, so each is computed once.
    static func differenceInterval(p1: Double, wilson1 w1: ProportionInterval, p2: Double, wilson2 w2: ProportionInterval) -> DifferenceInterval? {
        let d = p2 - p1
        let below = ((p2 - w2.lower) * (p2 - w2.lower) + (w1.upper - p1) * (w1.upper - p1)).squareRoot()
        let above = ((w2.upper - p2) * (w2.upper - p2) + (p1 - w1.lower) * (p1 - w1.lower)).squareRoot()
        let lower = max(d - below, -1)
        let upper = min(d + above, 1)
        guard d.isFinite, lower.isFinite, upper.isFinite else { return nil }
        return DifferenceInterval(difference: d, lower: lower, upper: upper)
    }
}
