import Foundation

/// The outcome of checking a reported relative change against the uptake figures it describes.
///
/// VCS partners report a headline "uptake rose by X%" alongside start and end
/// uptake figures. Counts are exact; a published percentage stands for every
/// value that rounds to it at its own decimals. The check records how far that
/// rounding can stretch the change, and whether the headline is exact,
/// explainable by rounding, impossible, or cannot be checked at all.
public struct ReportedChangeCheck: Hashable, Sendable {
    /// How the reported change relates to the figures.
    ///
    /// Raw values are stable snake_case strings for JSON/CSV export.
    public enum Verdict: String, Sendable {
        /// The reported change is a correct rounding (at its own decimals) of the change the figures give.
        case exact
        /// Not the rounding of the point estimate, but some values the published figures stand for give it.
        case withinRounding = "within_rounding"
        /// No values the figures stand for give the reported change, at the reported decimals.
        case inconsistent
        /// The start is 0%, so a relative change is undefined and cannot be checked.
        case undefined
    }

    /// The verdict of the check.
    public let verdict: Verdict
    /// The relative change the figures give, `(end/start − 1)·100` (nil when the start is 0).
    public let pointEstimatePct: Double?
    /// The smallest relative change (%) the figures allow (nil when the start is 0).
    public let lowestPct: Double?
    /// The largest relative change (%) the figures allow (nil when the start is 0, or could be 0 before rounding: unbounded).
    public let highestPct: Double?
    /// The start figure checked.
    public let start: UptakeFigure
    /// The end figure checked.
    public let end: UptakeFigure
    /// The partner's reported relative change, in percent.
    public let reportedRelativePct: Double
    /// The number of decimal places the reported change was given to.
    public let reportedDecimals: Int

    /// The start uptake (%) checked.
    public var startPct: Double { start.percent }
    /// The end uptake (%) checked.
    public var endPct: Double { end.percent }

    /// A plain-English sentence explaining the verdict, e.g. "Reported +15.77% is consistent only through rounding: 30.8% → 35.6% gives +15.58%, and published figures rounded to 0.1 allow +15.24% to +15.93%."
    ///
    /// Written in words so the verdict is never conveyed by colour or an icon
    /// alone, and so a programme officer can paste it into a query to the
    /// partner. Numbers are formatted locale-independently.
    public var explanation: String {
        let rd = reportedDecimals
        let reported = StatsFormat.signed(reportedRelativePct, rd)
        guard let point = pointEstimatePct, let lowest = lowestPct else {
            return "Reported \(reported)% cannot be checked: the start uptake is \(start.text)\(start.isExact ? " (0%)" : ""), so a relative change from it is undefined."
        }
        let route = "\(start.text) → \(end.text) gives \(StatsFormat.signed(point, rd))%"
        let bothExact = start.isExact && end.isExact
        let bothPublished = !start.isExact && !end.isExact
        let source = bothPublished ? "the published figures" : (bothExact ? "the counts" : "the figures")
        let range = highestPct.map { "\(StatsFormat.signed(lowest, rd))% to \(StatsFormat.signed($0, rd))%" }
            ?? "\(StatsFormat.signed(lowest, rd))% or more"
        switch verdict {
        case .exact:
            return "Reported \(reported)% matches \(source): \(route)."
        case .withinRounding:
            return "Reported \(reported)% is consistent only through rounding: \(route), and \(precision) allow \(range)."
        case .inconsistent:
            if bothExact {
                return "Reported \(reported)% is inconsistent with the counts: \(route) exactly (counts have no rounding)."
            }
            let between = highestPct.map { "between \(StatsFormat.signed(lowest, rd))% and \(StatsFormat.signed($0, rd))%" }
                ?? "at least \(StatsFormat.signed(lowest, rd))%"
            return "Reported \(reported)% is inconsistent with \(source): \(route), and even allowing for \(allowance) the change must lie \(between)."
        case .undefined:
            return "Reported \(reported)% cannot be checked."
        }
    }

    /// "published figures rounded to 0.1", or each figure's own precision when they differ.
    private var precision: String {
        switch (start.publishedDecimals, end.publishedDecimals) {
        case let (a?, b?) where a == b: return "published figures rounded to \(StatsFormat.step(a))"
        case let (a?, b?): return "figures rounded as published (the start to \(StatsFormat.step(a)), the end to \(StatsFormat.step(b)))"
        case let (a?, nil): return "the start rounded to \(StatsFormat.step(a)) and the end exact (counts)"
        case let (nil, b?): return "the start exact (counts) and the end rounded to \(StatsFormat.step(b))"
        case (nil, nil): return "exact counts"
        }
    }

    /// "rounding to 0.1", or each figure's own rounding.
    private var allowance: String {
        switch (start.publishedDecimals, end.publishedDecimals) {
        case let (a?, b?) where a == b: return "rounding to \(StatsFormat.step(a))"
        case let (a?, b?): return "rounding the start to \(StatsFormat.step(a)) and the end to \(StatsFormat.step(b))"
        case let (a?, nil): return "rounding the start to \(StatsFormat.step(a)) (the end is an exact count)"
        case let (nil, b?): return "rounding the end to \(StatsFormat.step(b)) (the start is an exact count)"
        case (nil, nil): return "nothing"
        }
    }
}

/// Consistency checks for partners' reported relative changes in uptake.
///
/// Relative change ("uptake rose 15.8%") is easy to confuse with percentage
/// points ("uptake rose 4.8 points") and easy to mistype; recomputing it from
/// the figures catches both, while allowing for exactly the rounding those
/// figures went through and no more.
public enum ReportedChange {
    /// Is a reported relative change (%) consistent with the start and end figures, each taken at its own precision?
    ///
    /// Each figure allows a range: a count only itself; a published percentage
    /// ±half a unit in its own last decimal (clamped to 0...100). The change
    /// may lie anywhere from `(endLow/startHigh − 1)·100` to
    /// `(endHigh/startLow − 1)·100` (unbounded above when the start could be 0).
    /// The reported figure stands for `reported ± half a unit` at its own
    /// decimals. The rule: `exact` when that band holds the change the figures
    /// give; `withinRounding` when the band meets the allowed range (some value
    /// the figures allow rounds to the reported figure); otherwise
    /// `inconsistent`. A start of exactly 0 gives `undefined`.
    ///
    /// Returns nil only when the reported change is not finite or
    /// `reportedDecimals` is outside 0...10.
    public static func check(start: UptakeFigure, end: UptakeFigure, reportedRelativePct: Double, reportedDecimals: Int = 2) -> ReportedChangeCheck? {
        guard reportedRelativePct.isFinite, (0...10).contains(reportedDecimals) else { return nil }
        func result(_ verdict: ReportedChangeCheck.Verdict, _ point: Double?, _ low: Double?, _ high: Double?) -> ReportedChangeCheck {
            ReportedChangeCheck(verdict: verdict, pointEstimatePct: point, lowestPct: low, highestPct: high, start: start, end: end,
                                reportedRelativePct: reportedRelativePct, reportedDecimals: reportedDecimals)
        }
        if start.isZero { return result(.undefined, nil, nil, nil) }
        let point: Double
        if case let .counts(s1, e1) = start, case let .counts(s2, e2) = end {
            // (s2/e2) / (s1/e1) − 1 from exact integer products.
            let a = Int64(s2) * Int64(e1), b = Int64(s1) * Int64(e2)
            point = Double(a - b) / Double(b) * 100
        } else {
            point = (end.percent / start.percent - 1) * 100
        }
        let s = start.range, e = end.range
        let lowest = start.isExact && end.isExact ? point : (e.lowerBound / s.upperBound - 1) * 100
        let highest: Double? = start.isExact && end.isExact ? point : (s.lowerBound > 0 ? (e.upperBound / s.lowerBound - 1) * 100 : nil)
        guard point.isFinite, lowest.isFinite, highest?.isFinite ?? true else { return nil }

        let epsilon = 1e-9 * max(1, abs(reportedRelativePct))
        let half = 0.5 * pow(10.0, Double(-reportedDecimals))
        let verdict: ReportedChangeCheck.Verdict
        if abs(point - reportedRelativePct) <= half + epsilon {
            verdict = .exact
        } else if reportedRelativePct + half >= lowest - epsilon && highest.map({ reportedRelativePct - half <= $0 + epsilon }) ?? true {
            verdict = .withinRounding
        } else {
            verdict = .inconsistent
        }
        return result(verdict, point, lowest, highest)
    }

    /// The check for two percentages published to the same `publishedDecimals` (a convenience for tests and callers without counts).
    ///
    /// Returns nil when either percentage is not finite or outside 0...100, or a decimals count is outside 0...10.
    public static func check(startPct: Double, endPct: Double, reportedRelativePct: Double, reportedDecimals: Int = 2, publishedDecimals: Int = 1) -> ReportedChangeCheck? {
        guard startPct.isFinite, endPct.isFinite, (0...100).contains(startPct), (0...100).contains(endPct),
              (0...10).contains(publishedDecimals) else { return nil }
        let scale = pow(10.0, Double(publishedDecimals))
        // Bounded above (0...100 and at most 10 decimals), and converted without a trap all the same.
        guard let sa = Int64(exactly: (startPct * scale).rounded()), let sb = Int64(exactly: (endPct * scale).rounded()),
              let a = ExactDecimal(scaled: sa, decimals: publishedDecimals),
              let b = ExactDecimal(scaled: sb, decimals: publishedDecimals) else { return nil }
        return check(start: .published(a), end: .published(b), reportedRelativePct: reportedRelativePct, reportedDecimals: reportedDecimals)
    }
}
