import Testing
import CByteScan
@testable import UptakeCore

/// The word-at-a-time byte scans give the answers of a byte-by-byte reading.
@Suite struct ByteScanTests {
    static func naivePrintable(_ b: [UInt8]) -> Bool { b.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    @Test func everyByteValueAtEveryPlaceOfAWord() {
        for value in 0...255 {
            for place in 0..<8 {
                var word = Array(repeating: UInt8(ascii: "a"), count: 8)
                word[place] = UInt8(value)
                let w = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(ByteScan.isPrintableASCII(word: w) == Self.naivePrintable(word), "byte \(value) at \(place)")
            }
        }
        // Neighbours that borrow or carry into each other: 0xFF next to 0x7E, 0x00 next to 0x20.
        for pair: [UInt8] in [[0xFF, 0x7E], [0x7E, 0xFF], [0x00, 0x20], [0x20, 0x00], [0x1F, 0x7F], [0x80, 0x7F]] {
            for place in 0..<7 {
                var word = Array(repeating: UInt8(ascii: " "), count: 8)
                word[place] = pair[0]
                word[place + 1] = pair[1]
                let w = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(!ByteScan.isPrintableASCII(word: w))
            }
        }
    }

    /// The word-at-a-time comparison of two runs of bytes: equal runs of every length to 80, and the same runs with
    /// one byte changed at every place (the last word overlaps the one before it, so no place is missed).
    @Test func equalRunsOfEveryLengthAndADifferenceAtEveryPlace() {
        for n in 0...80 {
            let a = (0..<n).map { UInt8(truncatingIfNeeded: 31 &* $0 &+ 7) }
            a.withUnsafeBufferPointer { x in
                let same = Array(a)
                same.withUnsafeBufferPointer { y in #expect(ByteScan.equal(x.baseAddress!, y.baseAddress!, count: n), "length \(n)") }
                for place in 0..<n {
                    var b = a
                    b[place] ^= 0x20
                    b.withUnsafeBufferPointer { y in #expect(!ByteScan.equal(x.baseAddress!, y.baseAddress!, count: n), "length \(n), byte \(place)") }
                }
            }
        }
    }

    @Test func buffersOfEveryLengthMatchTheByteByByteReading() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(0x20...0x7E) + [0x00, 0x0A, 0x1B, 0x7F, 0x80, 0xC2, 0xE2, 0xFF]
        for _ in 0..<3000 {
            // Past 16 and 32 bytes too: the scans take sixteen bytes a step, then the rest.
            let n = Int.random(in: 0...70, using: &rng)
            // Mostly printable, so that both answers come up often.
            let bytes: [UInt8] = (0..<n).map { _ in
                Int.random(in: 0..<20, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            bytes.withUnsafeBufferPointer { buf in
                #expect(ByteScan.isPrintableASCII(buf) == Self.naivePrintable(bytes), "\(bytes)")
                let classes = ByteScan.classes(buf)
                #expect(classes.contains(.notPrintable) == !Self.naivePrintable(bytes), "\(bytes)")
                #expect(classes.contains(.markdownSpecial) == bytes.contains(where: ByteFormat.isMarkdownSpecial), "\(bytes)")
            }
        }
    }
}

/// The row loop's small parsers, held to the plain byte-by-byte rules they replace.
@Suite struct RowFieldParserTests {
    /// The programme word, compared byte by byte with its lower-case bit set (the rule before the packed comparison).
    static func byteByByte(_ b: [UInt8]) -> ScreeningProgramme? {
        for (word, programme) in [("breast", ScreeningProgramme.breast), ("cervical", .cervical), ("bowel", .bowel)] {
            let w = Array(word.utf8)
            if w.count == b.count, zip(b, w).allSatisfy({ ($0 | 0x20) == $1 }) { return programme }
        }
        return nil
    }

    @Test func theProgrammeWordInAnyCaseAndNothingElse() {
        var texts = ["breast", "BREAST", "Breast", "cervical", "CerVical", "bowel", "BOWEL", "bowels", "breas", "brEast ", "",
                     "cervica", "cervicall", "b", "Bowel\u{0}", "lung"].map { Array($0.utf8) }
        // Bytes that only the lower-case bit separates from the words' letters (`B` and `b`, `@` and `` ` ``, 0x02 and 0x22).
        var rng = SplitMix64(seed: 20261130)
        for _ in 0..<20_000 {
            var w = Array(["breast", "cervical", "bowel"][Int(rng.next() % 3)].utf8)
            let k = Int(rng.next() % UInt64(w.count))
            w[k] = rng.next() % 2 == 0 ? w[k] ^ 0x20 : UInt8(truncatingIfNeeded: rng.next())
            if rng.next() % 4 == 0 { w.append(UInt8(truncatingIfNeeded: rng.next())) }
            texts.append(w)
        }
        for t in texts {
            t.withUnsafeBufferPointer { b in
                #expect(UptakeFileLoader.State.programme(b) == Self.byteByByte(t), "\(t)")
            }
        }
    }

    /// The period rule, byte by byte: four digits, a dash, two digits (and a dash and two digits), a month 1-12 and
    /// a day that exists.
    static func periodByRule(_ bytes: [UInt8]) -> Period? {
        let digits = { (r: [Int]) in r.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 } }
        let shaped = (bytes.count == 7 || bytes.count == 10) && digits([0, 1, 2, 3, 5, 6]) && bytes[4] == 45
            && (bytes.count == 7 || (bytes[7] == 45 && digits([8, 9])))
        guard shaped else { return nil }
        let number = { (r: Range<Int>) in r.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        return Period(year: number(0..<4), month: number(5..<7), day: bytes.count == 10 ? number(8..<10) : nil)
    }

    /// CSV's quoting rule a word at a time gives the byte-by-byte answer: every length to 40, each special byte (and
    /// its neighbours, and high bytes) at every place, spaces and tabs at the ends.
    @Test func csvQuotingAsTheRuleSays() {
        func byRule(_ b: [UInt8]) -> Bool {
            guard let first = b.first, let last = b.last else { return false }
            return [0x20, 0x09].contains(first) || [0x20, 0x09].contains(last) || b.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) }
        }
        var rng = SplitMix64(seed: 20261201)
        let tricky: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x2B, 0x2D, 0x21, 0x23, 0x09, 0x0B, 0x0C, 0x0E, 0x20, 0x80, 0xAC, 0xA2, 0xFF, 0x00, 0x01]
        for n in 0...40 {
            for _ in 0..<400 {
                var b = (0..<n).map { _ in UInt8(ascii: "a") + UInt8(rng.next() % 26) }
                for _ in 0..<Int(rng.next() % 3) where n > 0 {
                    b[Int(rng.next() % UInt64(n))] = rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : tricky[Int(rng.next() % UInt64(tricky.count))]
                }
                #expect(b.withUnsafeBufferPointer { CSVWriter.needsQuoting($0) } == byRule(b), "\(b)")
            }
        }
    }

    /// The decimal parsers' divisors (literals) are the products of tens the table they replaced held, exactly.
    @Test func powersOfTenAreTheProductsOfTens() {
        for n in 0...18 {
            #expect(NumberParsing.powerOfTen(n) == (0..<n).reduce(1.0) { r, _ in r * 10 }, "10^\(n)")
        }
        for (text, value) in [("37.1", 371.0 / 10), ("5.25", 525.0 / 100), ("0.000001", 1.0 / 1e6), ("1,234.5", 12345.0 / 10)] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { NumberParsing.decimal($0)?.value } == value, "\(text)")
        }
    }

    @Test func periodsAndWholeNumbersAsTheRulesSay() {
        for text in ["2024-01", "2024-12", "2024-13", "2024-00", "0000-01", "2024-1a", "2024/01", "2024-02-29", "2023-02-29",
                     "2024-01-00", "9999-12-31", ":024-01", "/024-01", "2024-01-3:", "2024-:1", "2024-0/", "20:4-01", "2024.01"] {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { Period.parse($0) }
            #expect(parsed == Self.periodByRule(bytes), "\(text)")
        }
        // Months with every byte replaced, one or two at once, by a value next to a
        // digit or a dash, a high byte or any byte, against the rule read byte by byte.
        var rng = SplitMix64(seed: 20261201)
        let near: [UInt8] = [0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x39, 0x3A, 0x7F, 0x80, 0xA6, 0xB0, 0xC9, 0xFF, 0x00]
        for _ in 0..<100_000 {
            let m = rng.next() % 14
            var b = Array("\(1000 + rng.next() % 9000)-\(m < 10 ? "0" : "")\(m)".utf8)
            for _ in 0..<Int(rng.next() % 3) {
                let k = Int(rng.next() % 7)
                b[k] = rng.next() % 2 == 0 ? near[Int(rng.next() % UInt64(near.count))] : UInt8(truncatingIfNeeded: rng.next())
            }
            #expect(b.withUnsafeBufferPointer { Period.parse($0) } == Self.periodByRule(b), "\(b)")
        }
        let wholeNumbers: [(String, Int?)] = [("0", 0), ("1239", 1239), ("000123", 123), ("123456789012345678", 123_456_789_012_345_678),
                                              ("1234567890123456789", nil), ("12a", nil), ("1.0", 1), ("1.5", nil), ("-5", -5), ("+5", 5),
                                              ("", nil), ("1e3", nil), (":", nil), ("/", nil), ("1,712", 1712)]
        for (text, expected) in wholeNumbers {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { NumberParsing.integer($0) } == expected, "\(text)")
        }
    }
}

/// The CSV reader's search for the first of two bytes (sixteen at a time, then eight, then one) finds what a byte-by-byte
/// search finds, at every offset and length, with the bytes anywhere in the run or absent.
@Suite struct FieldEndSearchTests {
    @Test func everyPlaceAndLength() {
        var rng = SplitMix64(seed: 20261130)
        let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C, lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        for _ in 0..<3_000 {
            let n = Int(rng.next() % 90)
            // Mostly letters, sometimes a comma or a line feed, and bytes next to them (0x2B, 0x2D, 0x0B, 0x8A, 0xAC).
            let pool: [UInt8] = [0x2C, 0x0A, 0x2B, 0x2D, 0x0B, 0x8A, 0xAC]
            let bytes = (0..<n).map { _ in rng.next() % 10 == 0 ? pool[Int(rng.next() % 7)] : UInt8(97 + rng.next() % 26) }
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                for start in 0...n {
                    for end in [n, max(start, n - 1), min(n, start + 17)] where end >= start {
                        let expected = (start..<end).first { b[$0] == 0x2C || b[$0] == 0x0A } ?? end
                        #expect(CSVReader.firstOf(commas, lineFeeds, in: base, from: start, to: end) == expected, "\(bytes) \(start)..<\(end)")
                    }
                }
            }
        }
    }
}

/// The sixteen-byte test of a document for what a terminal must not get flags the unsafe scalars and lets the common
/// safe ones through (the exact check then reads only the flagged sixteen bytes).
@Suite struct RiskyBytesTests {
    static func flagged(_ s: String) -> UInt32 {
        var bytes = Array(s.utf8)
        bytes += [UInt8](repeating: 0x20, count: max(0, 18 - bytes.count))
        return bytes.withUnsafeBufferPointer { uptake_risky16($0.baseAddress!) }
    }

    @Test func commonTextPassesAndEveryUnsafeScalarIsFlagged() {
        for safe in ["| a |  — | 58.7% |\n", "–→ ± £ · … ≥ é 健康", "\u{2014}\u{2013}\u{2192}\u{00B1}\u{00A3}\u{2026}"] {
            #expect(Self.flagged(safe) == 0, "\(safe.debugDescription)")
        }
        for unsafe in ["\u{1B}", "\r", "\t", "\u{7F}", "\u{85}", "\u{9F}", "\u{61C}", "\u{200E}", "\u{200F}", "\u{2028}", "\u{2029}",
                       "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"] {
            #expect(Self.flagged("abc" + unsafe) != 0, "\(unsafe.debugDescription)")
        }
    }
}
