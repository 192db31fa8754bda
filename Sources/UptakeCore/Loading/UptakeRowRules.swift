/// The row-level rules of `uptake.csv` that compare a published percentage with counts.
///
/// Kept apart from the byte-level loader so the arithmetic can be tested on
/// its own. All comparisons are exact: the percentage is its written digits
/// (`scaled / 10^decimals`), never a rounded double.
enum UptakeRowRules {
    /// The written percentage as an exact decimal (nil beyond 6 decimals, where the checks are skipped).
    static func exact(_ pct: NumberParsing.Decimal) -> ExactDecimal? {
        guard pct.decimals <= 6 else { return nil }
        // The parsed digits where multiplying the value back up is sure to give them (under 10^15 its error is
        // below half a unit): the same number without a multiplication, a rounding and a conversion a row.
        if let digits = pct.digits, digits.magnitude < 1_000_000_000_000_000 {
            return ExactDecimal(scaled: digits, decimals: pct.decimals)
        }
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

    /// Whether some whole count `s` in `0...e` agrees with the percentage, decided with one division: the counts that
    /// agree are the integers from ⌈(2m − 1)·e / u⌉ to ⌊(2m + 1)·e / u⌋ with `u = 200·10^d` (the closed interval of
    /// ``agrees(pct:screened:eligible:)``). Nil when the products could leave 64 bits (the caller then tries counts one by
    /// one). ``impossibility(pct:eligible:)`` asks it when ``certainlyPossible(_:eligible:)`` could not tell.
    static func anyCountAgrees(_ d: ExactDecimal, eligible e: Int) -> Bool? {
        // m ≤ 10^8 (100% at 6 decimals) and e < 2^31 keep (2m + 1)·e below 2^59.
        guard e > 0, e <= UptakeObservation.maximumCount, d.decimals <= 6, d.scaled >= 0,
              d.scaled <= 100 * ExactDecimal.power10(d.decimals) else { return nil }
        let u = 200 * ExactDecimal.power10(d.decimals), e64 = Int64(e)
        let lowNumerator = (2 * d.scaled - 1) * e64, highNumerator = (2 * d.scaled + 1) * e64
        // Ceiling of a quotient that may be negative (m = 0): Swift's division truncates toward zero.
        let lowest = max(0, lowNumerator >= 0 ? (lowNumerator + u - 1) / u : -((-lowNumerator) / u))
        let highest = min(e64, highNumerator / u)
        return lowest <= highest
    }

    /// True when some whole count of `eligible` certainly gives the published percentage, told from the parsed digits
    /// alone: the counts that agree run from ⌈(2m − 1)·e / u⌉ to ⌊(2m + 1)·e / u⌋ (``anyCountAgrees(_:eligible:)``),
    /// 2e / u apart, so from 2e ≥ u = 200·10^d the range holds a whole number, and with 0 ≤ m ≤ 100·10^d its lower end
    /// is at most e and its upper at least 0: a count in 0...e agrees. Most rows (e ≥ 1,000 at one decimal) are told
    /// so, without a call or a division. False says nothing.
    @inline(__always)
    static func certainlyPossible(_ pct: NumberParsing.Decimal, eligible e: Int) -> Bool {
        guard let digits = pct.digits, pct.decimals <= 6, e > 0, e <= UptakeObservation.maximumCount else { return false }
        let power = ExactDecimal.power10(pct.decimals)
        return digits >= 0 && digits <= 100 * power && 2 * Int64(e) >= 200 * power
    }

    /// Why no whole count of `eligible` gives the published percentage, or nil when one does.
    ///
    /// The reason names the two nearest counts and what they give, e.g.
    /// "91 gives 35.41%, 92 gives 35.80%" for 35.6% of 257. Inlined, so a row that ``certainlyPossible(_:eligible:)``
    /// settles costs a few comparisons; the rest go to the division.
    @inline(__always)
    static func impossibility(pct: NumberParsing.Decimal, eligible e: Int) -> String? {
        certainlyPossible(pct, eligible: e) ? nil : impossibilityByDivision(pct: pct, eligible: e)
    }

    /// ``impossibility(pct:eligible:)`` decided by ``anyCountAgrees(_:eligible:)`` (or, past 64 bits, the counts either
    /// side of the target).
    private static func impossibilityByDivision(pct: NumberParsing.Decimal, eligible e: Int) -> String? {
        guard e > 0, let exact = exact(pct) else { return nil }
        let decided = anyCountAgrees(exact, eligible: e)
        if decided == true { return nil }
        let target = pct.value / 100 * Double(e)
        // Clamped before converting: a percentage with absurd decimals must not trap.
        let below = target.isFinite && target < Double(e) ? max(0, Int(exactly: target.rounded(.down)) ?? 0) : e
        // Only when the division could not decide (products past 64 bits): the counts either side of the target.
        if decided == nil {
            for k in (below - 1)...(below + 2) where (0...e).contains(k) {
                if agrees(exact, screened: k, eligible: e) { return nil }
            }
        }
        let shown = max(2, pct.decimals + 1)
        func gives(_ k: Int) -> String { "\(NumberFormat.grouped(k)) gives \(NumberFormat.fixed(Double(k) / Double(e) * 100, shown))%" }
        if below >= e { return gives(e) }
        return gives(below) + ", " + gives(below + 1)
    }
}
