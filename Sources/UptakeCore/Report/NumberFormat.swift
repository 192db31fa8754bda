/// Number formatting for reports and screens, without locale surprises or `nan`.
///
/// Every function takes a finite value; callers show absent values as `—`
/// (text) or an empty field (CSV) instead of calling these.
public enum NumberFormat {
    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// `value` with exactly `decimals` fraction digits, rounded half away from zero (`-0.00` becomes `0.00`).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let d = min(max(decimals, 0), 8)
        let scaled = (abs(value) * scales[d]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let n = Int64(scaled)
        let negative = value < 0 && n != 0
        var digits = String(n)
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return negative ? "-" + digits : digits
    }

    /// Like ``fixed(_:_:)`` with a `+` on positive values (changes).
    public static func signed(_ value: Double, _ decimals: Int) -> String {
        let s = fixed(value, decimals)
        if s.hasPrefix("-") { return s }
        if s.allSatisfy({ $0 == "0" || $0 == "." }) { return s }
        return "+" + s
    }

    /// A whole number with thousands separators: `1,712`, `50,000`, `-1,000`.
    ///
    /// The one count formatter: reports, `check` and the dashboard's table
    /// cells (`CellNumberFormat.grouped`) all use it. Written in one pass over
    /// a stack of digits, because a frame of the uptake table formats hundreds.
    public static func grouped(_ value: Int) -> String {
        String(unsafeUninitializedCapacity: ByteFormat.maximumGroupedBytes) { ByteFormat.writeGrouped(value, to: $0.baseAddress!) }
    }

    /// ``fixed(_:_:)`` with trailing zeros dropped and thousands separators in the whole part: `6,250`,
    /// `1.3`, `12,345.5`, `-1,000.25`. For figures that are counts in spirit but may have a fraction (an
    /// expected number of intervals), so they read like the counts beside them.
    public static func groupedTrimmed(_ value: Double, _ decimals: Int) -> String {
        let s = trimmed(fixed(value, decimals))
        let negative = s.hasPrefix("-")
        let unsigned = negative ? s.dropFirst() : Substring(s)
        let point = unsigned.firstIndex(of: ".") ?? unsigned.endIndex
        // A value too large for fixed-point digits is written as Swift prints it, and left so.
        guard let whole = Int(unsigned[..<point]) else { return s }
        return (negative ? "-" : "") + grouped(whole) + unsigned[point...]
    }

    /// Writes `m`'s digits right-aligned in `raw` (32 bytes), a comma before every third from the right;
    /// returns the index of the first. Used by ``ByteFormat/writeGrouped(_:to:)``, the one writer of grouped numbers.
    @inline(__always)
    static func groupedDigits(_ magnitude: UInt, into raw: UnsafeMutableRawBufferPointer) -> Int {
        var m = magnitude
        var i = raw.count
        var digits = 0
        repeat {
            if digits > 0, digits % 3 == 0 { i -= 1; raw[i] = UInt8(ascii: ",") }
            i -= 1
            raw[i] = UInt8(ascii: "0") + UInt8(m % 10)
            m /= 10
            digits += 1
        } while m > 0
        return i
    }

    /// A count and its noun, grouped and pluralised: `1 error`, `1,000 partners`, `50,000 series`.
    public static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        grouped(value) + " " + (value == 1 ? noun : plural ?? noun + "s")
    }

    /// Pounds, shortened for headlines: `£229k`, `£1.2m`, `£950`.
    public static func pounds(_ value: Double) -> String {
        let v = abs(value)
        let sign = value < 0 ? "-" : ""
        if v >= 1_000_000 { return sign + "£" + trimmed(fixed(v / 1_000_000, 1)) + "m" }
        if v >= 1_000 { return sign + "£" + trimmed(fixed(v / 1_000, 1)) + "k" }
        return sign + "£" + trimmed(fixed(v, 2))
    }

    /// Drops trailing zeros after a decimal point: `19.0` → `19`.
    public static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return String(t)
    }
}
