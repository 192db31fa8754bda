import UptakeCore

/// `NumberFormat.fixed`, `signed` and `grouped`, written straight into a small string for table cells.
///
/// A frame of the uptake table formats hundreds of numbers; `NumberFormat`
/// builds each through several intermediate strings. These produce the same
/// text (checked against `NumberFormat` in `CellNumberFormatTests`) in one pass
/// over a stack of digits, and fall back to `NumberFormat` for anything unusual.
enum CellNumberFormat {
    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Same text as `NumberFormat.fixed(value, decimals)`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        format(value, decimals, plus: false) ?? NumberFormat.fixed(value, decimals)
    }

    /// Same text as `NumberFormat.signed(value, decimals)`.
    static func signed(_ value: Double, _ decimals: Int) -> String {
        format(value, decimals, plus: true) ?? NumberFormat.signed(value, decimals)
    }

    /// Thousands separators: the one count formatter, `NumberFormat.grouped`.
    static func grouped(_ value: Int) -> String { NumberFormat.grouped(value) }

    /// The fixed-point text, with `+` on positive non-zero values when `plus`; nil when out of the fast range.
    private static func format(_ value: Double, _ decimals: Int, plus: Bool) -> String? {
        guard value.isFinite, decimals >= 0, decimals <= 8 else { return nil }
        let scaled = (abs(value) * scales[decimals]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 1e15 else { return nil }
        var m = UInt64(scaled)
        let negative = value < 0 && m != 0
        return String(unsafeUninitializedCapacity: 32) { out in
            var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &tmp) { raw in
                var i = raw.count
                var digits = 0
                // At least one digit before the point: 0.5, not .5.
                while m > 0 || digits <= decimals {
                    if decimals > 0, digits == decimals { i -= 1; raw[i] = UInt8(ascii: ".") }
                    i -= 1
                    raw[i] = UInt8(ascii: "0") + UInt8(m % 10)
                    m /= 10
                    digits += 1
                }
                var n = 0
                if negative {
                    out[0] = UInt8(ascii: "-"); n = 1
                } else if plus, scaled > 0 {
                    out[0] = UInt8(ascii: "+"); n = 1
                }
                for j in i..<raw.count { out[n] = raw[j]; n += 1 }
                return n
            }
        }
    }
}
