import Foundation

/// Fixed-point number formatting for statistics explanations, without locale surprises.
///
/// Explanations must read the same on every machine (and in snapshot tests), so
/// this avoids locale-sensitive formatters: a decimal point, no grouping, and
/// half-away-from-zero rounding of the value's decimal representation.
enum StatsFormat {
    /// `value` with exactly `decimals` places (see ``NumberFormat/fixed(_:_:)``); "n/a" when not finite.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? NumberFormat.fixed(value, decimals) : "n/a"
    }

    /// Like ``fixed(_:_:)`` with an explicit "+" on positive values, for changes.
    static func signed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? NumberFormat.signed(value, decimals) : "n/a"
    }

    /// The rounding step for `decimals` places as text: 0 → "1", 1 → "0.1", 2 → "0.01".
    static func step(_ decimals: Int) -> String {
        decimals <= 0 ? "1" : fixed(pow(10.0, Double(-decimals)), decimals)
    }
}

extension StatsFormat {
    /// Half a unit at `decimals` places as text: 1 → "0.05", 0 → "0.5".
    static func halfUnitText(_ decimals: Int) -> String {
        fixed(0.5 * pow(10.0, Double(-decimals)), decimals + 1)
    }
}
