/// A decimal number held exactly: `scaled / 10^decimals`.
///
/// Thresholds and published percentages are decimals written by people
/// ("57.0", "29.1"); compared as binary doubles they can land a hair below
/// themselves (57 of 100 gives 56.99999999999999). Holding them as an integer
/// and a power of ten makes every comparison exact.
public struct ExactDecimal: Hashable, Sendable {
    /// The digits as an integer: 29.1 is 291.
    public let scaled: Int64
    /// The number of fraction digits: 29.1 has 1.
    public let decimals: Int

    /// The largest number of fraction digits held; more than a double can carry anyway.
    public static let maximumDecimals = 15

    /// Creates `scaled / 10^decimals`; nil when `decimals` is outside 0...15.
    public init?(scaled: Int64, decimals: Int) {
        guard (0...Self.maximumDecimals).contains(decimals) else { return nil }
        self.scaled = scaled
        self.decimals = decimals
    }

    /// The decimal a person wrote, recovered from a double by its shortest round-trip spelling (29.1 → 291 / 10).
    ///
    /// Swift prints the shortest decimal that reads back as the same double,
    /// which is the literal written in the file whenever it had 15 significant
    /// digits or fewer. Nil for non-finite values or magnitudes of 10^17 or more.
    public init?(_ value: Double) {
        guard value.isFinite, abs(value) < 1e17 else { return nil }
        // Fast path: the fewest decimals whose correctly rounded quotient is this double.
        for d in 0...Self.maximumDecimals {
            let scaled = (value * Self.doublePowers[d]).rounded()
            guard abs(scaled) < 9e15 else { break }
            if scaled / Self.doublePowers[d] == value {
                self.init(scaled: Int64(scaled), decimals: d)
                return
            }
        }
        var text = "\(value)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var digits = text
        var fraction = 0
        if let dot = text.firstIndex(of: ".") {
            fraction = text.distance(from: dot, to: text.endIndex) - 1
            digits.remove(at: digits.index(digits.startIndex, offsetBy: text.distance(from: text.startIndex, to: dot)))
        }
        fraction -= exponent
        while fraction < 0 { digits += "0"; fraction += 1 }
        // Trailing zeros after the point say nothing: 70.0 is 70.
        while fraction > 0, digits.count > 1, digits.hasSuffix("0") { digits.removeLast(); fraction -= 1 }
        while fraction > Self.maximumDecimals, digits.count > 1 { digits.removeLast(); fraction -= 1 }
        guard fraction <= Self.maximumDecimals, let n = Int64(digits) else { return nil }
        self.init(scaled: negative ? -n : n, decimals: fraction)
    }

    /// The value as a double (for display and arithmetic that need not be exact).
    public var value: Double { Double(scaled) / Self.doublePowers[decimals] }

    /// 10^0 … 10^15 as doubles (each exact), so one correctly rounded division gives the decimal's double.
    static let doublePowers: [Double] = (0...maximumDecimals).map { n in (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// Compares `a * 10^(k - a.decimals)` with `b * 10^(k - b.decimals)` exactly.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let k = max(a.decimals, b.decimals)
        return compareProducts(a.scaled, power10(k - a.decimals), b.scaled, power10(k - b.decimals))
    }

    /// 10^n for n in 0...18 (n below 0 as 0, above 18 as 18): one load from a table of constants, as the row
    /// checks ask for it on every row with a percentage.
    @inline(__always)
    static func power10(_ n: Int) -> Int64 {
        powersOfTen[min(max(n, 0), 18)]
    }

    private static let powersOfTen: [Int64] = (0...18).map { n in (0..<n).reduce(1) { p, _ in p * 10 } }

    /// The sign of `a·b − c·d`, computed on 128-bit products so it never overflows.
    static func compareProducts(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Int {
        let x = a.multipliedFullWidth(by: b), y = c.multipliedFullWidth(by: d)
        if x.high != y.high { return x.high < y.high ? -1 : 1 }
        if x.low != y.low { return x.low < y.low ? -1 : 1 }
        return 0
    }
}

/// An uptake figure as the data gives it: exact counts, or a percentage published to some decimals.
///
/// The difference matters for every judgement built on the figure. Counts are
/// exact (57 of 100 is 57%, not 56.99999999999999%), so a benchmark is met or not,
/// and a reported change is checked without any rounding allowance. A published
/// percentage stands for every value that rounds to it, so checks allow half a
/// unit in its last decimal place, and only that.
public enum UptakeFigure: Hashable, Sendable {
    /// `screened` people of `eligible` (eligible > 0): exact.
    case counts(screened: Int, eligible: Int)
    /// A percentage as published: `percent.scaled / 10^percent.decimals` %.
    case published(ExactDecimal)

    /// The uptake in percent.
    public var percent: Double {
        switch self {
        case let .counts(s, e): return Double(s) / Double(e) * 100
        case let .published(d): return d.value
        }
    }

    /// True for counts: no rounding allowance applies.
    public var isExact: Bool {
        if case .counts = self { return true }
        return false
    }

    /// The decimals a published figure was written with (nil for counts).
    public var publishedDecimals: Int? {
        if case let .published(d) = self { return d.decimals }
        return nil
    }

    /// Whether the figure is exact and the decimals it was published with: what the JSON report writes of a period.
    public struct Kind: Hashable, Sendable {
        public let isExact: Bool
        public let publishedDecimals: Int?
    }

    /// The figure's ``Kind``.
    public var kind: Kind { Kind(isExact: isExact, publishedDecimals: publishedDecimals) }

    /// Half a unit in the last published place (0 for counts): how far the true value may lie from the figure.
    public var halfUnit: Double {
        guard case let .published(d) = self else { return 0 }
        return 0.5 / ExactDecimal.doublePowers[d.decimals]
    }

    /// The values (percent) the figure allows: the point for counts, ± half a unit for a published figure, within 0...100.
    public var range: ClosedRange<Double> {
        let p = percent, h = halfUnit
        return max(p - h, 0)...min(p + h, 100)
    }

    /// True when the figure is exactly zero (a relative change from it is undefined).
    public var isZero: Bool {
        switch self {
        case let .counts(s, _): return s == 0
        case let .published(d): return d.scaled == 0
        }
    }

    /// Whether the uptake is at or above `threshold` percent, compared exactly.
    ///
    /// For counts: `screened · 100 · 10^k ≥ t · eligible`, where the threshold is
    /// `t / 10^k` as written; for a published figure its own decimal digits are
    /// compared with the threshold's. Integer arithmetic, so 57 of 100 meets 57.0
    /// and 291 of 1,000 meets 29.1.
    public func meets(_ threshold: ExactDecimal) -> Bool {
        switch self {
        case let .counts(s, e):
            return ExactDecimal.compareProducts(Int64(s), 100 * ExactDecimal.power10(threshold.decimals), threshold.scaled, Int64(e)) >= 0
        case let .published(d):
            return ExactDecimal.compare(d, threshold) >= 0
        }
    }

    /// The figure as text: `57 of 100` for counts, `30.8%` for a published figure (its own decimals).
    public var text: String {
        switch self {
        case let .counts(s, e): return "\(NumberFormat.grouped(s)) of \(NumberFormat.grouped(e))"
        case let .published(d): return NumberFormat.fixed(d.value, d.decimals) + "%"
        }
    }
}

extension UptakeObservation {
    /// The uptake as the row gives it: counts when `screened` is given (they win), else the published percentage.
    ///
    /// Nil when uptake is undefined (eligible 0). An observation built without
    /// its published decimals (tests, synthetic data) takes the shortest
    /// spelling of its percentage as the published one.
    public var figure: UptakeFigure? {
        if let s = screened, eligible > 0 { return .counts(screened: s, eligible: eligible) }
        guard let pct = uptakePct else { return nil }
        // Int64(exactly:) rather than Int64(_:): 17 published decimals of 99% do not fit, and must not trap.
        if let d = uptakeDecimals, let scaled = Int64(exactly: (pct * Double(ExactDecimal.power10(d))).rounded()),
           let exact = ExactDecimal(scaled: scaled, decimals: d) {
            return .published(exact)
        }
        return ExactDecimal(pct).map { .published($0) }
    }

    /// `figure?.kind`, without making the figure where its decimals are known: the JSON report asks it of every period
    /// (a million at a million rows), and the figure's rounding and checks were 85 instructions each.
    public var figureKind: UptakeFigure.Kind? {
        if screened != nil, eligible > 0 { return UptakeFigure.Kind(isExact: true, publishedDecimals: nil) }
        guard let pct = uptakePct else { return nil }
        // ``figure``'s scaled value always fits here (at most 100 times 10^15, under 2^63), so it is published with `d`.
        if let d = uptakeDecimals, d <= ExactDecimal.maximumDecimals, abs(pct) <= 100 {
            return UptakeFigure.Kind(isExact: false, publishedDecimals: d)
        }
        return figure?.kind
    }
}
