/// The whole uptake table and its headline counts.
///
/// Built on two threads for large tables: each series is summarised on its own.
public struct UptakeTable: Sendable {
    /// One summary per series, in file order.
    public var rows: [SeriesSummary]

    /// Summarises every series of `dataset`, setting each against its comparator when the dataset names one.
    public init(dataset: Dataset) {
        let plan = Plan(dataset: dataset)
        rows = parallelMap(count: plan.count) { plan.summary($0) }
    }

    /// A table of these summaries.
    init(rows: [SeriesSummary]) { self.rows = rows }

    /// What summarising a dataset's series needs, worked out once: each series' partner record and how
    /// many series that partner has, and the comparators. ``summary(_:)`` then makes any one series'
    /// summary on its own, so a report can summarise and write the series in blocks instead of holding
    /// every summary at once.
    struct Plan: Sendable {
        private let series: [UptakeSeries]
        private let metadata: DatasetMetadata
        /// Each programme's benchmark thresholds, by ``ScreeningProgramme/allCases`` order: found once, not hashed per series.
        private let thresholdsByProgramme: [BenchmarkThresholds?]
        /// Each partner slot's record (nil: none in partners.csv) and how many series it has; `slotOf` is each series' slot.
        private let partnerRecords: [SharedPartner?]
        private let partnerCounts: [Int]
        private let slotOf: [Int]
        private let comparators: [(spec: DatasetMetadata.Comparator, index: Int)]
        private let comparatorSet: Set<Int>
        /// Comparator entries without `for_proxy_populations`, and those with it by the names they list
        /// (indices into `comparators`, in dataset.toml order).
        private let everyProxy: [Int]
        private let scopedByProxy: [String: [Int]]

        /// How many series there are.
        var count: Int { series.count }

        init(dataset: Dataset) {
            metadata = dataset.metadata
            thresholdsByProgramme = ScreeningProgramme.allCases.map { dataset.metadata.benchmarks[$0]?.thresholds }
            series = dataset.series
            // Every name, once: its partners.csv record (a name repeated: its last record, as a dictionary of records filled
            // in file order kept), and its slot once a series names it (-1 for none yet). Records are copied only into the
            // one `SharedPartner` of each partner with series.
            let records = dataset.partners
            var shared: [SharedPartner?] = [], counts: [Int] = []
            var slotOfSeries = [Int](repeating: 0, count: series.count)
            if let known = dataset.seriesPartners, known.ofSeries.count == series.count {
                // The loader's partner numbers: each partner's slot by the number's first series, its record by the number.
                // Every array made at its final size: at ten million rows (1.25 million series, 250,000 partners) the
                // plan's arrays grown by doubling, copied at each step, took a good part of its 50 ms.
                var slotOf = [Int](repeating: -1, count: known.record.count)
                var recordOfSlot: [Int32] = []
                recordOfSlot.reserveCapacity(known.record.count)
                counts.reserveCapacity(known.record.count)
                for i in series.indices {
                    let id = Int(known.ofSeries[i])
                    var slot = slotOf[id]
                    if slot < 0 {
                        slot = recordOfSlot.count
                        slotOf[id] = slot
                        recordOfSlot.append(known.record[id])
                        counts.append(1)
                    } else {
                        counts[slot] += 1
                    }
                    slotOfSeries[i] = slot
                }
                // The records' shared copies made on two threads (25,000 at a million rows: a record copied retains each of its texts).
                let slots = recordOfSlot
                shared = parallelMap(count: slots.count) { k in slots[k] >= 0 ? SharedPartner(records[Int(slots[k])]) : nil }
            } else {
                (shared, counts, slotOfSeries) = Self.partnerSlots(series, records)
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
            // Entries with `for_proxy_populations` are found through their names (an import can declare hundreds of parent
            // areas, each for a few series): each series tries the entries listing its proxy population and the entries
            // without the key, merged in dataset.toml order, and takes the first that applies.
            var unscoped: [Int] = []
            var byProxy: [String: [Int]] = [:]
            for (k, c) in comparatorSeries.enumerated() {
                guard let names = c.spec.forProxyPopulations else { unscoped.append(k); continue }
                for name in names where byProxy[name]?.last != k { byProxy[name, default: []].append(k) }
            }
            partnerRecords = shared
            partnerCounts = counts
            slotOf = slotOfSeries
            comparators = comparatorSeries
            comparatorSet = isComparator
            everyProxy = unscoped
            scopedByProxy = byProxy
        }

        /// The benchmark thresholds of `programme` (nil: no programme, or none set for it).
        private func thresholds(of programme: ScreeningProgramme?) -> BenchmarkThresholds? {
            switch programme {
            case nil: nil
            case .breast?: thresholdsByProgramme[0]
            case .cervical?: thresholdsByProgramme[1]
            case .bowel?: thresholdsByProgramme[2]
            }
        }

        /// Each partner name's slot (in order of its first series) with its partners.csv record and series count, and each
        /// series' slot: the names hashed, for a dataset the loader did not number (``Dataset/seriesPartners``).
        private static func partnerSlots(_ series: [UptakeSeries], _ records: [PartnerRecord])
            -> (records: [SharedPartner?], counts: [Int], slotOfSeries: [Int]) {
            // Every name once (by its bytes while ASCII: 25,000 partners at a million rows).
            var byName = NameTable<(record: Int, slot: Int)>(capacity: records.count + 16, empty: (-1, -1))
            for k in records.indices { byName.withValue(of: records[k].name) { $0.record = k } }
            // One pass to count each partner's series; then each series looks its partner up once.
            var shared: [SharedPartner?] = [], counts: [Int] = []
            var slotOfSeries = [Int](repeating: 0, count: series.count)
            // A partner's series usually come together: the previous series' partner is checked first
            // (the same string storage compares at once), and only a new name is hashed, once (found, or added, and
            // given its slot in place). Each name is read from the array in place: no series is copied.
            var previous: (name: String, slot: Int)?
            for i in series.indices {
                let partner = series[i].partner
                if let p = previous, p.name == partner {
                    counts[p.slot] += 1
                    slotOfSeries[i] = p.slot
                    continue
                }
                let (slot, record) = byName.withValue(of: partner) { Self.claimSlot(&$0, next: counts.count) }
                if slot == counts.count {
                    shared.append(record >= 0 ? SharedPartner(records[record]) : nil)
                    counts.append(1)
                } else {
                    counts[slot] += 1
                }
                slotOfSeries[i] = slot
                previous = (partner, slot)
            }
            return (shared, counts, slotOfSeries)
        }

        /// A name's slot, given `next` when it has none yet, with its partners.csv record (-1: none).
        private static func claimSlot(_ entry: inout (record: Int, slot: Int), next: Int) -> (slot: Int, record: Int) {
            if entry.slot < 0 { entry.slot = next }
            return (entry.slot, entry.record)
        }

        /// The headline's counts without making a summary: each series' change from its two ends by
        /// ``SeriesSummary/change(first:_:last:_:)``, the summary's own definition, on two threads. The same
        /// counts as ``UptakeTable/counts`` of every ``summary(_:)``, for a report that writes the headline
        /// before it makes the summaries block by block.
        func counts() -> Counts {
            let n = series.count, parts = n >= 8192 ? 2 : 1
            return parallelMap(count: parts, minimumForThreads: 2) { h in count(n * h / parts..<n * (h + 1) / parts) }
                .reduce(into: Counts()) { $0.add($1) }
        }

        /// The counts of the series in `range`.
        private func count(_ range: Range<Int>) -> Counts {
            var c = Counts()
            for i in range where !comparatorSet.contains(i) {
                let observations = series[i].observations
                let change = observations.count < 2 ? nil : SeriesSummary.change(
                    first: observations[0].uptakePct, SeriesSummary.wilson(observations[0]),
                    last: observations[observations.count - 1].uptakePct, SeriesSummary.wilson(observations[observations.count - 1]))
                c.add(direction: SeriesSummary.direction(change?.pp), interval: change?.interval)
            }
            return c
        }

        /// Series `i`'s summary, set against its comparator when one applies.
        func summary(_ i: Int) -> SeriesSummary {
            let slot = slotOf[i]
            var result = ComparatorResult.noneGiven
            if comparatorSet.contains(i) {
                result = .isComparator
            } else if !comparators.isEmpty {
                let listed = scopedByProxy[series[i].proxyPopulation] ?? []
                var a = 0, b = 0, found: Int?
                while found == nil, a < everyProxy.count || b < listed.count {
                    let k: Int
                    if b >= listed.count || (a < everyProxy.count && everyProxy[a] < listed[b]) { k = everyProxy[a]; a += 1 } else { k = listed[b]; b += 1 }
                    let c = comparators[k]
                    if c.spec.applies(toPartner: series[i].partner)
                        && (series[i].programme == nil || series[c.index].programme == nil || series[i].programme == series[c.index].programme) {
                        found = k
                    }
                }
                if let k = found {
                    let c = comparators[k]
                    result = ComparatorResult.resolve(series: series[i], comparator: series[c.index], label: c.spec.displayLabel, labels: metadata)
                }
            }
            return SeriesSummary(series: series[i], sharedPartner: partnerRecords[slot], thresholds: thresholds(of: series[i].programme),
                                 partnerSeriesCount: partnerCounts[slot], comparison: result)
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

        /// Counts one series that is not a comparator, by its direction and change interval: the one rule of every count.
        mutating func add(direction: SeriesSummary.Direction?, interval: DifferenceInterval?) {
            series += 1
            if direction == .improved { improved += 1 }
            if direction == .worse { worse += 1 }
            if interval?.excludesZero == true { significant += 1 }
            if interval != nil { intervals += 1 }
        }

        /// Adds `other`'s counts (of other series).
        mutating func add(_ other: Counts) {
            series += other.series
            improved += other.improved
            worse += other.worse
            significant += other.significant
            intervals += other.intervals
        }
    }

    /// The headline's counts (one pass; each count below is one of them), the two halves of a large table on two
    /// threads (125,000 summaries at a million rows: 3-4 ms on one, while the other core idled in the text report).
    public var counts: Counts {
        let rows = rows, parts = rows.count >= 8192 ? 2 : 1
        return parallelMap(count: parts, minimumForThreads: 2) { h in
            Self.counts(of: rows[rows.count * h / parts..<rows.count * (h + 1) / parts])
        }.reduce(into: Counts()) { $0.add($1) }
    }

    /// The headline's counts of `rows` (comparators left out), on the calling thread.
    static func counts(of rows: some Collection<SeriesSummary>) -> Counts {
        var c = Counts()
        for r in rows where !r.isComparator { c.add(direction: r.direction, interval: r.changeInterval) }
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
    public func headline(_ c: Counts) -> String { Self.headline(c, seriesCount: rows.count) }

    /// The headline from counts `c` of a table of `seriesCount` series (comparators included).
    static func headline(_ c: Counts, seriesCount: Int) -> String {
        let n = c.series, k = c.significant, m = c.intervals
        let comparators = seriesCount - n
        var s = NumberFormat.count(n, "series", plural: "series") + (comparators > 0 ? " (and " + NumberFormat.count(comparators, "comparator") + ")" : "")
        s += ": \(NumberFormat.grouped(c.improved)) improved, \(NumberFormat.grouped(c.worse)) worse; "
        s += "\(NumberFormat.grouped(k)) of \(NumberFormat.grouped(m)) change interval\(m == 1 ? "" : "s") \(k == 1 ? "excludes" : "exclude") no change (indicative: the dates are largely the same people)"
        if n > Self.manySeries {
            s += "; with \(NumberFormat.grouped(m)) intervals, about \(NumberFormat.groupedTrimmed(c.expectedByChance, 1)) would exclude no change by chance alone (1 in 20 at 95%)"
        }
        return s + "."
    }
}
