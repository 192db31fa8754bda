import Testing
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
            let n = Int.random(in: 0...40, using: &rng)
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
