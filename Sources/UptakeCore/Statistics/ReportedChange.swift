import Foundation

/// The outcome of checking a reported relative change against the published uptake figures.
///
/// VCS partners report a headline "uptake rose by X%" alongside start and end
/// uptake percentages that are themselves rounded for publication. A reported
/// change can legitimately differ from the one recomputed from the rounded
/// figures, so this records how far rounding can stretch, and whether the
/// headline is exact, explainable by rounding, or not explainable at all.
public struct ReportedChangeCheck: Hashable, Sendable {
    /// How the reported change relates to the published figures.
    ///
    /// Raw values are stable snake_case strings for JSON/CSV export.
    public enum Verdict: String, Sendable {
        /// The reported change equals the recomputed point estimate at the reported precision.
        case exact
        /// The reported change differs from the point estimate but is possible given the rounding of the published figures.
        case withinRounding = "within_rounding"
        /// No pair of unrounded start and end values consistent with the published figures gives the reported change.
        case inconsistent
    }

    /// The verdict of the check.
    public let verdict: Verdict
    /// The relative change recomputed from the published figures, `(end/start - 1) * 100`.
    public let pointEstimatePct: Double
    /// The smallest relative change (%) possible when each published percentage was rounded to `publishedDecimals` places.
    public let lowestPct: Double
    /// The largest relative change (%) possible when each published percentage was rounded to `publishedDecimals` places.
    public let highestPct: Double
    /// The published start uptake percentage that was checked.
    public let startPct: Double
    /// The published end uptake percentage that was checked.
    public let endPct: Double
    /// The partner's reported relative change, in percent.
    public let reportedRelativePct: Double
    /// The number of decimal places the reported change was given to.
    public let reportedDecimals: Int
    /// The number of decimal places the start and end percentages were published to.
    public let publishedDecimals: Int

    /// A plain-English sentence explaining the verdict, e.g. "Reported +15.77% is consistent only through rounding: 30.8% → 35.6% gives +15.58%, and published figures rounded to 0.1 allow +15.24% to +15.93%."
    ///
    /// Written in words so the verdict is never conveyed by colour or an icon
    /// alone, and so a programme officer can paste it into a query to the
    /// partner. Numbers are formatted locale-independently.
    public var explanation: String {
        let rd = reportedDecimals
        let pd = publishedDecimals
        let reported = StatsFormat.signed(reportedRelativePct, rd)
        let route = "\(StatsFormat.fixed(startPct, pd))% → \(StatsFormat.fixed(endPct, pd))% gives \(StatsFormat.signed(pointEstimatePct, rd))%"
        let range = "\(StatsFormat.signed(lowestPct, rd))% to \(StatsFormat.signed(highestPct, rd))%"
        let step = StatsFormat.step(pd)
        switch verdict {
        case .exact:
            return "Reported \(reported)% matches the published figures: \(route)."
        case .withinRounding:
            return "Reported \(reported)% is consistent only through rounding: \(route), and published figures rounded to \(step) allow \(range)."
        case .inconsistent:
            return "Reported \(reported)% is inconsistent with the published figures: \(route), and even allowing for rounding to \(step) the change must lie between \(StatsFormat.signed(lowestPct, rd))% and \(StatsFormat.signed(highestPct, rd))%."
        }
    }

    init(verdict: Verdict, pointEstimatePct: Double, lowestPct: Double, highestPct: Double,
         startPct: Double, endPct: Double, reportedRelativePct: Double,
         reportedDecimals: Int, publishedDecimals: Int) {
        self.verdict = verdict
        self.pointEstimatePct = pointEstimatePct
        self.lowestPct = lowestPct
        self.highestPct = highestPct
        self.startPct = startPct
        self.endPct = endPct
        self.reportedRelativePct = reportedRelativePct
        self.reportedDecimals = reportedDecimals
        self.publishedDecimals = publishedDecimals
    }
}

/// Consistency checks for partners' reported relative changes in uptake.
///
/// Relative change ("uptake rose 15.8%") is easy to confuse with percentage
/// points ("uptake rose 4.8 points") and easy to mistype; recomputing it from
/// the published percentages catches both, while allowing for the rounding
/// those percentages went through.
public enum ReportedChange {
    /// Is a partner's reported relative change (%) consistent with its published start and end uptake percentages, given those were rounded to `decimals` places?
    ///
    /// `exact` when the reported value is a correct rounding of the point
    /// estimate to `reportedDecimals` places (|point − reported| ≤ half a unit
    /// in that place, tiny epsilon), `withinRounding` when it lies within
    /// [lowest, highest] widened by half a unit of its own rounding, else `inconsistent`.
    /// The range comes from letting the true start and end values be anywhere
    /// that rounds to the published figures (±half a unit at `publishedDecimals`,
    /// clamped to 0...100): lowest = (end − h)/(start + h), highest = (end + h)/(start − h).
    ///
    /// Returns nil when `startPct <= 0` (a relative change from zero is
    /// undefined), when the rounding range of the start reaches zero (the change
    /// would be unbounded), when any input is non-finite or either percentage is
    /// outside 0...100, or when a decimals count is negative or above 10.
    public static func check(startPct: Double, endPct: Double, reportedRelativePct: Double, reportedDecimals: Int = 2, publishedDecimals: Int = 1) -> ReportedChangeCheck? {
        guard startPct.isFinite, endPct.isFinite, reportedRelativePct.isFinite,
              startPct > 0, startPct <= 100, endPct >= 0, endPct <= 100,
              (0...10).contains(reportedDecimals), (0...10).contains(publishedDecimals)
        else { return nil }

        let half = 0.5 * pow(10.0, Double(-publishedDecimals))
        let startLow = max(startPct - half, 0)
        let startHigh = min(startPct + half, 100)
        let endLow = max(endPct - half, 0)
        let endHigh = min(endPct + half, 100)
        guard startLow > 0 else { return nil }

        let point = (endPct / startPct - 1) * 100
        let lowest = (endLow / startHigh - 1) * 100
        let highest = (endHigh / startLow - 1) * 100
        guard point.isFinite, lowest.isFinite, highest.isFinite else { return nil }

        let epsilon = 1e-9 * max(1, abs(reportedRelativePct))
        let reportedHalfUnit = 0.5 * pow(10.0, Double(-reportedDecimals))
        let verdict: ReportedChangeCheck.Verdict
        if abs(point - reportedRelativePct) <= reportedHalfUnit + epsilon {
            verdict = .exact
        } else if reportedRelativePct >= lowest - reportedHalfUnit - epsilon && reportedRelativePct <= highest + reportedHalfUnit + epsilon {
            // The reported figure is itself rounded: it is consistent when its own rounding interval meets the possible range.
            verdict = .withinRounding
        } else {
            verdict = .inconsistent
        }
        return ReportedChangeCheck(
            verdict: verdict, pointEstimatePct: point, lowestPct: lowest, highestPct: highest,
            startPct: startPct, endPct: endPct, reportedRelativePct: reportedRelativePct,
            reportedDecimals: reportedDecimals, publishedDecimals: publishedDecimals)
    }
}
