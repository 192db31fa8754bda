/// The row-level rules of `uptake.csv` that compare a published percentage with counts.
///
/// Kept apart from the byte-level loader so the arithmetic can be tested on
/// its own. All comparisons are exact: the percentage is its written digits
/// (`scaled / 10^decimals`), never a rounded double.
enum UptakeRowRules {
    /// The written percentage as an exact decimal (nil beyond 6 decimals, where the checks are skipped).
    static func exact(_ pct: NumberParsing.Decimal) -> ExactDecimal? {
        guard pct.decimals <= 6 else { return nil }
        let scaled = (pct.value * Double(ExactDecimal.power10(pct.decimals))).rounded()
        return ExactDecimal(scaled: Int64(scaled), decimals: pct.decimals)
    }

    /// Whether `screened / eligible` rounds to the published percentage at its decimals (eligible > 0).
    ///
    /// The percentage `m / 10^d` allows true values in `[m − ½, m + ½] / 10^d`
    /// (closed: a figure on a tie is never accused); in integers,
    /// `(2m − 1)·e ≤ 200·10^d·s ≤ (2m + 1)·e`.
    static func agrees(pct: NumberParsing.Decimal, screened s: Int, eligible e: Int) -> Bool {
        guard let d = exact(pct) else { return true }
        return agrees(d, screened: s, eligible: e)
    }

    /// The same with the percentage's exact decimal made once by the caller (``impossibility(pct:eligible:)``
    /// tries up to four counts for every row with a percentage).
    private static func agrees(_ d: ExactDecimal, screened s: Int, eligible e: Int) -> Bool {
        guard e > 0 else { return true }
        let unit = 200 * ExactDecimal.power10(d.decimals)
        let low = ExactDecimal.compareProducts(2 * d.scaled - 1, Int64(e), unit, Int64(s)) <= 0
        let high = ExactDecimal.compareProducts(unit, Int64(s), 2 * d.scaled + 1, Int64(e)) <= 0
        return low && high
    }

    /// Why no whole count of `eligible` gives the published percentage, or nil when one does.
    ///
    /// The reason names the two nearest counts and what they give, e.g.
    /// "91 gives 35.41%, 92 gives 35.80%" for 35.6% of 257.
    static func impossibility(pct: NumberParsing.Decimal, eligible e: Int) -> String? {
        guard e > 0, let exact = exact(pct) else { return nil }
        let target = pct.value / 100 * Double(e)
        // Clamped before converting: a percentage with absurd decimals must not trap.
        let below = target.isFinite && target < Double(e) ? max(0, Int(exactly: target.rounded(.down)) ?? 0) : e
        // A range, not an array literal: this runs for every row with a percentage, and an array would be allocated each time.
        for k in (below - 1)...(below + 2) where (0...e).contains(k) {
            if agrees(exact, screened: k, eligible: e) { return nil }
        }
        let shown = max(2, pct.decimals + 1)
        func gives(_ k: Int) -> String { "\(NumberFormat.grouped(k)) gives \(NumberFormat.fixed(Double(k) / Double(e) * 100, shown))%" }
        if below >= e { return gives(e) }
        return gives(below) + ", " + gives(below + 1)
    }
}
