/// Everything the uptake table shows for one series: its first and latest periods,
/// the change with an indicative interval, reach, the partner's reported change
/// and the benchmark status.
///
/// Undefined values are nil (never NaN): a single period has no change, a zero
/// baseline has no relative change, eligible 0 has no interval.
public final class SeriesSummary: Sendable {
    /// One period's figures with its Wilson interval.
    public struct Point: Sendable {
        /// The period.
        public var period: Period
        /// Eligible population.
        public var eligible: Int
        /// People screened, when given.
        public var screened: Int?
        /// Uptake in percent, when defined.
        public var uptakePct: Double?
        /// The 95% Wilson score interval, in percent.
        public var interval: ProportionInterval?
        /// The line in `uptake.csv`.
        public var line: Int
    }

    /// The series summarised.
    public let series: UptakeSeries
    /// The partner's record, when partners.csv has it.
    public let partner: PartnerRecord?
    /// The first period with its interval.
    public let start: Point?
    /// The latest period with its interval (only when there are two or more).
    public let end: Point?

    /// Every period, oldest first, with intervals (computed on demand: a million-row table needs only the ends).
    public var points: [Point] { series.observations.map(Self.point) }

    /// Change in percentage points, first to latest.
    public let changePP: Double?
    /// Relative change in %, first to latest.
    public let changeRelPct: Double?
    /// The indicative 95% interval for the change in percentage points (Newcombe hybrid score).
    public let changeInterval: DifferenceInterval?
    /// Reach: residents reached ÷ latest eligible, in %.
    public let reachPct: Double?
    /// The check of the partner's reported change against its figures.
    public let reportedCheck: ReportedChangeCheck?
    /// The partner's residents reached, when this is the partner's only series (else nil: the figure is not this series').
    public let attributedReached: Int?
    /// The partner's published relative change, when this is the partner's only series.
    public let attributedReportedChangePct: Double?
    /// Decimals the attributed published change was written with.
    public var attributedReportedChangeDecimals: Int? { attributedReportedChangePct == nil ? nil : partner?.reportedChangeDecimals }
    /// True when the partner has several series, so its own figures are not attributed to any of them.
    public let partnerHasSeveralSeries: Bool

    /// Benchmark status of the latest uptake, when the programme has thresholds.
    public let benchmark: BenchmarkStatus?

    /// True when the change interval excludes zero.
    public var isSignificant: Bool? { changeInterval?.excludesZero }

    /// Which way uptake moved.
    public enum Direction: String, Sendable {
        case improved, worse, unchanged
    }

    /// Which way uptake moved (nil without a change).
    public var direction: Direction? {
        guard let c = changePP else { return nil }
        if abs(c) < 1e-9 { return .unchanged }
        return c > 0 ? .improved : .worse
    }

    /// Summarises `series` with its partner record and the dataset's benchmarks.
    ///
    /// `partnerSeriesCount` is how many series the partner has: its residents
    /// reached and published change describe one proxy population, so with
    /// several series they are not attributed to any (reach and the check are absent).
    public init(series: UptakeSeries, partner: PartnerRecord?, benchmarks: [ScreeningProgramme: DatasetMetadata.Benchmark],
                partnerSeriesCount: Int = 1) {
        self.series = series
        self.partner = partner
        let observations = series.observations
        start = observations.first.map(Self.point)
        end = observations.count >= 2 ? observations.last.map(Self.point) : nil
        var changePP: Double?, changeRelPct: Double?, changeInterval: DifferenceInterval?, reportedCheck: ReportedChangeCheck?
        var reachPct: Double?, benchmark: BenchmarkStatus?
        if let first = start, let last = end, let a = first.uptakePct, let b = last.uptakePct {
            changePP = UptakeChange.percentagePoints(from: a, to: b)
            changeRelPct = UptakeChange.relativePct(from: a, to: b)
            changeInterval = NewcombeHybridScore.differenceInterval(p1: a / 100, n1: Double(first.eligible), p2: b / 100, n2: Double(last.eligible))
                .map { DifferenceInterval(difference: $0.difference * 100, lower: $0.lower * 100, upper: $0.upper * 100) }
            if partnerSeriesCount == 1, let reported = partner?.reportedChangePct {
                reportedCheck = ReportedChange.check(startPct: a, endPct: b, reportedRelativePct: reported,
                                                     reportedDecimals: partner?.reportedChangeDecimals ?? 2,
                                                     publishedDecimals: series.uptakeDecimals ?? 1)
            }
        }
        let latestPoint = end ?? start
        if partnerSeriesCount == 1, let reached = partner?.residentsReached, let latest = latestPoint, latest.eligible > 0 {
            reachPct = Double(reached) / Double(latest.eligible) * 100
        }
        if let programme = series.programme, let b = benchmarks[programme], let latest = latestPoint?.uptakePct {
            benchmark = BenchmarkStatus.classify(uptakePct: latest, thresholds: b.thresholds)
        }
        partnerHasSeveralSeries = partnerSeriesCount > 1
        attributedReached = partnerSeriesCount == 1 ? partner?.residentsReached : nil
        attributedReportedChangePct = partnerSeriesCount == 1 ? partner?.reportedChangePct : nil
        self.changePP = changePP
        self.changeRelPct = changeRelPct
        self.changeInterval = changeInterval
        self.reportedCheck = reportedCheck
        self.reachPct = reachPct
        self.benchmark = benchmark
    }

    /// One observation with its 95% Wilson interval in percent.
    static func point(_ o: UptakeObservation) -> Point {
        let interval = o.uptakePct.flatMap { WilsonScore.interval(proportion: $0 / 100, trials: Double(o.eligible)) }
            .map { ProportionInterval(lower: $0.lower * 100, upper: $0.upper * 100) }
        return Point(period: o.period, eligible: o.eligible, screened: o.screened, uptakePct: o.uptakePct, interval: interval, line: o.line)
    }

    /// A plain-English statement of the change, for meetings:
    /// "Uptake rose from 30.8% (Dec 2023) to 35.6% (July 2024): +4.8 points (+15.6%); indicative 95% interval −4.0 to +13.3 points, not significant."
    public func statement(labels: DatasetMetadata) -> String {
        guard let s = start else { return "No uptake figures." }
        func at(_ p: Point) -> String {
            p.uptakePct.map { "\(NumberFormat.fixed($0, 1))% in \(labels.label(for: p.period))" }
                ?? "not defined in \(labels.label(for: p.period)) (no eligible population)"
        }
        guard let e = end else { return "Uptake was \(at(s)); only one period, so no change to report." }
        guard let a = s.uptakePct, let b = e.uptakePct, let pp = changePP else {
            return "Uptake was \(at(s)) and \(at(e)); no change can be computed."
        }
        var text: String
        if abs(pp) < 1e-9 {
            text = "Uptake stayed at \(NumberFormat.fixed(b, 1))% from \(labels.label(for: s.period)) to \(labels.label(for: e.period)): no change"
        } else {
            let verb = pp > 0 ? "rose" : "fell"
            text = "Uptake \(verb) from \(NumberFormat.fixed(a, 1))% (\(labels.label(for: s.period))) to \(NumberFormat.fixed(b, 1))% (\(labels.label(for: e.period))): \(NumberFormat.signed(pp, 1)) points"
        }
        if let rel = changeRelPct { text += " (\(NumberFormat.signed(rel, 1))%)" }
        if let ci = changeInterval {
            text += "; indicative 95% interval \(NumberFormat.signed(ci.lower, 1)) to \(NumberFormat.signed(ci.upper, 1)) points, "
            text += ci.excludesZero ? "a significant change" : "not significant"
        }
        return text + "."
    }
}

/// The whole uptake table and its headline counts.
///
/// Built on two threads for large tables: each series is summarised on its own.
public struct UptakeTable: Sendable {
    /// One summary per series, in file order.
    public var rows: [SeriesSummary]

    /// Summarises every series of `dataset`.
    public init(dataset: Dataset) {
        var partners: [String: PartnerRecord] = [:]
        for p in dataset.partners { partners[p.name] = p }
        let benchmarks = dataset.metadata.benchmarks
        let series = dataset.series
        // One pass to count each partner's series; then each series looks its partner up once.
        var slots: [String: Int] = [:]
        var lookups: [(record: PartnerRecord?, count: Int)] = []
        var slotOfSeries = [Int](repeating: 0, count: series.count)
        for (i, s) in series.enumerated() {
            if let slot = slots[s.partner] {
                lookups[slot].count += 1
                slotOfSeries[i] = slot
            } else {
                slots[s.partner] = lookups.count
                slotOfSeries[i] = lookups.count
                lookups.append((partners[s.partner], 1))
            }
        }
        let partnerOf = lookups, slotOf = slotOfSeries
        rows = parallelMap(count: series.count) { i in
            let p = partnerOf[slotOf[i]]
            return SeriesSummary(series: series[i], partner: p.record, benchmarks: benchmarks, partnerSeriesCount: p.count)
        }
    }

    /// Series whose uptake rose.
    public var improvedCount: Int { rows.reduce(0) { $0 + ($1.direction == .improved ? 1 : 0) } }
    /// Series whose uptake fell.
    public var worseCount: Int { rows.reduce(0) { $0 + ($1.direction == .worse ? 1 : 0) } }
    /// Series whose change is significant (indicative).
    public var significantCount: Int { rows.reduce(0) { $0 + ($1.isSignificant == true ? 1 : 0) } }
}
