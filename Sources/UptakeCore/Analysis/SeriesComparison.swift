/// A partner series' change set against its comparator's change over the same two dates.
public struct SeriesComparison: Hashable, Sendable {
    /// The comparator's words for sentences ("the bi-borough as a whole").
    public let label: String
    /// The comparator series' partner and proxy population.
    public let comparatorPartner: String
    /// The comparator series' proxy population.
    public let comparatorProxyPopulation: String
    /// The partner series' change in points, with its Newcombe interval.
    public let partnerChange: DifferenceInterval
    /// The comparator's change in points over the same two dates, with its Newcombe interval.
    public let comparatorChange: DifferenceInterval
    /// Partner change − comparator change (difference in differences), with its MOVER interval, in points.
    public let difference: DifferenceInterval
}

/// Whether and how a series is compared with a comparator.
public enum ComparatorResult: Hashable, Sendable {
    /// The dataset names no comparator that applies to this series.
    case noneGiven
    /// This series is a comparator for others.
    case isComparator
    /// A comparator applies but cannot be used: its label and why (e.g. it has no figure for a date).
    ///
    /// Both cases with a payload are boxed (`indirect`), so a series without a comparator holds
    /// 8 bytes here instead of 121 (every summary has one: 14 MB of 125,000 summaries).
    indirect case unavailable(label: String, reason: String)
    /// The comparison.
    indirect case compared(SeriesComparison)

    /// The comparison, when made.
    public var comparison: SeriesComparison? {
        if case let .compared(c) = self { return c }
        return nil
    }

    /// Works out the comparison of `series` with `comparator` over the series' first and latest periods.
    static func resolve(series: UptakeSeries, comparator: UptakeSeries, label: String, labels: DatasetMetadata) -> ComparatorResult {
        let obs = series.observations
        guard obs.count >= 2, let first = obs.first, let last = obs.last,
              let a = first.uptakePct, let b = last.uptakePct, first.eligible > 0, last.eligible > 0 else {
            return .unavailable(label: label, reason: "the series has no change to compare")
        }
        func find(_ p: Period) -> UptakeObservation? { comparator.observations.first { $0.period == p } }
        guard let c1 = find(first.period) else { return .unavailable(label: label, reason: "it has no figure for \(labels.label(for: first.period))") }
        guard let c2 = find(last.period) else { return .unavailable(label: label, reason: "it has no figure for \(labels.label(for: last.period))") }
        guard let ca = c1.uptakePct, let cb = c2.uptakePct, c1.eligible > 0, c2.eligible > 0 else {
            return .unavailable(label: label, reason: "it has no eligible population on one of the dates")
        }
        func points(_ d: DifferenceInterval) -> DifferenceInterval {
            DifferenceInterval(difference: d.difference * 100, lower: d.lower * 100, upper: d.upper * 100)
        }
        guard let own = NewcombeHybridScore.differenceInterval(p1: a / 100, n1: Double(first.eligible), p2: b / 100, n2: Double(last.eligible)).map(points),
              let other = NewcombeHybridScore.differenceInterval(p1: ca / 100, n1: Double(c1.eligible), p2: cb / 100, n2: Double(c2.eligible)).map(points),
              let did = DifferenceInDifferences.interval(own, minus: other) else {
            return .unavailable(label: label, reason: "the intervals cannot be computed")
        }
        return .compared(SeriesComparison(label: label, comparatorPartner: comparator.partner, comparatorProxyPopulation: comparator.proxyPopulation,
                                          partnerChange: own, comparatorChange: other, difference: did))
    }
}
