import Testing
import UptakeCore
@testable import UptakeUI

/// Renders with `draw` into a fresh `width` x `height` buffer and returns its lines.
private func render(_ width: Int, _ height: Int, _ draw: (inout Buffer, Rect) -> Void) -> [String] {
    var b = Buffer(width: width, height: height)
    draw(&b, b.area)
    return b.lines()
}

@Suite struct BlockTests {
    @Test func borderAndTitle() {
        let lines = render(10, 3) { b, a in Block(title: "Block").render(into: &b, area: a) }
        #expect(lines == ["┌Block───┐", "│        │", "└────────┘"])
    }

    @Test func longTitleIsCutInsideTheCorners() {
        let lines = render(8, 2) { b, a in Block(title: "Partners", glyphs: .ascii).render(into: &b, area: a) }
        #expect(lines == ["+Partn~+", "+------+"])
    }
}

@Suite struct TableWidgetTests {
    let rows: [[String]] = [["健康コミュニティ", "45%"], ["\u{1B}[31mX", "1%"], ["Leeds", "9%"]]

    func table(glyphs: Glyphs = .unicode) -> TableWidget {
        let rows = self.rows
        return TableWidget(columns: [TableColumn("Name", width: .fill(1)), TableColumn("Rate", width: .fixed(6), alignment: .right)],
                           rowCount: rows.count, glyphs: glyphs) { rows[$0] }
    }

    @Test func wideRowKeepsRightBorderAligned() {
        let state = TableState(selected: 0, sortColumn: 1, sortAscending: false)
        var b = Buffer(width: 20, height: 5)
        let block = Block(title: "Partners")
        block.render(into: &b, area: b.area)
        table().render(into: &b, area: block.inner(b.area), state: state)
        #expect(b.lines() == [
            "┌Partners──────────┐",
            "│  Name      Rate ▼│",
            "│▶ 健康コミ…    45%│",
            "│  ␛[31mX        1%│",
            "└──────────────────┘",
        ])
        #expect(b[1, 2].style == TableStyles().selected)
        #expect(b[1, 3].style == .plain)
        #expect(b[3, 1].style.attributes.contains(.bold))
    }

    @Test func asciiModeAndScrolling() {
        let state = TableState(selected: 2, offset: 0, sortColumn: 0, sortAscending: true)
        let lines = render(18, 3) { b, a in table(glyphs: .ascii).render(into: &b, area: a, state: state) }
        // Selection is row 2, so the offset is moved to show it: rows 1 and 2.
        #expect(lines == [
            "  Name ^      Rate",
            "  ␛[31mX        1%",
            "> Leeds         9%",
        ])
    }

    @Test func hitTesting() {
        let area = Rect(x: 1, y: 1, width: 18, height: 3)
        let t = table()
        #expect(t.columnRanges(area: area) == [3..<12, 13..<19])
        #expect(t.columnAt(x: 3, area: area) == 0)
        #expect(t.columnAt(x: 12, area: area) == nil)  // the gap between columns
        #expect(t.columnAt(x: 18, area: area) == 1)
        #expect(t.columnAt(x: 1, area: area) == nil)  // the marker column
        let state = TableState(selected: 2)
        #expect(t.rowAt(y: 1, area: area, state: state) == nil)  // header
        #expect(t.rowAt(y: 2, area: area, state: state) == 1)
        #expect(t.rowAt(y: 3, area: area, state: state) == 2)
    }

    @Test func onlyVisibleRowsAreFormatted() {
        nonisolated(unsafe) var asked: [Int] = []
        let t = TableWidget(columns: [TableColumn("N", width: .fill(1))], rowCount: 1_000_000) { i in
            asked.append(i)
            return ["\(i)"]
        }
        var b = Buffer(width: 12, height: 4)
        t.render(into: &b, area: b.area, state: TableState(selected: 500_000))
        #expect(asked == [499_998, 499_999, 500_000])
        #expect(b.lines()[3] == "▶ 500000    ")
    }

    @Test func stateScrollsToSelection() {
        var s = TableState(selected: 10, offset: 0)
        s.scrollToSelection(visibleRows: 5)
        #expect(s.offset == 6)
        s.selected = 2
        s.scrollToSelection(visibleRows: 5)
        #expect(s.offset == 2)
        s.moveSelection(by: 100, rowCount: 20, visibleRows: 5)
        #expect(s.selected == 19 && s.offset == 15)
        s.toggleSort(column: 1)
        s.toggleSort(column: 1)
        #expect(s.sortColumn == 1 && s.sortAscending == false)
    }
}

@Suite struct TabBarTests {
    let bar = TabBar(titles: ["Overview", "Partners"], selected: 1)

    @Test func rendersNumberedTabs() {
        let lines = render(30, 1) { b, a in bar.render(into: &b, area: a) }
        #expect(lines == [" 1 Overview  2 Partners       "])
        var b = Buffer(width: 30, height: 1)
        bar.render(into: &b, area: b.area)
        #expect(b[13, 0].style.attributes.contains(.reverse))
        #expect(!b[1, 0].style.attributes.contains(.reverse))
    }

    @Test func hitTesting() {
        let area = Rect(x: 0, y: 0, width: 30, height: 1)
        #expect(bar.tabAt(x: 0, area: area) == 0)
        #expect(bar.tabAt(x: 11, area: area) == 0)
        #expect(bar.tabAt(x: 12, area: area) == 1)
        #expect(bar.tabAt(x: 23, area: area) == 1)
        #expect(bar.tabAt(x: 24, area: area) == nil)
        #expect(bar.tabAt(x: 14, area: Rect(x: 0, y: 0, width: 14, height: 1)) == nil)
    }

    @Test func cutAtTheEdge() {
        // The selected tab (2) does not fit after tab 1, so tab 1 makes way: the selected tab is always shown whole.
        let lines = render(16, 1) { b, a in bar.render(into: &b, area: a) }
        #expect(lines == [" 2 Partners     "])
        var first = bar
        first.selected = 0
        #expect(render(16, 1) { b, a in first.render(into: &b, area: a) } == [" 1 Overview  2 …"])
    }
}

@Suite struct StatusBarTests {
    let bar = StatusBar(left: "data.csv", right: "12/340", hints: [("q", "quit"), ("?", "help"), ("/", "filter")])

    @Test func dropsHintsFromTheRight() {
        #expect(render(40, 1) { b, a in bar.render(into: &b, area: a) } == ["data.csv  q quit  ? help          12/340"])
        #expect(render(50, 1) { b, a in bar.render(into: &b, area: a) } == ["data.csv  q quit  ? help  / filter          12/340"])
        #expect(render(20, 1) { b, a in bar.render(into: &b, area: a) } == ["data.csv      12/340"])
    }

    @Test func keysAreStyled() {
        var b = Buffer(width: 40, height: 1)
        bar.render(into: &b, area: b.area)
        #expect(b[10, 0].style.attributes.contains(.bold))
        #expect(!b[12, 0].style.attributes.contains(.bold))
    }
}

@Suite struct BarChartTests {
    let items = [BarChartItem(label: "Leeds", value: 50, valueText: "50%"), BarChartItem(label: "York", value: 100, valueText: "100%")]

    @Test func unicodeBars() {
        let lines = render(20, 2) { b, a in BarChart(items: items, maximum: 100).render(into: &b, area: a) }
        #expect(lines == ["Leeds ████▌      50%", "York  █████████ 100%"])
    }

    @Test func asciiBarsScaleToTheLargestValue() {
        let lines = render(20, 3) { b, a in BarChart(items: items, glyphs: .ascii).render(into: &b, area: a) }
        #expect(lines == ["Leeds #####      50%", "York  ######### 100%", "                    "])
    }
}

@Suite struct SparklineTests {
    @Test func levelsAndGaps() {
        let values: [Double?] = [0, 1, nil, 7]
        #expect(render(5, 1) { b, a in Sparkline(values: values, range: 0...7).render(into: &b, area: a) } == ["▁▂ █ "])
        #expect(render(5, 1) { b, a in Sparkline(values: values, range: 0...7, glyphs: .ascii).render(into: &b, area: a) } == ["_. # "])
    }

    @Test func showsTheLatestValuesWhenCut() {
        let values: [Double?] = [7, 7, 0, 3.5, 7]
        #expect(render(3, 1) { b, a in Sparkline(values: values).render(into: &b, area: a) } == ["▁▅█"])
    }
}

@Suite struct IntervalWhiskerTests {
    func whisker(_ e: Double, _ lo: Double, _ hi: Double, ref: Double? = nil, glyphs: Glyphs = .unicode) -> String {
        render(11, 1) { b, a in
            IntervalWhisker(estimate: e, lower: lo, upper: hi, scale: 0...10, reference: ref, glyphs: glyphs).render(into: &b, area: a)
        }[0]
    }

    @Test func positionsOnTheScale() {
        #expect(whisker(5, 3, 8) == "   ├─●──┤  ")
        #expect(whisker(5, 3, 8, ref: 0) == "│  ├─●──┤  ")
        #expect(whisker(5, 3, 8, ref: 4) == "   ├┼●──┤  ")
        #expect(whisker(5, 3, 8, glyphs: .ascii) == "   |-o--|  ")
    }

    @Test func clippedEndsLoseTheirCaps() {
        #expect(whisker(2, -5, 4) == "──●─┤      ")
        #expect(whisker(9, 6, 30) == "      ├──●─")
    }

    @Test func columns() {
        let w = IntervalWhisker(estimate: 0, lower: 0, upper: 0, scale: -1...1)
        #expect(w.column(of: 0, width: 21) == 10)
        #expect(w.column(of: -5, width: 21) == 0)
        #expect(w.column(of: 1, width: 21) == 20)
    }
}

@Suite struct TextReaderTests {
    let source = """
        # Title
        Some **bold** text that
        wraps around here.
        - item one that is long enough
        1. first
        > quoted words here that wrap
        """

    @Test func wrapsHeadingsListsAndQuotes() {
        var b = Buffer(width: 20, height: 9)
        let total = TextReader(text: source).render(into: &b, area: b.area, state: ReaderState())
        #expect(total == 8)
        #expect(b.lines() == [
            "Title               ",
            "Some bold text that ",
            "wraps around here.  ",
            "• item one that is  ",
            "  long enough       ",
            "1. first            ",
            "│ quoted words here ",
            "│ that wrap         ",
            "                    ",
        ])
        #expect(b[0, 0].style.attributes.contains(.bold))
        #expect(b[5, 1].style.attributes.contains(.bold))  // "bold"
        #expect(!b[4, 1].style.attributes.contains(.bold))  // the space before it
        #expect(!b[0, 1].style.attributes.contains(.bold))
        #expect(b[0, 6].style.attributes.contains(.dim))
    }

    @Test func scrollsAndUsesAsciiGlyphs() {
        var b = Buffer(width: 20, height: 2)
        TextReader(text: source, glyphs: .ascii).render(into: &b, area: b.area, state: ReaderState(offset: 3))
        #expect(b.lines() == ["* item one that is  ", "  long enough       "])
        var s = ReaderState()
        s.scroll(by: 100, totalLines: 8, visibleRows: 2)
        #expect(s.offset == 6)
    }

    @Test func breaksLongWordsByDisplayWidth() {
        let r = TextReader(text: "abcdefghijklmnopqrstuvwxyz 健康コミュニティ")
        let lines = r.wrappedLines(width: 10).map { $0.map(\.text).joined() }
        #expect(lines == ["abcdefghij", "klmnopqrst", "uvwxyz", "健康コミュ", "ニティ"])
        let narrow = TextReader(text: "健康コミュニティ").wrappedLines(width: 5).map { $0.map(\.text).joined() }
        #expect(narrow == ["健康", "コミ", "ュニ", "ティ"])
    }

    @Test func hostileTextIsShownNotObeyed() {
        let lines = TextReader(text: "a\u{1B}[2J **b\tc").wrappedLines(width: 20).map { $0.map(\.text).joined() }
        #expect(lines == ["a␛[2J **b c"])
    }
}

@Suite struct HelpOverlayTests {
    let help = HelpOverlay(entries: [
        HelpEntry(keys: "q", description: "Quit", section: "General"),
        HelpEntry(keys: "j/k", description: "Move", section: "Table"),
        HelpEntry(keys: "?", description: "Help", section: "General"),
    ])

    @Test func centredBoxClearsWhatIsUnder() {
        var b = Buffer(width: 30, height: 10)
        for y in 0..<10 { b.put(String(repeating: "x", count: 30), x: 0, y: y, style: .plain) }
        help.render(into: &b, area: b.area, state: ReaderState())
        let row = String(repeating: "x", count: 30)
        #expect(b.lines() == [
            row,
            "xxxxxxx┌Help─────────┐xxxxxxxx",
            "xxxxxxx│ General     │xxxxxxxx",
            "xxxxxxx│   q    Quit │xxxxxxxx",
            "xxxxxxx│   ?    Help │xxxxxxxx",
            "xxxxxxx│             │xxxxxxxx",
            "xxxxxxx│ Table       │xxxxxxxx",
            "xxxxxxx│   j/k  Move │xxxxxxxx",
            "xxxxxxx└─────────────┘xxxxxxxx",
            row,
        ])
    }

    @Test func scrollsWhenTallerThanTheScreen() {
        var b = Buffer(width: 15, height: 5)
        let total = help.render(into: &b, area: b.area, state: ReaderState(offset: 2))
        #expect(total == 6)
        #expect(b.lines() == [
            "┌Help─────────┐",
            "│   ?    Help ▲",
            "│             │",
            "│ Table       ▼",
            "└─────────────┘",
        ])
    }
}
