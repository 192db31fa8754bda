/// Parses numbers from CSV field bytes without building strings.
///
/// Accepts an optional sign, digits, an optional fraction, thousands separators
/// in the `1,712` form (only in groups of three), and for percentages a
/// trailing `%`. Rejects anything else, and never yields NaN or infinity.
enum NumberParsing {
    /// A parsed decimal and how many fraction digits it was written with.
    struct Decimal {
        var value: Double
        var decimals: Int
        /// The written digits as a whole number, signed (`29.1` is 291, `-3.25` is -325), when the fast parse read
        /// them (up to 18 digits); nil otherwise. ``UptakeRowRules/exact(_:)`` takes them as they are instead of
        /// multiplying `value` back up and rounding.
        var digits: Int64? = nil
    }

    /// Parses a decimal number (sign, digits, optional fraction); nil when the bytes are not one.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>, allowPercentSign: Bool = false) -> Decimal? {
        if let plain = plainDecimal(b) { return plain }
        return generalDecimal(b, allowPercentSign: allowPercentSign)
    }

    /// ``decimal(_:allowPercentSign:)`` for every form the contract allows, byte by byte (exposed for the test that holds
    /// ``plainDecimal(_:)`` to it).
    static func generalDecimal(_ b: UnsafeBufferPointer<UInt8>, allowPercentSign: Bool) -> Decimal? {
        var end = b.count
        if allowPercentSign, end > 0, b[end - 1] == UInt8(ascii: "%") {
            end -= 1
            while end > 0, b[end - 1] == 0x20 { end -= 1 }
        }
        guard end > 0 else { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if b[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var intDigitsInGroup = 0
        var sawSeparator = false
        var decimals = 0
        var inFraction = false
        while i < end {
            let c = b[i]
            if c >= 48 && c <= 57 {
                if digits >= 18 { return slowDecimal(b, end: end) }
                mantissa = mantissa * 10 + UInt64(c - 48)
                digits += 1
                if inFraction { decimals += 1 } else { intDigitsInGroup += 1 }
            } else if c == UInt8(ascii: "."), !inFraction {
                if sawSeparator && intDigitsInGroup != 3 { return nil }
                inFraction = true
            } else if c == UInt8(ascii: ","), !inFraction {
                // Thousands separator: the first group 1-3 digits, later groups exactly 3.
                if sawSeparator ? intDigitsInGroup != 3 : (intDigitsInGroup == 0 || intDigitsInGroup > 3) { return nil }
                sawSeparator = true
                intDigitsInGroup = 0
            } else {
                // Exponents (`1e3`), words (`nan`, `inf`) and anything else are not in the contract.
                return nil
            }
            i += 1
        }
        if digits == 0 { return nil }
        if sawSeparator && !inFraction && intDigitsInGroup != 3 { return nil }
        var value = Double(mantissa)
        if decimals > 0 { value /= powerOfTen(decimals) }
        // At most 18 digits: below 10^18, so the mantissa fits an Int64 as it stands.
        let written = Int64(truncatingIfNeeded: mantissa)
        return Decimal(value: negative ? -value : value, decimals: decimals, digits: negative ? -written : written)
    }

    /// ``decimal(_:allowPercentSign:)`` of up to 16 bytes that are only digits and at most one point (nearly every
    /// `uptake_pct`: `37.1`), in one pass with one test a byte; nil for anything else, which the full parse then reads.
    /// The same value and decimals as the full parse, which reads such bytes the same way.
    @inline(__always)
    private static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        let n = b.count
        guard n > 0, n <= 16 else { return nil }
        var mantissa: UInt64 = 0
        var point = -1
        for i in 0..<n {
            let digit = b[i] &- 48
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
            } else if b[i] == UInt8(ascii: "."), point < 0 {
                point = i
            } else {
                return nil
            }
        }
        let decimals = point < 0 ? 0 : n - 1 - point
        // A point alone is not a number.
        guard n - (point < 0 ? 0 : 1) > 0 else { return nil }
        var value = Double(mantissa)
        if decimals > 0 { value /= powerOfTen(decimals) }
        // At most 16 digits: the mantissa fits an Int64 as it stands.
        return Decimal(value: value, decimals: decimals, digits: Int64(truncatingIfNeeded: mantissa))
    }

    /// 10^`n` for `n` in 0...18, each exact in a `Double` (the products of tens up to 10^22 are). Literals, not a table
    /// made on first use: the table was a global read through a check of its initialisation on every number parsed.
    @inline(__always)
    static func powerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        default: 1e18
        }
    }

    private static func slowDecimal(_ b: UnsafeBufferPointer<UInt8>, end: Int) -> Decimal? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[0..<end]), as: UTF8.self).filter { $0 != "," }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let v = Double(text), v.isFinite else { return nil }
        let decimals: Int
        if let dot = text.firstIndex(of: ".") {
            decimals = text[text.index(after: dot)...].prefix { $0.isNumber }.count
        } else {
            decimals = 0
        }
        return Decimal(value: v, decimals: decimals)
    }

    /// Parses a whole number; nil when the bytes are not one (a fraction or an exponent is not a whole number).
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        // Fast path: plain digits (nearly every field; no exponent among them, so the check below is not needed).
        var value = 0
        var plain = b.count > 0 && b.count <= 18
        if plain {
            for c in b {
                let digit = c &- 48
                guard digit < 10 else { plain = false; break }
                // At most 18 digits: below 10^18, so no step can overflow.
                value = value &* 10 &+ Int(digit)
            }
            if plain { return value }
        }
        if b.contains(UInt8(ascii: "e")) || b.contains(UInt8(ascii: "E")) { return nil }
        guard let d = decimal(b), d.decimals == 0, abs(d.value) < 9e15 else {
            // `12.0` is accepted as the whole number 12.
            if let d = decimal(b), d.value == d.value.rounded(), abs(d.value) < 9e15 { return Int(d.value) }
            return nil
        }
        return Int(d.value)
    }
}

extension String {
    /// Parses a decimal number the way CSV fields are parsed.
    func parsedDecimal(allowPercentSign: Bool = false) -> (value: Double, decimals: Int)? {
        var copy = self
        return copy.withUTF8 { buf in
            NumberParsing.decimal(buf, allowPercentSign: allowPercentSign).map { ($0.value, $0.decimals) }
        }
    }

    /// Parses a whole number the way CSV fields are parsed.
    func parsedInteger() -> Int? {
        var copy = self
        return copy.withUTF8 { NumberParsing.integer($0) }
    }
}
