/// A confidence interval for a single proportion, as fractions in 0...1.
///
/// Proportions are carried as fractions (0.65, not 65%) throughout the statistics
/// code so that arithmetic never has to guess a unit; views multiply by 100 when
/// they render. The bounds are plain values so the type can cross concurrency
/// domains and be compared or hashed in tests and caches.
public struct ProportionInterval: Hashable, Sendable {
    /// The lower confidence limit, a fraction in 0...1.
    public let lower: Double
    /// The upper confidence limit, a fraction in 0...1.
    public let upper: Double

    /// Creates an interval from its two limits (fractions, `lower <= upper`).
    ///
    /// No validation happens here: the estimators in this module only ever build
    /// finite, ordered, in-range intervals, and callers decoding stored values are
    /// expected to have validated them already.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies inside the closed interval.
    ///
    /// Used by dashboards to say whether a target or a comparator falls within
    /// the plausible range for a partner's uptake.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }

    /// The width of the interval (`upper - lower`), a measure of precision.
    ///
    /// Small proxy populations give wide intervals; showing the width lets users
    /// see why a small partner's apparent change may not be meaningful.
    public var width: Double { upper - lower }
}

/// A confidence interval for a difference between two proportions (`p2 - p1`).
///
/// The difference is second sample minus first so that "start → end" reads as a
/// positive number when uptake rose. All values are fractions in -1...1.
public struct DifferenceInterval: Hashable, Sendable {
    /// The point estimate of the difference, `p2 - p1`.
    public let difference: Double
    /// The lower confidence limit of `p2 - p1`.
    public let lower: Double
    /// The upper confidence limit of `p2 - p1`.
    public let upper: Double

    /// Creates a difference interval from its point estimate and limits.
    ///
    /// Provided so other modules and tests can build expected values; the
    /// estimators in this module are the usual source of instances.
    public init(difference: Double, lower: Double, upper: Double) {
        self.difference = difference
        self.lower = lower
        self.upper = upper
    }

    /// Whether the interval lies wholly above or wholly below zero: it excludes no change.
    ///
    /// What that supports depends on the method's assumptions: for two
    /// snapshots of largely the same people, an interval built for independent
    /// samples is a guide, not a test. When false, the data are compatible
    /// with no change at all, and the dashboard should say so rather than
    /// celebrate (or worry about) a movement that may be noise.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
