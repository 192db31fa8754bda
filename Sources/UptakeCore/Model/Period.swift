/// A reporting period: a month (`YYYY-MM`) or a day (`YYYY-MM-DD`).
///
/// Stored as one integer so a million periods compare and hash cheaply;
/// a month sorts before any day of that month.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year * 10000 + month * 100 + day`, with day 0 for a whole month.
    public let key: Int32

    /// The calendar year.
    public var year: Int { Int(key / 10000) }
    /// The month, 1-12.
    public var month: Int { Int(key / 100 % 100) }
    /// The day, or nil for a whole month.
    public var day: Int? { key % 100 == 0 ? nil : Int(key % 100) }

    /// Creates a period after checking the date is real; nil otherwise.
    public init?(year: Int, month: Int, day: Int? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        if let day {
            guard day >= 1, day <= Period.daysIn(month: month, year: year) else { return nil }
        }
        key = Int32(year * 10000 + month * 100 + (day ?? 0))
    }

    /// Rebuilds a period from a key made by a checked initialiser.
    init(uncheckedKey: Int32) { key = uncheckedKey }

    /// Parses `YYYY-MM` or `YYYY-MM-DD`; nil for anything else, or a date that does not exist.
    public init?(_ text: String) {
        var t = text
        let parsed: Period? = t.withUTF8 { Period.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses the ASCII bytes of `YYYY-MM` or `YYYY-MM-DD`.
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Period? {
        guard b.count == 7 || b.count == 10 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let v = b[i] &- 48   // below "0" wraps past 9
            return v < 10 ? Int(v) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              b[4] == UInt8(ascii: "-"), let m0 = digit(5), let m1 = digit(6) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        let month = m0 * 10 + m1
        if b.count == 7 { return Period(year: year, month: month) }
        guard b[7] == UInt8(ascii: "-"), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return Period(year: year, month: month, day: d0 * 10 + d1)
    }

    /// Days in a month, with leap years.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM` or `YYYY-MM-DD`, as written in the data.
    public var description: String {
        let y = String(year)
        let yy = String(repeating: "0", count: max(0, 4 - y.count)) + y
        let mm = month < 10 ? "0\(month)" : "\(month)"
        guard let day else { return "\(yy)-\(mm)" }
        return "\(yy)-\(mm)-" + (day < 10 ? "0\(day)" : "\(day)")
    }

    public static func < (lhs: Period, rhs: Period) -> Bool { lhs.key < rhs.key }
}
