import Foundation
import Testing
import UptakeCore
@testable import UptakeUI

/// The meeting spotlight (`p`, `uptake present`): goldens, stepping, scaling and the model's sentence.
@Suite struct SpotlightTests {
    static let highContrast = Theme.builtIn(named: "high-contrast")!

    /// The sample state with the spotlight open on uptake row `row` (VCKC is found by name).
    func spotlight(_ w: Int, _ h: Int, partner: String? = "VCKC") -> AppState {
        var s = sampleState(w, h, theme: Self.highContrast)
        send(&s, .selectPane(Pane.uptake.rawValue))
        if let partner, let i = s.uptake.rows.firstIndex(where: { s.index.table.rows[$0].series.partner == partner }) {
            for _ in 0..<i { press(&s, [.down]) }
        }
        press(&s, [.character("p")])
        return s
    }

    var vckc: SeriesSummary { AppState(dataset: sampleDataset).index.table.rows.first { $0.series.partner == "VCKC" }! }

    /// The frame's text with line breaks and runs of spaces as single spaces (wrapped sentences compare whole).
    func flat(_ f: Frame) -> String {
        f.lines().map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    @Test func goldenVCKC() {
        for (w, h) in [(80, 24), (120, 40)] {
            let s = spotlight(w, h)
            #expect(s.currentPane.id == "spotlight")
            checkGolden("spotlight-vckc-\(w)x\(h)", render(s))
        }
        checkStyledGolden("spotlight-vckc-80x24", render(spotlight(80, 24)))
    }

    @Test func goldenIndicatorAndSummary() {
        var s = spotlight(80, 24, partner: nil)
        let series = s.index.table.rows.count
        for _ in 0..<series { press(&s, [.right]) }
        checkGolden("spotlight-indicator-80x24", render(s))
        press(&s, [.character("G")])
        checkGolden("spotlight-summary-80x24", render(s))
    }

    @Test func theSentenceIsTheModelsAndFitsAt80x24() {
        let s = spotlight(80, 24)
        let text = flat(render(s))
        let sentence = vckc.changeSentence(labels: sampleDataset.metadata)
        #expect(text.contains(sentence))
        #expect(!text.lowercased().contains("significant"))
        #expect(text.contains("excludes no change"))
        // The whole statement where a big screen has room for it.
        #expect(flat(render(spotlight(200, 60))).contains(vckc.statement(labels: sampleDataset.metadata)))
    }

    @Test func digitsGrowOnBigScreens() {
        func blockRows(_ s: AppState) -> Int { render(s).lines().filter { $0.contains("█") }.count }
        let small = blockRows(spotlight(80, 24)), big = blockRows(spotlight(200, 60))
        #expect(small >= BigDigits.fontHeight)
        #expect(big >= 2 * small)
    }

    @Test func asciiFallback() {
        var s = spotlight(80, 24)
        s.glyphs = .ascii
        let lines = render(s).lines()
        #expect(lines.contains { $0.contains("###") })
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func keysStepThroughEverySeriesAndIndicator() {
        var s = spotlight(80, 24, partner: nil)
        let context = s.context
        let slides = SpotlightPane.slides(context)
        #expect(slides.count == s.index.table.rows.count + sampleDataset.indicators.count + 1)
        var seen: [SpotlightPane.Slide] = []
        for i in 0..<(slides.count + 2) {
            let pane = s.pane(SpotlightPane.self)!
            seen.append(pane.slide(s.context))
            let position = "\(min(i, slides.count - 1) + 1) / \(slides.count)"
            #expect(render(s).lines()[2].hasSuffix(position + "│") || render(s).lines()[2].contains(position))
            press(&s, [[Key.right, .pageDown, .character(" ")][i % 3]])
        }
        #expect(Array(seen.prefix(slides.count)) == slides)
        #expect(seen.last == .summary)  // stops at the end
        press(&s, [.left, .pageUp, .backspace])
        #expect(s.pane(SpotlightPane.self)!.position == slides.count - 4)
        press(&s, [.character("g")])
        #expect(s.pane(SpotlightPane.self)!.position == 0)
        press(&s, [.end])
        #expect(s.pane(SpotlightPane.self)!.slide(s.context) == .summary)
        press(&s, [.escape])
        #expect(s.pane == .uptake)
    }

    @Test func pOpensTheSelectedSeries() {
        let s = spotlight(80, 24)
        let pane = s.pane(SpotlightPane.self)!
        guard case .series(let r) = pane.slide(s.context) else { Issue.record("not a series slide"); return }
        #expect(s.index.table.rows[r].series.partner == "VCKC")
        // `p` again on the spotlight changes nothing; Esc goes back to the Uptake pane.
        var t = s
        press(&t, [.character("p")])
        #expect(t.currentPane.id == "spotlight")
        press(&t, [.escape])
        #expect(t.pane == .uptake)
    }

    @Test func bigDigitsRows() {
        let d = BigDigits("1.5%", scaleX: 1, scaleY: 1, style: .plain, glyphs: .ascii)
        #expect(d.rows() == [
            " #    ### # #",
            "##    #     #",
            " #    ###  # ",
            " #      # #  ",
            "### # ### # #",
        ])
        #expect(d.width == 13)
        let big = BigDigits("7", scaleX: 2, scaleY: 2, style: .plain, glyphs: .unicode)
        #expect(big.rows().count == 10)
        #expect(big.rows()[0] == "██████")
    }

    @Test func everyThemeDrawsTheSpotlight() {
        for theme in Theme.builtIns {
            var s = spotlight(80, 24)
            while s.theme.name != theme.name { update(&s, .cycleTheme) }
            #expect(flat(render(s)).contains("excludes no change"))
        }
    }
}

extension SpotlightTests {
    /// `uptake present` opens before the data is loaded: the first load must start on the first series, not the summary.
    @Test func presentOpensOnTheFirstSeriesAfterTheFirstLoad() {
        var placeholder = Dataset(metadata: DatasetMetadata(), origin: "loading")
        placeholder.metadata.title = "Loading"
        var s = AppState(dataset: placeholder, width: 80, height: 24)
        update(&s, .openSpotlight)
        update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "")))
        #expect(s.pane(SpotlightPane.self)!.slide(s.context) == .series(0))
        // A reload on the summary stays on the summary; on a series, stays on that series.
        press(&s, [.character("G")])
        update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later")))
        #expect(s.pane(SpotlightPane.self)!.slide(s.context) == .summary)
    }
}
