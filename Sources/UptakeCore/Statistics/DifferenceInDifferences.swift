/// The difference between two changes (difference in differences) with a MOVER interval.
///
/// A partner's proxy population changed by `d1` percentage points; a
/// comparator (the area as a whole, or England) changed by `d2` over the same
/// two dates. `d1 − d2` says how much more (or less) the partner's population
/// moved than the comparator's. Its interval combines the two changes' own
/// intervals by the method of variance estimates recovery (MOVER; Zou and
/// Donner 2008, "Construction of confidence limits about effect measures: a
/// general approach", Statistics in Medicine 27:1693–1702; Newcombe 2013,
/// "Confidence Intervals for Proportions and Related Measures of Effect Size",
/// ch. 7), the same square-and-add step that builds Newcombe's interval for
/// one change from two Wilson intervals:
///
///     lower = D − √((d1 − l1)² + (u2 − d2)²)
///     upper = D + √((u1 − d1)² + (d2 − l2)²)
///
/// It assumes the two changes are independent. When the comparator contains
/// the partner's population the two changes are positively correlated, which
/// makes this interval wider than it needs to be (conservative), not narrower.
public enum DifferenceInDifferences {
    /// `first − second` with its MOVER interval, all in the units of the inputs (percentage points).
    ///
    /// Returns nil when an input interval does not contain its own estimate or any value is not finite.
    public static func interval(_ first: DifferenceInterval, minus second: DifferenceInterval) -> DifferenceInterval? {
        let values = [first.difference, first.lower, first.upper, second.difference, second.lower, second.upper]
        guard values.allSatisfy(\.isFinite),
              first.lower <= first.difference, first.difference <= first.upper,
              second.lower <= second.difference, second.difference <= second.upper else { return nil }
        let d = first.difference - second.difference
        let below = ((first.difference - first.lower) * (first.difference - first.lower)
                     + (second.upper - second.difference) * (second.upper - second.difference)).squareRoot()
        let above = ((first.upper - first.difference) * (first.upper - first.difference)
                     + (second.difference - second.lower) * (second.difference - second.lower)).squareRoot()
        return DifferenceInterval(difference: d, lower: d - below, upper: d + above)
    }
}
