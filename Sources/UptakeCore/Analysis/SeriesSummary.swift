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
        /// The uptake as the row gives it: exact counts, or a percentage at its published decimals.
        public var figure: UptakeFigure?
    }

    /// The series summarised.
    public let series: UptakeSeries
    /// The partner's record, when partners.csv has it.
    public var partner: PartnerRecord? { sharedPartner?.record }
    /// One record shared by every summary of the partner's series (a copy in each would add about
    /// 200 bytes a series: 25 MB for 125,000 series).
    let sharedPartner: SharedPartner?
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
    public var reportedCheck: ReportedChangeCheck? { reportedCheckBox?.check }
    /// The check, boxed: only a partner with one series and a published change has one, and a check
    /// held in place would add 120 bytes to every summary (15 MB of 125,000).
    private let reportedCheckBox: ReportedCheckBox?
    private final class ReportedCheckBox: Sendable {
        let check: ReportedChangeCheck
        init(_ check: ReportedChangeCheck) { self.check = check }
    }
    /// The partner's residents reached, when this is the partner's only series (else nil: the figure is not this series').
    public let attributedReached: Int?
    /// The partner's published relative change, when this is the partner's only series.
    public let attributedReportedChangePct: Double?
    /// Decimals the attributed published change was written with.
    public var attributedReportedChangeDecimals: Int? { attributedReportedChangePct == nil ? nil : sharedPartner?.record.reportedChangeDecimals }
    /// True when the partner has several series, so its own figures are not attributed to any of them.
    public let partnerHasSeveralSeries: Bool

    /// Benchmark status of the latest uptake, when the programme has thresholds (compared exactly).
    public let benchmark: BenchmarkStatus?

    /// The Fingertips recent-trend marker over the latest five periods, or why it was not tested.
    public let trend: TrendMarker
    /// The change set against the comparator's over the same two dates, or why not.
    public let comparison: ComparatorResult

    /// True when this series is itself a comparator for others (not counted in the headline).
    public var isComparator: Bool {
        if case .isComparator = comparison { return true }
        return false
    }

    /// True when the change interval excludes zero (the CSV/JSON `significant` field; say "excludes no change" in words).
    public var isSignificant: Bool? { changeInterval?.excludesZero }

    /// "excludes no change" or "includes no change" (nil without an interval): the short words for the change interval.
    public var intervalVerdict: String? {
        changeInterval.map { $0.excludesZero ? "excludes no change" : "includes no change" }
    }

    /// What the change interval assumes, in words, to follow every mention of it.
    public static let intervalCaveat = intervalCaveatWords.description
    /// ``intervalCaveat`` as the sentences write it.
    static let intervalCaveatWords: StaticString = "it treats the two dates as independent samples; they are largely the same people, so read it as indicative"

    /// Which way uptake moved.
    public enum Direction: String, Sendable {
        case improved, worse, unchanged
    }

    /// Which way uptake moved (nil without a change).
    public var direction: Direction? { Self.direction(changePP) }

    /// Which way a change of `pp` points went (nil without one): the one rule for ``direction``.
    static func direction(_ pp: Double?) -> Direction? {
        guard let c = pp else { return nil }
        if abs(c) < 1e-9 { return .unchanged }
        return c > 0 ? .improved : .worse
    }

    /// The change from a first uptake `a` to a latest `b` (percent) with its interval, from the two ends' Wilson
    /// intervals (``wilson(_:)``'s, as fractions): nil without both uptakes; the interval nil without both intervals.
    /// The one definition of the change, for the summary and for the headline's counts made without summaries.
    static func change(first a: Double?, _ wilson1: ProportionInterval?, last b: Double?, _ wilson2: ProportionInterval?)
        -> (pp: Double, relativePct: Double?, interval: DifferenceInterval?)? {
        guard let a, let b else { return nil }
        // NewcombeHybridScore.differenceInterval(p1: a / 100, n1: first.eligible, p2: b / 100, n2: last.eligible), from the
        // points' own Wilson intervals (the same calls on the same figures): nil when either is.
        let interval = wilson1.flatMap { w1 in wilson2.flatMap { w2 in
            NewcombeHybridScore.differenceInterval(p1: a / 100, wilson1: w1, p2: b / 100, wilson2: w2) } }
            .map { DifferenceInterval(difference: $0.difference * 100, lower: $0.lower * 100, upper: $0.upper * 100) }
        return (UptakeChange.percentagePoints(from: a, to: b), UptakeChange.relativePct(from: a, to: b), interval)
    }

    /// Summarises `series` with its partner record and the dataset's benchmarks.
    ///
    /// `partnerSeriesCount` is how many series the partner has: its residents
    /// reached and published change describe one proxy population, so with
    /// several series they are not attributed to any (reach and the check are absent).
    public convenience init(series: UptakeSeries, partner: PartnerRecord?, benchmarks: [ScreeningProgramme: DatasetMetadata.Benchmark],
                            partnerSeriesCount: Int = 1, comparison: ComparatorResult = .noneGiven) {
        self.init(series: series, sharedPartner: partner.map(SharedPartner.init),
                  thresholds: series.programme.flatMap { benchmarks[$0]?.thresholds },
                  partnerSeriesCount: partnerSeriesCount, comparison: comparison)
    }

    /// The same, with the partner's record shared among its series' summaries and the benchmark thresholds of the
    /// series' programme found by the caller (nil: none), once per programme rather than by a dictionary lookup per
    /// series. `series` is taken, not copied (the caller's copy is the summary's).
    init(series: consuming UptakeSeries, sharedPartner: SharedPartner?, thresholds standard: BenchmarkThresholds?,
         partnerSeriesCount: Int = 1, comparison: ComparatorResult = .noneGiven) {
        // The rows taken first, so that storing `series` is its last use: a move, where storing it first made a copy
        // of the series (four retains, and four releases of the argument) to read its rows after.
        let observations = series.observations
        self.series = consume series
        self.sharedPartner = sharedPartner
        // The three figures used, read in place (a copy of the whole record would retain and release each of its texts).
        let reportedChangePct = sharedPartner?.record.reportedChangePct, reportedChangeDecimals = sharedPartner?.record.reportedChangeDecimals
        let residentsReached = sharedPartner?.record.residentsReached
        // The two ends' Wilson intervals (as fractions) made once, for their points and for the change's interval.
        let firstObservation = observations.first, lastObservation = observations.count >= 2 ? observations.last : nil
        let wilson1 = firstObservation.flatMap(Self.wilson), wilson2 = lastObservation.flatMap(Self.wilson)
        start = firstObservation.map { Self.point($0, wilson: wilson1) }
        end = lastObservation.map { Self.point($0, wilson: wilson2) }
        var changePP: Double?, changeRelPct: Double?, changeInterval: DifferenceInterval?, reportedCheck: ReportedChangeCheck?
        var reachPct: Double?, benchmark: BenchmarkStatus?
        if let first = start, let last = end, let change = Self.change(first: first.uptakePct, wilson1, last: last.uptakePct, wilson2) {
            changePP = change.pp
            changeRelPct = change.relativePct
            changeInterval = change.interval
            if partnerSeriesCount == 1, let reported = reportedChangePct, let f1 = first.figure, let f2 = last.figure {
                // Each figure at its own precision: counts exactly, a published percentage ± half its last place.
                reportedCheck = ReportedChange.check(start: f1, end: f2, reportedRelativePct: reported,
                                                     reportedDecimals: reportedChangeDecimals ?? 2)
            }
        }
        let latestPoint = end ?? start
        if partnerSeriesCount == 1, let reached = residentsReached, let latest = latestPoint, latest.eligible > 0 {
            reachPct = Double(reached) / Double(latest.eligible) * 100
        }
        if let standard, let latest = latestPoint?.figure {
            benchmark = BenchmarkStatus.classify(latest, thresholds: standard)
        }
        trend = TrendMarker(observations: observations)
        self.comparison = comparison
        partnerHasSeveralSeries = partnerSeriesCount > 1
        attributedReached = partnerSeriesCount == 1 ? residentsReached : nil
        attributedReportedChangePct = partnerSeriesCount == 1 ? reportedChangePct : nil
        self.changePP = changePP
        self.changeRelPct = changeRelPct
        self.changeInterval = changeInterval
        reportedCheckBox = reportedCheck.map(ReportedCheckBox.init)
        self.reachPct = reachPct
        self.benchmark = benchmark
    }

    /// One observation with its 95% Wilson interval in percent.
    static func point(_ o: UptakeObservation) -> Point { point(o, wilson: wilson(o)) }

    /// The 95% Wilson interval of `o`'s uptake, as fractions (nil without a figure or when undefined).
    static func wilson(_ o: UptakeObservation) -> ProportionInterval? {
        o.uptakePct.flatMap { WilsonScore.interval(proportion: $0 / 100, trials: Double(o.eligible)) }
    }

    /// ``wilson(_:)`` at the critical value `z` read once by the caller (``NormalDistribution/z95`` for 95%).
    @inline(__always)
    static func wilson(_ o: UptakeObservation, z: Double) -> ProportionInterval? {
        guard let pct = o.uptakePct else { return nil }
        return WilsonScore.interval(proportion: pct / 100, trials: Double(o.eligible), z: z)
    }

    /// `o` as a point with its Wilson interval `wilson` (``wilson(_:)``'s) in percent.
    static func point(_ o: UptakeObservation, wilson: ProportionInterval?) -> Point {
        let interval = wilson.map { ProportionInterval(lower: $0.lower * 100, upper: $0.upper * 100) }
        return Point(period: o.period, eligible: o.eligible, screened: o.screened, uptakePct: o.uptakePct, interval: interval, line: o.line,
                     figure: o.figure)
    }

    /// The one sentence builder every view uses: the change, its comparison, its trend.
    ///
    /// "Uptake rose from 59.0% (Dec 2023) to 65.0% (July 2024): +6.0 points
    /// (+10.2%); the 95% interval for the change, +2.7 to +9.2 points, excludes
    /// no change (it treats the two dates as independent samples; they are
    /// largely the same people, so read it as indicative). No comparator was
    /// given, so this change is not set against the area as a whole. Trend not
    /// tested: only 2 periods with figures, and the Fingertips trend marker needs
    /// at least five." Never "significant" alone.
    public func statement(labels: DatasetMetadata) -> String {
        var s = ""
        writeStatement(labels: labels, into: &s)
        return s
    }

    /// ``statement(labels:)`` written into `out`: the one definition of the sentences.
    func writeStatement<S: SentenceSink & ~Copyable>(labels: DatasetMetadata, into out: inout S) {
        writeStatement(labels: labels, into: &out) { trend.writeSentence(labels: labels, into: &$0) }
    }

    /// ``writeStatement(labels:into:)`` with the trend's sentence written by `trendSentence` (the JSON report,
    /// which writes that sentence on its own as well, copies the bytes it made instead of making them again).
    func writeStatement<S: SentenceSink & ~Copyable>(labels: DatasetMetadata, into out: inout S, trendSentence: (inout S) -> Void) {
        writeChangeSentence(labels: labels, into: &out)
        if changePP != nil {
            out.word(" ")
            writeComparisonSentence(labels: labels, into: &out)
        }
        if changePP != nil || trend.marker != .notTested {
            out.word(" ")
            trendSentence(&out)
        }
    }

    /// The change from the first to the latest period, with its interval and what the interval assumes.
    public func changeSentence(labels: DatasetMetadata) -> String {
        var s = ""
        writeChangeSentence(labels: labels, into: &s)
        return s
    }

    func writeChangeSentence<S: SentenceSink & ~Copyable>(labels: DatasetMetadata, into out: inout S) {
        guard let s = start else { return out.word("No uptake figures.") }
        func at(_ p: Point) {
            if let u = p.uptakePct {
                out.fixed(u, 1)
                out.word("% in ")
                out.label(p.period, labels)
            } else {
                out.word("not defined in ")
                out.label(p.period, labels)
                out.word(" (no eligible population)")
            }
        }
        guard let e = end else {
            out.word("Uptake was ")
            at(s)
            return out.word("; only one period, so no change to report.")
        }
        guard let a = s.uptakePct, let b = e.uptakePct, let pp = changePP else {
            out.word("Uptake was ")
            at(s)
            out.word(" and ")
            at(e)
            return out.word("; no change can be computed.")
        }
        if abs(pp) < 1e-9 {
            out.word("Uptake stayed at ")
            out.fixed(b, 1)
            out.word("% from ")
            out.label(s.period, labels)
            out.word(" to ")
            out.label(e.period, labels)
            out.word(": no change")
        } else {
            out.word(pp > 0 ? "Uptake rose from " : "Uptake fell from ")
            out.fixed(a, 1)
            out.word("% (")
            out.label(s.period, labels)
            out.word(") to ")
            out.fixed(b, 1)
            out.word("% (")
            out.label(e.period, labels)
            out.word("): ")
            out.signed(pp, 1)
            out.word(" points")
        }
        if let rel = changeRelPct {
            out.word(" (")
            out.signed(rel, 1)
            out.word("%)")
        }
        if let ci = changeInterval, let verdict = intervalVerdict {
            out.word("; the 95% interval for the change, ")
            out.signed(ci.lower, 1)
            out.word(" to ")
            out.signed(ci.upper, 1)
            out.word(" points, ")
            out.text(verdict)
            out.word(" (")
            out.word(Self.intervalCaveatWords)
            out.word(")")
        }
        out.word(".")
    }

    /// The change beside the comparator's over the same two dates, or why there is no comparison (nil without a change).
    ///
    /// "+6.0 points against +1.2 for the bi-borough as a whole: 4.8 points more
    /// (difference in differences, 95% interval +0.5 to +9.1 points; indicative:
    /// it assumes the two changes are independent)."
    public func comparisonSentence(labels: DatasetMetadata) -> String? {
        guard changePP != nil else { return nil }
        var s = ""
        writeComparisonSentence(labels: labels, into: &s)
        return s
    }

    /// ``comparisonSentence(labels:)`` written into `out` (nothing without a change).
    func writeComparisonSentence<S: SentenceSink & ~Copyable>(labels: DatasetMetadata, into out: inout S) {
        guard let pp = changePP else { return }
        switch comparison {
        case .noneGiven:
            out.word("No comparator was given, so this change is not set against the area as a whole.")
        case .isComparator:
            out.word("This series is the comparator for the others.")
        case let .unavailable(label, reason):
            out.word("No comparison with ")
            out.text(label)
            out.word(": ")
            out.text(reason)
            out.word(".")
        case let .compared(c):
            let did = c.difference.difference
            out.signed(pp, 1)
            out.word(" points against ")
            out.signed(c.comparatorChange.difference, 1)
            out.word(" for ")
            out.text(c.label)
            out.word(": ")
            if abs(did) < 0.05 {
                out.word("about the same change")
            } else {
                out.fixed(abs(did), 1)
                out.word(did > 0 ? " points more" : " points less")
            }
            out.word(" (difference in differences, 95% interval ")
            out.signed(c.difference.lower, 1)
            out.word(" to ")
            out.signed(c.difference.upper, 1)
            out.word(" points, which ")
            out.word(c.difference.excludesZero ? "excludes" : "includes")
            out.word(" no difference; indicative: it assumes the two changes are independent).")
        }
    }
}

/// A partner's record held once for all of its series' summaries.
final class SharedPartner: Sendable {
    let record: PartnerRecord
    init(_ record: PartnerRecord) { self.record = record }
}
