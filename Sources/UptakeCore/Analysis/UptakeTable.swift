/// The whole uptake table and its headline counts.
///
/// Built on two threads for large tables: each series is summarised on its own.
public struct UptakeTable: Sendable {
    /// One summary per series, in file order.
    public var rows: [SeriesSummary]

    /// Summarises every series of `dataset`, setting each against its comparator when the dataset names one.
    public init(dataset: Dataset) {
        // The last record of a name repeated in partners.csv, by index (a dictionary of records copies each one as it grows).
        let records = dataset.partners
        var partners: [String: Int] = [:]
        partners.reserveCapacity(records.count)
        for i in records.indices { partners[records[i].name] = i }
        let metadata = dataset.metadata
        let benchmarks = metadata.benchmarks
        let series = dataset.series
        // One pass to count each partner's series; then each series looks its partner up once.
        var slots: [String: Int] = [:]
        slots.reserveCapacity(records.count)
        var lookups: [(record: PartnerRecord?, count: Int)] = []
        var slotOfSeries = [Int](repeating: 0, count: series.count)
        for i in series.indices {
            let name = series[i].partner
            if let slot = slots[name] {
                lookups[slot].count += 1
                slotOfSeries[i] = slot
            } else {
                slots[name] = lookups.count
                slotOfSeries[i] = lookups.count
                lookups.append((partners[name].map { records[$0] }, 1))
            }
        }
        // Comparators: the series each names, found once.
        var comparatorSeries: [(spec: DatasetMetadata.Comparator, index: Int)] = []
        var isComparator = Set<Int>()
        if !metadata.comparators.isEmpty {
            var byName: [String: Int] = [:]
            for (i, s) in series.enumerated() { byName[s.partner + "\u{0}" + s.proxyPopulation] = i }
            for c in metadata.comparators {
                if let i = byName[c.partner + "\u{0}" + c.proxyPopulation] {
                    comparatorSeries.append((c, i))
                    isComparator.insert(i)
                }
            }
        }
        let partnerOf = lookups, slotOf = slotOfSeries, comparators = comparatorSeries, comparatorSet = isComparator
        rows = parallelMap(count: series.count) { i in
            let p = partnerOf[slotOf[i]]
            var result = ComparatorResult.noneGiven
            if comparatorSet.contains(i) {
                result = .isComparator
            } else if let c = comparators.first(where: { c in
                c.spec.applies(toPartner: series[i].partner)
                    && (series[i].programme == nil || series[c.index].programme == nil || series[i].programme == series[c.index].programme)
            }) {
                result = ComparatorResult.resolve(series: series[i], comparator: series[c.index], label: c.spec.displayLabel, labels: metadata)
            }
            return SeriesSummary(series: series[i], partner: p.record, benchmarks: benchmarks, partnerSeriesCount: p.count, comparison: result)
        }
    }

    /// The rows counted in the headline: every series except comparators.
    public var partnerRows: [SeriesSummary] { rows.filter { !$0.isComparator } }

    /// The headline's counts, all found in one pass over the rows (comparators excluded from each).
    public struct Counts: Sendable, Equatable {
        /// Series that are not comparators.
        public var series = 0
        /// Series whose uptake rose, fell; whose change interval excludes no change; that have a change interval at all.
        public var improved = 0, worse = 0, significant = 0, intervals = 0

        /// How many intervals would exclude no change by chance alone if nothing changed anywhere: 1 in 20 at 95%.
        public var expectedByChance: Double { Double(intervals) * 0.05 }
    }

    /// The headline's counts (one pass; each count below is one of them).
    public var counts: Counts {
        var c = Counts()
        for r in rows where !r.isComparator {
            c.series += 1
            let direction = r.direction
            if direction == .improved { c.improved += 1 }
            if direction == .worse { c.worse += 1 }
            if r.isSignificant == true { c.significant += 1 }
            if r.changeInterval != nil { c.intervals += 1 }
        }
        return c
    }

    /// Series whose uptake rose (comparators excluded).
    public var improvedCount: Int { counts.improved }
    /// Series whose uptake fell (comparators excluded).
    public var worseCount: Int { counts.worse }
    /// Series whose change interval excludes no change (comparators excluded; the JSON `significant` count).
    public var significantCount: Int { counts.significant }
    /// Series with a change interval at all (comparators excluded).
    public var intervalCount: Int { counts.intervals }

    /// How many intervals would exclude no change by chance alone if nothing changed anywhere: 1 in 20 at 95%.
    public var expectedByChance: Double { counts.expectedByChance }

    /// Above this many series, the headline says how many intervals would exclude no change by chance.
    public static let manySeries = 20

    /// The headline in words, shared by every view:
    /// "3 series: 3 improved, 0 worse; 1 of 3 change intervals excludes no change (indicative: the dates are largely the same people)."
    /// With more than 20 series it adds the number expected by chance.
    public var headline: String { headline(counts) }

    /// The headline from this table's `counts` (found once by a caller that also shows them).
    public func headline(_ c: Counts) -> String {
        let n = c.series, k = c.significant, m = c.intervals
        let comparators = rows.count - n
        var s = NumberFormat.count(n, "series", plural: "series") + (comparators > 0 ? " (and " + NumberFormat.count(comparators, "comparator") + ")" : "")
        s += ": \(NumberFormat.grouped(c.improved)) improved, \(NumberFormat.grouped(c.worse)) worse; "
        s += "\(NumberFormat.grouped(k)) of \(NumberFormat.grouped(m)) change interval\(m == 1 ? "" : "s") \(k == 1 ? "excludes" : "exclude") no change (indicative: the dates are largely the same people)"
        if n > Self.manySeries {
            s += "; with \(NumberFormat.grouped(m)) intervals, about \(NumberFormat.trimmed(NumberFormat.fixed(c.expectedByChance, 1))) would exclude no change by chance alone (1 in 20 at 95%)"
        }
        return s + "."
    }
}
