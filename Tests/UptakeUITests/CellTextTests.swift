import Testing
import UptakeCore
@testable import UptakeUI

/// The fast paths must agree exactly with the general ones they skip.
@Suite struct CellTextTests {
    /// Every scalar the fast path calls simple is one column, its own grapheme, and unchanged by sanitize.
    @Test func simpleScalarsAgreeWithTerminalText() {
        var checked = 0
        for v in UInt32(0)...0xFFFF where CellText.isSimpleScalar(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(Character(scalar))
            #expect(TerminalText.width(s) == 1, "U+\(String(v, radix: 16))")
            #expect(TerminalText.sanitize(s) == s, "U+\(String(v, radix: 16))")
            // Next to each other (and to ASCII) they never merge into one cluster.
            let pair = s + s + "a"
            #expect(pair.count == 3, "U+\(String(v, radix: 16))")
            checked += 1
        }
        #expect(checked > 1000)
        #expect(!CellText.isSimpleScalar(0x1B) && !CellText.isSimpleScalar(0x7F) && !CellText.isSimpleScalar(0x85))
        #expect(!CellText.isSimpleScalar(0x301) && !CellText.isSimpleScalar(0x200D) && !CellText.isSimpleScalar(0x202E))
        #expect(!CellText.isSimpleScalar(0x25FD) && !CellText.isSimpleScalar(0xFE0F))
    }

    @Test func simpleWidthIsNilForAnythingElse() {
        #expect(CellText.simpleWidth("Partner 12") == 10)
        #expect(CellText.simpleWidth("yes ✓") == 5)
        #expect(CellText.simpleWidth("−4.0 to +13.3 — …") == 17)
        #expect(CellText.simpleWidth("健康") == nil)
        #expect(CellText.simpleWidth("e\u{301}") == nil)
        #expect(CellText.simpleWidth("a\u{1B}[2J") == nil)
        #expect(CellText.simpleWidth("❤\u{FE0F}") == nil)
        #expect(CellText.simpleWidth("🇬🇧") == nil)
    }

    @Test func truncateMatchesTerminalText() {
        let texts = ["Advocacy Project", "People with learning disabilities", "yes ✓", "—", "健康 Centre", "a\u{1B}b", "Ünïcödé ▁▂▃▄", ""]
        for t in texts {
            for w in 0...20 {
                let (cut, width) = CellText.truncate(t, toWidth: w, ellipsis: "…")
                let expected = TerminalText.truncate(TerminalText.sanitize(t), toWidth: w, ellipsis: "…")
                #expect(cut == expected, "\(t) at \(w)")
                #expect(width == TerminalText.width(expected), "\(t) at \(w)")
            }
        }
    }

    @Test func bufferFastPathMatchesSlowPath() {
        // The same text written cell by cell through the general path gives the same cells.
        for text in ["abc ✓ ─│┌ Δ pp £12 −3", "x\u{7F}y", "健a"] {
            var fast = Buffer(width: 12, height: 1)
            fast.put("健康健康健康", x: 0, y: 0, style: .plain)
            fast.put(text, x: 1, y: 0, maxWidth: 9, style: .plain)
            var slow = Buffer(width: 12, height: 1)
            slow.put("健康健康健康", x: 0, y: 0, style: .plain)
            var x = 1
            for c in TerminalText.sanitize(text) where x < 10 {
                x += slow.put(String(c) + "\u{200B}", x: x, y: 0, maxWidth: 10 - x, style: .plain)
            }
            #expect(fast.lines() == slow.lines(), "\(text)")
            #expect(fast.cells == slow.cells, "\(text)")
        }
    }

    @Test func cellsStoreMultiScalarGraphemes() {
        var b = Buffer(width: 6, height: 1)
        b.put("🇬🇧e\u{301}", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].grapheme == "🇬🇧" && b[0, 0].width == 2 && b[1, 0].grapheme == "")
        #expect(b[2, 0].grapheme == "e\u{301}")
        #expect(b.lines() == ["🇬🇧e\u{301}   "])
        var c = Cell(grapheme: "x", width: 1, style: .plain)
        c.grapheme = "👍🏽"
        #expect(c.grapheme == "👍🏽" && c == Cell(grapheme: "👍🏽", width: 1, style: .plain))
    }

    @Test func numberFormatsMatchUptakeCore() {
        var values: [Double] = [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.95, 9.95, 99.95, -99.95, 1e14, -1e14, 1e16, .nan, .infinity, 12.345, 30.8]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            values.append(Double.random(in: -200...200, using: &generator))
            values.append(Double(Int.random(in: -2000...2000, using: &generator)) / 20)
        }
        for v in values {
            for d in [0, 1, 2, 3] {
                #expect(CellNumberFormat.fixed(v, d) == NumberFormat.fixed(v, d), "\(v) \(d)")
                #expect(CellNumberFormat.signed(v, d) == NumberFormat.signed(v, d), "\(v) \(d)")
            }
        }
        for n in [0, 1, 12, 999, 1000, -1000, 1_712, 123_456_789, -9_999_999, Int.max, Int.min] {
            #expect(CellNumberFormat.grouped(n) == NumberFormat.grouped(n), "\(n)")
        }
    }
}
