/// ``NumberFormat``'s numbers written straight into a byte buffer, for the streamed reports.
///
/// Each function appends exactly the UTF-8 of its ``NumberFormat`` namesake
/// (`ByteFormatTests` checks them against each other), without making a
/// `String` per number: the JSON, text and Markdown reports write millions.
enum ByteFormat {
    /// Appends a whole number: `-12`, `0`, `1712`.
    @inline(__always)
    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: writeInteger(value, to: p)))
        }
    }

    /// The most bytes ``writeInteger(_:to:)`` writes: a sign and 19 digits.
    static let maximumIntegerBytes = 20

    /// Writes a whole number at `p` (at most ``maximumIntegerBytes``) and returns how many bytes it took.
    @inline(__always)
    static func writeInteger(_ value: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        // Most whole numbers written are below 10,000 (eligible counts, decimals, a sample's line numbers): their one
        // to four digits without the loops.
        if value >= 0 && value < 10_000 {
            let pairs = digitPairs
            if value < 10 {
                p[0] = UInt8(truncatingIfNeeded: 48 + value)
                return 1
            }
            if value < 100 {
                p[0] = pairs[2 * value]; p[1] = pairs[2 * value + 1]
                return 2
            }
            let high = value / 100, low = value % 100
            if value < 1_000 {
                p[0] = UInt8(truncatingIfNeeded: 48 + high); p[1] = pairs[2 * low]; p[2] = pairs[2 * low + 1]
                return 3
            }
            p[0] = pairs[2 * high]; p[1] = pairs[2 * high + 1]; p[2] = pairs[2 * low]; p[3] = pairs[2 * low + 1]
            return 4
        }
        var i = 0
        if value < 0 {
            p[0] = UInt8(ascii: "-")
            i = 1
        }
        let v = UInt64(truncatingIfNeeded: value.magnitude)   // the same width: exact
        let digits = digitCount(v)
        writeDigits(v, count: digits, before: p + i + digits)
        return i + digits
    }

    /// `00`, `01`, ... `99`, read two digits at a time from read-only memory (a literal: nothing to set up).
    @inline(__always)
    private static var digitPairs: UnsafePointer<UInt8> {
        ("00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899" as StaticString).utf8Start
    }

    /// How many decimal digits `n` has (1 for 0).
    @inline(__always)
    static func digitCount(_ n: UInt64) -> Int {
        var count = 1, v = n
        while v >= 100 {
            v /= 100
            count += 2
        }
        return v >= 10 ? count + 1 : count
    }

    /// Writes the last `count` decimal digits of `n` (zeros in front where it has fewer) in the `count` bytes
    /// before `end`, two at a time from the right (divisions by the constant 100, which the compiler makes
    /// multiplications).
    @inline(__always)
    static func writeDigits(_ n: UInt64, count: Int, before end: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs
        var v = n, q = end, left = count
        while left >= 2 {
            let r = 2 * Int(truncatingIfNeeded: v % 100)
            v /= 100
            q -= 2
            q[0] = pairs[r]
            q[1] = pairs[r + 1]
            left -= 2
        }
        if left == 1 { (q - 1).pointee = UInt8(truncatingIfNeeded: 48 + v % 10) }
    }

    /// Appends ``NumberFormat/fixed(_:_:)``: exactly `decimals` fraction digits, rounded half away
    /// from zero, `-0.0` as `0.0`; nothing for a value that is not finite.
    @inline(__always)
    static func appendFixed(_ value: Double, _ decimals: Int, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        append(to: &bytes, { writeFixed(value, decimals, to: $0) }, else: { fixedOutOfRange(value) })
    }

    /// Appends what `write` writes into 24 bytes of stack (``maximumFixedBytes`` and ``maximumSignedBytes`` fit),
    /// or `outOfRange`'s bytes where it writes nothing (nil): ``appendFixed(_:_:to:)`` and ``appendSigned(_:_:to:)``.
    @inline(__always)
    private static func append(to bytes: inout [UInt8], _ write: (UnsafeMutablePointer<UInt8>) -> Int?, else outOfRange: () -> [UInt8]) {
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let fitted = withUnsafeMutableBytes(of: &tmp) { raw -> Bool in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            guard let n = write(p) else { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            return true
        }
        if !fitted { bytes.append(contentsOf: outOfRange()) }
    }

    /// ``NumberFormat/fixed(_:_:)`` of a finite value too large for ``writeFixed(_:_:to:)``: `String(value)`.
    static func fixedOutOfRange(_ value: Double) -> [UInt8] { Array(String(value).utf8) }

    /// The most bytes ``writeFixed(_:_:to:)`` writes: a sign, the 16 digits of a scaled value below 9e15
    /// (decimals included) and a point.
    static let maximumFixedBytes = 18

    /// The rounding of ``appendFixed(_:_:to:)`` and ``JSONWriter/writeNumber(_:decimals:to:)``: `value`'s magnitude
    /// times 10^d (d: `decimals` within 0...8) rounded half away from zero, as a whole number, with d and whether a
    /// minus sign is written (a negative value that does not round to 0). nil for a value that is not finite or whose
    /// scaled magnitude is 9e15 or more (written as `String(value)` instead).
    @inline(__always)
    static func scaledForFixed(_ value: Double, _ decimals: Int) -> (n: UInt64, d: Int, minus: Bool)? {
        guard value.isFinite else { return nil }
        let d = min(max(decimals, 0), 8)
        // 10^d, exactly what multiplying 1.0 by 10 d times gives (every power up to 10^8 is exact).
        let scale: Double = switch d {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
        // `x.rounded(.toNearestOrAwayFromZero)` without a call to the C library's `round`: below 9e15 (under 2^53)
        // the whole part by conversion and the rest `x - whole` are both exact, so adding one when the rest is a
        // half or more rounds exactly as `round` does (`ByteFormatTests` compares the two on halves and random values).
        let x = abs(value) * scale
        guard x < 9e15 else { return nil }
        // 0 <= x < 9e15: the conversion truncates and cannot trap. Signed, as one instruction each way (an unsigned
        // 64-bit conversion takes several on x86-64). The half is added without a branch: whether a rest is a half
        // or more is as good as random, so a branch on it would be mispredicted about every other number.
        let truncated = Int64(x)
        let n = UInt64(truncatingIfNeeded: truncated) &+ (x - Double(truncated) >= 0.5 ? 1 : 0)
        guard n < 9_000_000_000_000_000 else { return nil }
        return (n, d, value < 0 && n != 0)
    }

    /// Writes ``appendFixed(_:_:to:)``'s bytes at `p` (at most ``maximumFixedBytes``; none for a value that is not
    /// finite) and returns how many it took; nil, writing nothing, for a value too large for whole digits (which
    /// ``appendFixed(_:_:to:)`` writes as `String(value)`: the caller does that, making room for it).
    ///
    /// The same rounding as ``appendFixed(_:_:to:)`` (the same `scaled`), then its digits written from the
    /// right two at a time (``writeDigits(_:count:before:)``), the point before the last `decimals` digits
    /// and at least one digit before it.
    @inline(__always)
    static func writeFixed(_ value: Double, _ decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite else { return 0 }
        guard let (whole, d, minus) = scaledForFixed(value, decimals) else { return nil }
        return writeScaled(whole, decimals: d, minus: minus, to: p)
    }

    /// Writes `n / 10^d` with exactly `d` fraction digits (`d` within 0...8), after a minus sign when `minus`,
    /// at `p` (at most ``maximumFixedBytes`` for `n` below 9e15) and returns how many bytes it took. With
    /// `trimmed`, the fraction's trailing zeros are left out, and the point too when nothing is left after it
    /// (the JSON report's numbers, ``JSONWriter/writeNumber(_:decimals:to:)``).
    ///
    /// Each `d` has its own case, so the split at 10^d is a division by a constant (a multiplication), not
    /// one by a variable power (tens of cycles) or `d` divisions by ten.
    static func writeScaled(_ n: UInt64, decimals d: Int, minus: Bool, trimmed: Bool = false, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch d {
        case 0: writeSplit(n, 1, 0, minus: minus, trimmed: trimmed, to: p)
        case 1: writeSplit(n, 10, 1, minus: minus, trimmed: trimmed, to: p)
        case 2: writeSplit(n, 100, 2, minus: minus, trimmed: trimmed, to: p)
        case 3: writeSplit(n, 1_000, 3, minus: minus, trimmed: trimmed, to: p)
        case 4: writeSplit(n, 10_000, 4, minus: minus, trimmed: trimmed, to: p)
        case 5: writeSplit(n, 100_000, 5, minus: minus, trimmed: trimmed, to: p)
        case 6: writeSplit(n, 1_000_000, 6, minus: minus, trimmed: trimmed, to: p)
        case 7: writeSplit(n, 10_000_000, 7, minus: minus, trimmed: trimmed, to: p)
        default: writeSplit(n, 100_000_000, 8, minus: minus, trimmed: trimmed, to: p)
        }
    }

    /// ``writeScaled(_:decimals:minus:trimmed:to:)`` for `d` decimals, `scale` being 10^d: the whole part's
    /// digits (at least one), then the point and the fraction's `d` digits, zeros in front where it has fewer.
    @inline(__always)
    private static func writeSplit(_ n: UInt64, _ scale: UInt64, _ d: Int, minus: Bool, trimmed: Bool,
                                   to p: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        if minus {
            p[0] = UInt8(ascii: "-")
            i = 1
        }
        let whole = n / scale, fraction = n - whole * scale
        let digits = digitCount(whole)
        i += digits
        writeDigits(whole, count: digits, before: p + i)
        if d == 0 || (trimmed && fraction == 0) { return i }
        p[i] = UInt8(ascii: ".")
        let end = i + 1 + d
        writeDigits(fraction, count: d, before: p + end)
        guard trimmed else { return end }
        // The trailing zeros, counted from the number (not read back from the bytes just stored) and without a
        // branch per digit: the fraction is not zero, so at most d - 1. The bytes after the end are written over.
        var zeros = 0, power: UInt64 = 10
        for _ in 1..<d {
            zeros += fraction % power == 0 ? 1 : 0
            power &*= 10
        }
        return end - zeros
    }

    /// ``writeScaled(_:decimals:minus:trimmed:to:)`` with four decimals, trimmed, for `n` below 10,000,000 (a whole part
    /// below 1,000): the same bytes (`ByteFormatTests` compares the two on every fraction and random values) without
    /// the general loops: the whole part's one to three digits, then the fraction's four as two pairs, and its trailing
    /// zeros found from the pairs. At most 9 bytes.
    @inline(__always)
    static func writeFourDecimalsTrimmed(_ n: UInt64, minus: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let pairs = digitPairs
        var i = 0
        if minus {
            p[0] = UInt8(ascii: "-")
            i = 1
        }
        let whole = Int(truncatingIfNeeded: n / 10_000), fraction = Int(truncatingIfNeeded: n % 10_000)
        if whole < 10 {
            p[i] = UInt8(truncatingIfNeeded: 48 + whole)
            i += 1
        } else if whole < 100 {
            p[i] = pairs[2 * whole]; p[i + 1] = pairs[2 * whole + 1]
            i += 2
        } else {
            let low = whole % 100
            p[i] = UInt8(truncatingIfNeeded: 48 + whole / 100); p[i + 1] = pairs[2 * low]; p[i + 2] = pairs[2 * low + 1]
            i += 3
        }
        guard fraction != 0 else { return i }
        let high = fraction / 100, low = fraction % 100
        p[i] = UInt8(ascii: ".")
        p[i + 1] = pairs[2 * high]; p[i + 2] = pairs[2 * high + 1]
        p[i + 3] = pairs[2 * low]; p[i + 4] = pairs[2 * low + 1]
        // The fraction is not zero, so at most three of its digits are trailing zeros.
        let zeros = low == 0 ? (high % 10 == 0 ? 3 : 2) : (low % 10 == 0 ? 1 : 0)
        return i + 5 - zeros
    }

    /// The most bytes ``writePeriod(_:to:)`` writes (`YYYY-MM-DD`).
    static let maximumPeriodBytes = 10

    /// Writes `period` as `YYYY-MM` or `YYYY-MM-DD` at `p` (at most 10 bytes); returns how many bytes it took.
    @inline(__always)
    static func writePeriod(_ period: Period, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let y = period.year, m = period.month
        p[0] = UInt8(truncatingIfNeeded: 48 + y / 1000 % 10); p[1] = UInt8(truncatingIfNeeded: 48 + y / 100 % 10)
        p[2] = UInt8(truncatingIfNeeded: 48 + y / 10 % 10); p[3] = UInt8(truncatingIfNeeded: 48 + y % 10)
        p[4] = UInt8(ascii: "-"); p[5] = UInt8(truncatingIfNeeded: 48 + m / 10); p[6] = UInt8(truncatingIfNeeded: 48 + m % 10)
        guard let d = period.day else { return 7 }
        p[7] = UInt8(ascii: "-"); p[8] = UInt8(truncatingIfNeeded: 48 + d / 10); p[9] = UInt8(truncatingIfNeeded: 48 + d % 10)
        return 10
    }

    /// Appends ``NumberFormat/signed(_:_:)``: ``appendFixed(_:_:to:)`` with a `+` on a positive value
    /// (none on zero written as `0.0`, nor on a negative one).
    @inline(__always)
    static func appendSigned(_ value: Double, _ decimals: Int, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        append(to: &bytes, { writeSigned(value, decimals, to: $0) }, else: { signedOutOfRange(value) })
    }

    /// The most bytes ``writeSigned(_:_:to:)`` writes: ``maximumFixedBytes`` and a `+`.
    static let maximumSignedBytes = maximumFixedBytes + 1

    /// Writes ``NumberFormat/signed(_:_:)`` at `p` (at most ``maximumSignedBytes``) and returns how many bytes it
    /// took; nil where ``writeFixed(_:_:to:)`` writes nothing (see ``signedOutOfRange(_:)``).
    @inline(__always)
    static func writeSigned(_ value: Double, _ decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite else { return 0 }
        guard let (n, d, minus) = scaledForFixed(value, decimals) else { return nil }
        // ``needsPlus(_:)`` of what ``writeFixed(_:_:to:)`` writes, known before it is written: a minus sign is written
        // only with `minus`, and only zeros and a point when the scaled value is 0.
        guard !minus && n != 0 else { return writeScaled(n, decimals: d, minus: minus, to: p) }
        p[0] = UInt8(ascii: "+")
        return writeScaled(n, decimals: d, minus: false, to: p + 1) + 1
    }

    /// ``NumberFormat/signed(_:_:)`` of a finite value too large for ``writeSigned(_:_:to:)``: `String(value)`,
    /// with its `+`.
    static func signedOutOfRange(_ value: Double) -> [UInt8] {
        let written = fixedOutOfRange(value)
        return written.withUnsafeBufferPointer { needsPlus($0) } ? [UInt8(ascii: "+")] + written : written
    }

    /// Whether ``NumberFormat/signed(_:_:)`` puts a `+` before `fixed` (a number as ``writeFixed(_:_:to:)``
    /// writes it): not before a minus sign, nor before a zero (only `0`s and a point).
    @inline(__always)
    static func needsPlus(_ fixed: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = fixed.first, first != UInt8(ascii: "-") else { return false }
        return fixed.contains { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: ".") }
    }

    /// Appends ``NumberFormat/grouped(_:)``: thousands separated by commas, `1,712`, `-1,000`.
    @inline(__always)
    static func appendGrouped(_ value: Int, to bytes: inout [UInt8]) {
        var tmp: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: writeGrouped(value, to: p)))
        }
    }

    /// The most bytes ``writeGrouped(_:to:)`` writes: `-9,223,372,036,854,775,808`.
    static let maximumGroupedBytes = 26

    /// Writes ``NumberFormat/grouped(_:)`` at `p` (at most ``maximumGroupedBytes``) and returns how many bytes it took:
    /// the one writer of grouped numbers (``appendGrouped(_:to:)`` and ``NumberFormat/grouped(_:)`` call it).
    @inline(__always)
    static func writeGrouped(_ value: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var tmp: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &tmp) { raw in
            let i = NumberFormat.groupedDigits(value.magnitude, into: raw)
            var n = 0
            if value < 0 { p[0] = UInt8(ascii: "-"); n = 1 }
            for j in i..<raw.count { p[n] = raw[j]; n += 1 }
            return n
        }
    }

    /// True when every byte is printable ASCII (space to `~`): text that sanitising, the ASCII
    /// fallback and display-width measuring all leave as it is, one column a byte.
    @inline(__always)
    static func isPrintableASCII(_ s: String) -> Bool {
        s.withUTF8Bytes { ByteScan.isPrintableASCII($0) }
    }

    /// True for the ASCII punctuation ``Swift/String/markdownEscaped`` backslash-escapes.
    @inline(__always)
    static func isMarkdownSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Appends `s`'s UTF-8, backslash-escaped as ``Swift/String/markdownEscaped`` does when `markdown`.
    @inline(__always)
    static func appendText(_ s: String, markdown: Bool, to bytes: inout [UInt8]) {
        s.withUTF8Bytes { appendText($0, markdown: markdown, to: &bytes) }
    }

    /// Appends bytes, backslash-escaped as ``Swift/String/markdownEscaped`` does when `markdown`.
    @inline(__always)
    static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, markdown: Bool, to bytes: inout [UInt8]) {
        guard markdown, ByteScan.classes(utf8).contains(.markdownSpecial) else { return bytes.append(contentsOf: utf8) }
        // Room for every byte escaped, written through ``writeText(_:markdown:to:)`` and cut to what it wrote.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 2 * utf8.count))
        let n = bytes.withUnsafeMutableBufferPointer { writeText(utf8, markdown: true, to: $0.baseAddress! + start) }
        bytes.removeLast(2 * utf8.count - n)
    }

    /// Writes `utf8` at `p` (at most twice its count), backslash-escaped as ``Swift/String/markdownEscaped`` does when
    /// `markdown`, and returns how many bytes it took.
    @inline(__always)
    static func writeText(_ utf8: UnsafeBufferPointer<UInt8>, markdown: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard let from = utf8.baseAddress, !utf8.isEmpty else { return 0 }
        guard markdown, ByteScan.classes(utf8).contains(.markdownSpecial) else {
            p.initialize(from: from, count: utf8.count)
            return utf8.count
        }
        var n = 0
        for b in utf8 {
            if isMarkdownSpecial(b) { p[n] = UInt8(ascii: "\\"); n += 1 }
            p[n] = b
            n += 1
        }
        return n
    }
}
