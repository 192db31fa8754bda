import Foundation

/// Fixed-point number formatting for statistics explanations, without locale surprises.
///
/// Explanations must read the same on every machine (and in snapshot tests), so
/// this avoids locale-sensitive formatters: a decimal point, no grouping, and
/// half-away-from-zero rounding of the value's decimal representation.
enum StatsFormat {
    /// `value` with exactly `decimals` places, e.g. `fixed(15.5844, 2)` → "15.58".
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let places = max(0, min(decimals, 12))
        let scale = pow(10.0, Double(places))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(value) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let whole = units / divisor
        let fraction = units % divisor
        let sign = (value < 0 && units != 0) ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        while digits.count < places { digits = "0" + digits }
        return "\(sign)\(whole).\(digits)"
    }

    /// Like ``fixed(_:_:)`` but with an explicit "+" on positive values, for changes.
    static func signed(_ value: Double, _ decimals: Int) -> String {
        let text = fixed(value, decimals)
        return text.hasPrefix("-") || text.allSatisfy({ $0 == "0" || $0 == "." }) ? text : "+" + text
    }

    /// The rounding step for `decimals` places as text: 0 → "1", 1 → "0.1", 2 → "0.01".
    static func step(_ decimals: Int) -> String {
        decimals <= 0 ? "1" : fixed(pow(10.0, Double(-decimals)), decimals)
    }
}
