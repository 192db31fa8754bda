/// Wilson score confidence intervals for a single proportion.
///
/// This is the method OHID Fingertips publishes for proportion indicators,
/// including cancer screening coverage, via the `PHEindicatormethods` R package
/// (`phe_proportion`, `wilson_lower`, `wilson_upper`): no continuity correction,
/// `z = qnorm(confidence + (1 - confidence) / 2)`. Using the same formula means a
/// partner's interval on our dashboard matches the one a commissioner sees on
/// Fingertips for the same numerator and denominator. Unlike the textbook Wald
/// interval it behaves well for small proxy populations and for proportions
/// near 0 or 1, and it never leaves 0...1.
public enum WilsonScore {
    /// Wilson score interval as OHID Fingertips / PHEindicatormethods phe_proportion computes it (no continuity correction).
    ///
    /// `successes` is the numerator (people screened) and `trials` the
    /// denominator (people eligible). Both are `Double` because published
    /// proxy-population figures are sometimes estimates rather than counts.
    /// Returns nil when `trials <= 0`, `successes < 0`, `successes > trials`,
    /// any input is non-finite, or `confidence` is not strictly inside (0, 1):
    /// in each case there is no meaningful interval to draw. The limits are
    /// fractions; 0 successes gives a lower limit of exactly 0 and
    /// `successes == trials` an upper limit of exactly 1.
    public static func interval(successes: Double, trials: Double, confidence: Double = 0.95) -> ProportionInterval? {
        guard let z = NormalDistribution.twoSidedCritical(confidence: confidence) else { return nil }
        return interval(successes: successes, trials: trials, z: z)
    }

    /// The same with the critical value `z` given (``NormalDistribution/twoSidedCritical(confidence:)``'s): a caller
    /// making many intervals at one confidence reads it once (the JSON report makes one for each of a million periods,
    /// and reading the 95% value, a global made once, cost a call and a check each time).
    @inline(__always)
    static func interval(successes: Double, trials: Double, z: Double) -> ProportionInterval? {
        guard successes.isFinite, trials.isFinite, trials > 0,
              successes >= 0, successes <= trials
        else { return nil }

        let z2 = z * z
        let p = successes / trials
        let centre = 2 * successes + z2
        let spread = z * (z2 + 4 * successes * (1 - p)).squareRoot()
        let denominator = 2 * (trials + z2)
        var lower = (centre - spread) / denominator
        var upper = (centre + spread) / denominator
        // Pin the exact boundary cases; rounding can otherwise leave 1e-17 residue.
        if successes == 0 { lower = 0 }
        if successes == trials { upper = 1 }
        lower = min(max(lower, 0), p)
        upper = max(min(upper, 1), p)
        guard lower.isFinite, upper.isFinite else { return nil }
        return ProportionInterval(lower: lower, upper: upper)
    }

    /// Wilson score interval from a proportion (fraction 0...1) and its denominator.
    ///
    /// Convenience for data that publish a percentage and a denominator but no
    /// numerator (common in partner reports): the numerator is reconstructed as
    /// `proportion * trials`. Returns nil when `proportion` is outside 0...1 or
    /// non-finite, and otherwise as ``interval(successes:trials:confidence:)``.
    public static func interval(proportion: Double, trials: Double, confidence: Double = 0.95) -> ProportionInterval? {
        guard let z = NormalDistribution.twoSidedCritical(confidence: confidence) else { return nil }
        return interval(proportion: proportion, trials: trials, z: z)
    }

    /// The same with the critical value `z` given (``interval(successes:trials:z:)``).
    @inline(__always)
    static func interval(proportion: Double, trials: Double, z: Double) -> ProportionInterval? {
        guard proportion.isFinite, proportion >= 0, proportion <= 1, trials.isFinite else { return nil }
        let successes = min(max(proportion * trials, 0), trials)
        return interval(successes: successes, trials: trials, z: z)
    }
}
