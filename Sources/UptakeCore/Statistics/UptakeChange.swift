/// Absolute and relative change between two uptake percentages.
///
/// Both measures are shown because they answer different questions: a rise
/// from 30% to 35% is 5 percentage points (what changed in the population) but
/// a 16.7% relative rise (what partners often headline). Keeping them as two
/// clearly named functions stops the two being confused.
public enum UptakeChange {
    /// The change in percentage points, `end - start`, for percentage inputs (0–100).
    ///
    /// Returns 0 if either input is non-finite, because a NaN must never reach
    /// the screen; validate inputs upstream if "unknown" must be distinguished
    /// from "no change".
    public static func percentagePoints(from start: Double, to end: Double) -> Double {
        let change = end - start
        return change.isFinite ? change : 0
    }

    /// The relative change in percent, `(end / start - 1) * 100`, for percentage inputs.
    ///
    /// Returns nil when `start` is zero or negative (a relative change from
    /// zero is undefined, and uptake cannot be negative) or when any input or
    /// the result is non-finite.
    public static func relativePct(from start: Double, to end: Double) -> Double? {
        guard start.isFinite, end.isFinite, start > 0 else { return nil }
        let change = (end / start - 1) * 100
        return change.isFinite ? change : nil
    }
}
