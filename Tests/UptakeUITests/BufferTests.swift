import Testing
import UptakeCore
@testable import UptakeUI

@Suite struct BufferTests {
    @Test func putWritesAndReportsColumns() {
        var b = Buffer(width: 8, height: 2)
        #expect(b.put("abc", x: 1, y: 0, style: .plain) == 3)
        #expect(b.put("健康", x: 0, y: 1, style: .plain) == 4)
        #expect(b.lines() == [" abc    ", "健康    "])
        #expect(b[0, 1].width == 2 && b[1, 1].width == 0 && b[1, 1].grapheme == "")
    }

    @Test func clipsAtMaxWidthAndEdge() {
        var b = Buffer(width: 6, height: 2)
        #expect(b.put("abcdefgh", x: 2, y: 0, style: .plain) == 4)
        #expect(b.put("abcdef", x: 0, y: 1, maxWidth: 3, style: .plain) == 3)
        #expect(b.lines() == ["  abcd", "abc   "])
    }

    @Test func wideGraphemeAtClipEdgeBecomesSpace() {
        var b = Buffer(width: 5, height: 1)
        b.put("xxxxx", x: 0, y: 0, style: .plain)
        #expect(b.put("a健", x: 0, y: 0, maxWidth: 2, style: .plain) == 2)
        #expect(b.lines() == ["a xxx"])
        var c = Buffer(width: 3, height: 1)
        c.put("a健", x: 1, y: 0, style: .plain)  // 健 would straddle the buffer edge
        #expect(c.lines() == [" a "])
    }

    @Test func overwritingHalfAWideCellBlanksTheOtherHalf() {
        var b = Buffer(width: 6, height: 1)
        b.put("健康", x: 0, y: 0, style: .plain)
        b.put("x", x: 1, y: 0, style: .plain)  // right half of 健
        #expect(b.lines() == [" x康  "])
        b.put("y", x: 2, y: 0, style: .plain)  // left half of 康
        #expect(b.lines() == [" xy   "])
        #expect(b[3, 0] == .blank())
    }

    @Test func wideOverWide() {
        var b = Buffer(width: 6, height: 1)
        b.put("健康", x: 0, y: 0, style: .plain)
        b.put("コ", x: 1, y: 0, style: .plain)
        #expect(b.lines() == [" コ   "])
    }

    @Test func hostileTextIsSanitised() {
        var b = Buffer(width: 12, height: 1)
        b.put("\u{1B}[31mred", x: 0, y: 0, style: .plain)
        #expect(b.lines() == ["␛[31mred    "])
        #expect(!b.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func putTruncatedUsesEllipsis() {
        var b = Buffer(width: 10, height: 2)
        b.putTruncated("Community", x: 0, y: 0, maxWidth: 5, style: .plain)
        b.putTruncated("Community", x: 5, y: 1, maxWidth: 20, style: .plain, ellipsis: "~")
        #expect(b.lines() == ["Comm…     ", "     Comm~"])
    }

    @Test func fillClearsAndRepairsWideEdges() {
        var b = Buffer(width: 6, height: 2)
        b.put("健康コ", x: 0, y: 0, style: .plain)
        let red = Style(foreground: .ansi(1))
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: red)
        #expect(b.lines() == ["    コ", "      "])
        #expect(b[1, 0].style == red && b[0, 0].style == .plain)
    }

    @Test func zeroWidthAndCombining() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.put("e\u{301}\u{200B}x", x: 0, y: 0, style: .plain) == 2)
        #expect(b.lines() == ["e\u{301}x  "])
    }
}

@Suite struct LayoutTests {
    @Test func fixedAndFill() {
        let r = Rect(x: 0, y: 0, width: 20, height: 10)
        let parts = Layout.split(r, .vertical, [.fixed(1), .fill(1), .fixed(1)])
        #expect(parts == [
            Rect(x: 0, y: 0, width: 20, height: 1), Rect(x: 0, y: 1, width: 20, height: 8),
            Rect(x: 0, y: 9, width: 20, height: 1),
        ])
    }

    @Test func percentMinAndWeights() {
        #expect(Layout.sizes(total: 100, constraints: [.percent(30), .fill(1), .fill(3)]) == [30, 18, 52])
        #expect(Layout.sizes(total: 10, constraints: [.min(2), .fixed(3), .min(2)]) == [4, 3, 3])
        #expect(Layout.sizes(total: 5, constraints: [.fixed(4), .fixed(4)]) == [4, 1])
        #expect(Layout.sizes(total: 11, constraints: [.fixed(3), .fill(1)], spacing: 1) == [3, 7])
        #expect(Layout.sizes(total: 10, constraints: [.fixed(3)]) == [3])
    }

    @Test func horizontalWithSpacing() {
        let parts = Layout.split(Rect(x: 2, y: 1, width: 10, height: 3), .horizontal, [.fixed(3), .fill(1)], spacing: 1)
        #expect(parts == [Rect(x: 2, y: 1, width: 3, height: 3), Rect(x: 6, y: 1, width: 6, height: 3)])
    }
}

@Suite struct GlyphsTests {
    @Test func localeChoosesSet() {
        #expect(Glyphs.forEnvironment(["LANG": "en_GB.UTF-8"]) == .unicode)
        #expect(Glyphs.forEnvironment(["LANG": "en_GB.UTF-8", "LC_ALL": "C"]) == .ascii)
        #expect(Glyphs.forEnvironment(["LC_CTYPE": "C.utf8"]) == .unicode)
        #expect(Glyphs.forEnvironment([:]) == .ascii)
    }

    @Test func asciiSetIsSevenBit() {
        let g = Glyphs.ascii
        let all = [g.topLeft, g.horizontal, g.vertical, g.barFull, g.arrowUp, g.arrowDown, g.ellipsis, g.whiskerLeft,
                   g.whiskerLine, g.whiskerPoint, g.whiskerRight, g.check, g.selectionMarker] + g.sparkline
        #expect(all.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(g.sparkline.joined() == "_.-=#")
    }

    /// Issue 12: "yes +" read as a sign; the ASCII tick is `*`.
    @Test func asciiTickIsNotASign() {
        #expect(Glyphs.ascii.check == "*")
        #expect(Glyphs.unicode.check == "✓")
    }

    /// Issue 12: `→` is drawn `->` in ASCII, and text cut or wrapped in ASCII is measured as drawn.
    @Test func asciiArrowIsMeasuredAsDrawn() {
        #expect(Glyphs.ascii.drawn("30.8% → 35.6%") == "30.8% -> 35.6%")
        #expect(Glyphs.unicode.drawn("30.8% → 35.6%") == "30.8% → 35.6%")
        var b = Buffer(width: 12, height: 1)
        b.asciiOnly = true
        b.putTruncated("30.8% → 35.6%", x: 0, y: 0, maxWidth: 12, style: Style(), ellipsis: "~")
        #expect(b.lines() == ["30.8% -> 35~"])
    }

    /// Issue 14: a field ending in U+200D (or another joiner) must not leave a joiner in a cell,
    /// where a terminal could join it with the next cell's character (a border vanished).
    @Test func trailingZeroWidthJoinersStayOutOfCells() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.put("ab\u{200D}", x: 0, y: 0, style: .plain) == 2)
        b.put("│", x: 2, y: 0, style: .plain)
        #expect(b[1, 0].grapheme == "b")
        #expect(b[2, 0].grapheme == "│")
        #expect(b.lines() == ["ab│   "])
        // Every cell's grapheme is what its width says: no cell holds a joiner at all.
        for text in ["x\u{200B}", "\u{200D}", "a\u{2060}\u{FEFF}", "健\u{200D}", "e\u{0301}\u{200D}"] {
            var c = Buffer(width: 6, height: 1)
            let used = c.put(text, x: 0, y: 0, style: .plain)
            #expect(used == TerminalText.width(text), "\(text.unicodeScalars.map(\.value))")
            #expect(!c.cells.contains { $0.grapheme.unicodeScalars.contains { CellText.isJoiner($0.value) } })
        }
        // Joiners inside an emoji sequence keep the cluster whole (the terminal backend decides how to draw it).
        var e = Buffer(width: 4, height: 1)
        e.put("👩\u{200D}💻", x: 0, y: 0, style: .plain)
        #expect(e[0, 0].width == 2)
        #expect(e[0, 0].grapheme == "👩\u{200D}💻")
    }
}
