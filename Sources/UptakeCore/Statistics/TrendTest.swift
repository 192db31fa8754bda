/// The chi-squared test for trend in proportions, as R's `prop.trend.test` computes it.
///
/// Also called the Cochran–Armitage test. With counts `x_i` of `n_i` at scores
/// `t_i` (1, 2, 3, … by default), `N = Σn`, `X = Σx`:
/// χ² = N·(N·Σx·t − X·Σn·t)² / (X·(N − X)·(N·Σn·t² − (Σn·t)²)), one degree of freedom.
/// This is exactly `anova(lm(x/n ~ t, weights = n/p/(1 − p)))["t", "Sum Sq"]`,
/// R's definition, and the formula of Fingertips' trend-marker calculator.
public enum TrendTest {
    /// χ² for trend; nil when fewer than two groups, any `n_i ≤ 0`, `x_i` outside 0...n_i,
    /// all or none are successes (X = 0 or X = N), or all scores are equal.
    public static func chiSquared(successes x: [Int], trials n: [Int], scores: [Double]? = nil) -> Double? {
        guard x.count == n.count, x.count >= 2 else { return nil }
        let t = scores ?? (1...x.count).map(Double.init)
        guard t.count == x.count else { return nil }
        var N = 0.0, X = 0.0, sxt = 0.0, snt = 0.0, sntt = 0.0
        for i in x.indices {
            guard n[i] > 0, x[i] >= 0, x[i] <= n[i] else { return nil }
            let ni = Double(n[i]), xi = Double(x[i])
            N += ni; X += xi
            sxt += xi * t[i]; snt += ni * t[i]; sntt += ni * t[i] * t[i]
        }
        guard X > 0, X < N else { return nil }
        let spread = N * sntt - snt * snt
        guard spread > 0 else { return nil }
        let d = N * sxt - X * snt
        let chi = N * d * d / (X * (N - X) * spread)
        return chi.isFinite ? chi : nil
    }

    /// The upper-tail probability of χ² with one degree of freedom: `erfc(√(χ²/2))`.
    public static func pValue(chiSquared chi: Double) -> Double? {
        guard chi.isFinite, chi >= 0 else { return nil }
        return erfc((chi / 2).squareRoot())
    }
}

/// The recent-trend marker OHID Fingertips shows, for one uptake series.
///
/// Fingertips' technical guidance ("Fingertips trend markers"): the most recent
/// five points; for proportions, the chi-squared test for trend; a trend only
/// when χ² exceeds 9.5495 (the 99.8% level, p < 0.002) and dropping any one of
/// the five points leaves the slope's direction unchanged. The direction is the
/// slope of the log-odds, ln(x/(n − x)), on time. The tests are applied only to
/// series with at least five points, a numerator and denominator, and
/// independent, annual, evenly spaced periods (not overlapping, no breaks).
public struct TrendMarker: Hashable, Sendable {
    /// The marker.
    public enum Marker: String, Hashable, Sendable {
        case increasing
        case decreasing
        /// Fingertips' "no significant change": tested, and no trend at the 99.8% level (or an outlier reverses it).
        case noSignificantChange = "no_significant_change"
        /// The series does not meet the criteria for the test.
        case notTested = "not_tested"

        /// Words for display: "increasing", "decreasing", "no significant change", "not tested".
        public var label: String {
            switch self {
            case .increasing: return "increasing"
            case .decreasing: return "decreasing"
            case .noSignificantChange: return "no significant change"
            case .notTested: return "not tested"
            }
        }
    }

    /// Why the marker is what it is.
    public enum Reason: Hashable, Sendable {
        /// Fewer than five periods with figures (the count).
        case fewerThanFivePoints(Int)
        /// A period among the latest five gives no `screened` count (its period).
        case noCounts(Period)
        /// Two of the latest five periods are less than a year apart, so the people they count overlap.
        case overlappingPeriods(Period, Period)
        /// Two consecutive periods of the latest five are more than a year apart, or not on the same date each year.
        case breakInSeries(Period, Period)
        /// None or all of the people in the five periods were screened, or one period is 0% or 100%: the test is undefined.
        case degenerate
        /// χ² at or below the critical value.
        case notSignificant
        /// χ² above the critical value, but leaving out this period reverses (or flattens) the slope.
        case outlier(Period)
        /// χ² above the critical value and every leave-one-out slope agrees.
        case significant

        /// A short code for CSV and JSON.
        public var code: String {
            switch self {
            case .fewerThanFivePoints: return "fewer_than_five_points"
            case .noCounts: return "no_counts"
            case .overlappingPeriods: return "overlapping_periods"
            case .breakInSeries: return "break_in_series"
            case .degenerate: return "undefined_at_0_or_100_percent"
            case .notSignificant: return "no_trend_at_99_8_percent"
            case .outlier: return "outlier"
            case .significant: return "trend_at_99_8_percent"
            }
        }
    }

    /// Fingertips' critical value: χ² with 1 degree of freedom at the 99.8% level, qchisq(0.998, 1).
    public static let criticalValue = 9.549535706083237
    /// The number of most recent points tested.
    public static let pointsUsed = 5

    /// The marker.
    public let marker: Marker
    /// Why.
    public let reason: Reason
    /// χ² for trend over the latest five periods (nil when not tested).
    public let chiSquared: Double?
    /// The slope of the log-odds of uptake per year (nil when not tested).
    public let slope: Double?
    /// The periods tested, oldest first (empty when not tested).
    public let periods: [Period]

    /// Tests the latest five observations of a series (oldest first) as Fingertips does.
    public init<Rows: RandomAccessCollection>(observations: Rows) where Rows.Element == UptakeObservation, Rows.Index == Int {
        func isDefined(_ o: UptakeObservation) -> Bool { o.eligible > 0 && (o.screened != nil || o.uptakePct != nil) }
        func notTested(_ r: Reason) -> TrendMarker { TrendMarker(marker: .notTested, reason: r, chiSquared: nil, slope: nil, periods: []) }
        // The latest five defined observations, found from the end without building an array: most series stop at
        // one of the next two checks, and the table summarises every series once per load.
        var found = 0, first = observations.endIndex, i = observations.endIndex
        while i > observations.startIndex && found < Self.pointsUsed {
            i -= 1
            if isDefined(observations[i]) { found += 1; first = i }
        }
        guard found >= Self.pointsUsed else { self = notTested(.fewerThanFivePoints(found)); return }
        if let missing = observations[first...].first(where: { isDefined($0) && $0.screened == nil }) {
            self = notTested(.noCounts(missing.period)); return
        }
        let recent = observations[first...].filter(isDefined)
        for (a, b) in zip(recent, recent.dropFirst()) {
            let months = (b.period.year - a.period.year) * 12 + (b.period.month - a.period.month)
            if months < 12 { self = notTested(.overlappingPeriods(a.period, b.period)); return }
            if months > 12 || a.period.day != b.period.day { self = notTested(.breakInSeries(a.period, b.period)); return }
        }
        let x = recent.map { $0.screened ?? 0 }, n = recent.map(\.eligible)
        let periods = recent.map(\.period)
        guard x.allSatisfy({ $0 > 0 }), zip(x, n).allSatisfy({ $0 < $1 }),
              let chi = TrendTest.chiSquared(successes: x, trials: n),
              let slope = Self.logOddsSlope(x, n, Array(1...Self.pointsUsed)) else {
            self = notTested(.degenerate); return
        }
        guard chi > Self.criticalValue else {
            self = TrendMarker(marker: .noSignificantChange, reason: .notSignificant, chiSquared: chi, slope: slope, periods: periods); return
        }
        for j in 0..<Self.pointsUsed {
            var xs = x, ns = n, ts = Array(1...Self.pointsUsed)
            xs.remove(at: j); ns.remove(at: j); ts.remove(at: j)
            let sub = Self.logOddsSlope(xs, ns, ts) ?? 0
            if sub.sign != slope.sign || sub == 0 || slope == 0 {
                self = TrendMarker(marker: .noSignificantChange, reason: .outlier(periods[j]), chiSquared: chi, slope: slope, periods: periods); return
            }
        }
        self = TrendMarker(marker: slope > 0 ? .increasing : .decreasing, reason: .significant, chiSquared: chi, slope: slope, periods: periods)
    }

    init(marker: Marker, reason: Reason, chiSquared: Double?, slope: Double?, periods: [Period]) {
        self.marker = marker
        self.reason = reason
        self.chiSquared = chiSquared
        self.slope = slope
        self.periods = periods
    }

    /// Ordinary least-squares slope of ln(x/(n − x)) on the time scores (0 < x < n).
    static func logOddsSlope(_ x: [Int], _ n: [Int], _ t: [Int]) -> Double? {
        let k = Double(x.count)
        var sy = 0.0, st = 0.0, sty = 0.0, stt = 0.0
        for i in x.indices {
            guard x[i] > 0, x[i] < n[i] else { return nil }
            let y = log(Double(x[i]) / Double(n[i] - x[i])), ti = Double(t[i])
            sy += y; st += ti; sty += ti * y; stt += ti * ti
        }
        let den = k * stt - st * st
        guard den > 0 else { return nil }
        let slope = (k * sty - st * sy) / den
        return slope.isFinite ? slope : nil
    }

    /// One sentence for a programme manager, labelling periods with `labels`.
    ///
    /// "Trend over the latest five years (2020-03 to 2024-03): increasing, by the
    /// Fingertips trend marker (chi-squared test for trend 37.6, above 9.55, the
    /// 99.8% level)." or "Trend not tested: only 2 periods with figures, and the
    /// Fingertips trend marker needs at least five."
    public func sentence(labels: DatasetMetadata) -> String {
        var s = ""
        writeSentence(labels: labels, into: &s)
        return s
    }

    /// ``sentence(labels:)`` written into `out`: the one definition of the sentence.
    func writeSentence<S: SentenceSink & ~Copyable>(labels: DatasetMetadata, into out: inout S) {
        func span() {
            guard let first = periods.first else { return out.word("Trend") }
            out.word("Trend over the latest five years (")
            out.label(first, labels)
            out.word(" to ")
            out.label(periods.last ?? first, labels)
            out.word(")")
        }
        func chi() { if let c = chiSquared { out.fixed(c, 2) } }
        func critical() { out.fixed(Self.criticalValue, 2) }
        switch reason {
        case .fewerThanFivePoints(let k):
            out.word("Trend not tested: only ")
            out.integer(k)
            out.word(k == 1 ? " period with figures, and the Fingertips trend marker needs at least five." : " periods with figures, and the Fingertips trend marker needs at least five.")
        case .noCounts(let p):
            out.word("Trend not tested: ")
            out.label(p, labels)
            out.word(" gives a percentage but no screened count, and the Fingertips test for proportions needs counts.")
        case .overlappingPeriods(let a, let b):
            out.word("Trend not tested: ")
            out.label(a, labels)
            out.word(" and ")
            out.label(b, labels)
            out.word(" are less than a year apart, so the people they count overlap, and the Fingertips trend marker needs independent, annual periods.")
        case .breakInSeries(let a, let b):
            out.word("Trend not tested: a break in the series between ")
            out.label(a, labels)
            out.word(" and ")
            out.label(b, labels)
            out.word(", and the Fingertips trend marker needs five evenly spaced annual periods.")
        case .degenerate:
            out.word("Trend not tested: a period among the latest five is 0% or 100%, where the test is undefined.")
        case .notSignificant:
            span()
            out.word(": no significant change by the Fingertips trend marker (chi-squared test for trend ")
            chi()
            out.word(", not above ")
            critical()
            out.word(", the 99.8% level).")
        case .outlier(let p):
            span()
            out.word(": no significant change by the Fingertips trend marker (chi-squared ")
            chi()
            out.word(" is above ")
            critical()
            out.word(", but leaving out ")
            out.label(p, labels)
            out.word(" reverses the direction).")
        case .significant:
            span()
            out.word(": ")
            out.text(marker.label)
            out.word(", by the Fingertips trend marker (chi-squared test for trend ")
            chi()
            out.word(", above ")
            critical()
            out.word(", the 99.8% level).")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
