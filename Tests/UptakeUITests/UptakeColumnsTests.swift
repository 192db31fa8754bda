import Testing
import UptakeCore
@testable import UptakeUI

/// Which uptake columns show at which width, and that header clicks follow them.
@Suite struct UptakeColumnsTests {
    static let widths = [60, 80, 100, 120, 160, 200]

    @Test func columnChoiceByScreenWidth() {
        func shown(_ w: Int) -> Set<UptakeColumn> { Set(UptakePane.columns(width: w - 2, trend: true, benchmarkWidth: 16)) }
        // At 80 the change shows both ways (points and %) with the significance word; the interval joins at 100.
        let core: Set<UptakeColumn> = [.partner, .proxyPopulation, .uptakeStart, .uptakeLatest, .changePP, .changePct, .significance]
        #expect(shown(80) == core)
        #expect(shown(100) == core.union([.interval, .eligibleLatest]))
        #expect(shown(120) == core.union([.interval, .eligibleLatest, .eligibleStart]))
        #expect(shown(160) == Set(UptakeColumn.allCases))
        #expect(shown(200) == Set(UptakeColumn.allCases))
        #expect(!Set(UptakePane.columns(width: 198, trend: false)).contains(.trend))
        // Wider never hides what narrower shows.
        for w in 60..<240 { #expect(shown(w).isSubset(of: shown(w + 1)), "\(w)") }
    }

    @Test func noColumnOverflowsAndTextColumnsKeepTheirMinimum() {
        for w in Self.widths {
            let s = sampleState(w, 30)
            let g = uptakeGeometry(s)
            let ranges = g.widget.columnRanges(area: g.list.table)
            #expect(ranges.last.map { $0.upperBound <= g.list.table.maxX } == true, "\(w)")
            #expect(ranges[0].count >= UptakeColumn.partner.width && ranges[1].count >= UptakeColumn.proxyPopulation.width, "\(w)")
            // Benchmark shrinks to its title when the data has no benchmark.
            if let b = g.columns.firstIndex(of: .benchmark) { #expect(ranges[b].count == max(9, s.index.longestBenchmarkLabel)) }
        }
    }

    @Test(arguments: widths)
    func clickingAHeaderSortsByTheColumnUnderTheMouse(width: Int) {
        let base = sampleState(width, 30)
        var s = base
        update(&s, .selectPane(Pane.uptake.rawValue))
        let g = uptakeGeometry(s)
        let ranges = g.widget.columnRanges(area: g.list.table)
        #expect(ranges.count == g.columns.count)
        for (i, column) in g.columns.enumerated() {
            for x in [ranges[i].lowerBound, ranges[i].upperBound - 1] {
                var t = s
                click(&t, x: x, y: g.list.table.y)
                #expect(t.uptake.sortColumn == column.rawValue, "width \(width), x \(x), \(column.title)")
                // The header then shows the arrow in that column.
                let header = render(t).lines()[g.list.table.y]
                let cells = Array(header)
                // Names sort A to Z first, figures largest first (their natural order).
                let arrow = (column.isText ? Glyphs.unicode.arrowUp : Glyphs.unicode.arrowDown).first!
                #expect(ranges[i].contains { $0 < cells.count && cells[$0] == arrow }, "width \(width), \(column.title)")
            }
        }
    }
}

@Suite struct UptakeColumnScrollTests {
    @Test func narrowScreensScrollToEveryColumn() {
        var s = sampleState(80, 24)
        press(&s, chars("2"))
        var seen: Set<UptakeColumn> = Set(uptakeGeometry(s).columns)
        #expect(!seen.contains(.benchmark))
        for _ in 0..<20 {
            press(&s, chars(">"))
            seen.formUnion(uptakeGeometry(s).columns)
        }
        let all = Set(UptakePane.scrollable(trend: s.index.maxPeriods > 2) + [.partner, .proxyPopulation])
        #expect(seen == all)
        #expect(render(s).lines()[1].contains("columns from"))
        // Partner and proxy population stay on screen while the figures scroll.
        #expect(uptakeGeometry(s).columns.prefix(2) == [.partner, .proxyPopulation])
        for _ in 0..<20 { press(&s, chars("<")) }
        #expect(s.pane(UptakePane.self)!.columnOffset == 0)
        #expect(render(s).lines()[1].contains("more columns"))
    }
}
