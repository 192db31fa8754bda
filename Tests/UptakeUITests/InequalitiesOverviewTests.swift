import Foundation
import Testing
@testable import UptakeCore
@testable import UptakeUI

/// The whole of a document as text lines, drawn `width` wide.
func documentText(_ doc: Document, width: Int) -> [String] {
    var buffer = Buffer(width: width, height: max(1, doc.lines.count))
    doc.render(into: &buffer, area: buffer.area, offset: 0)
    return buffer.lines()
}

@Suite struct InequalitiesOverviewTests {
    static func blocks(_ line: String) -> Int { line.filter { $0 == "█" }.count }

    @Test func percentBarsAreOnZeroToHundred() {
        let s = sampleState(100, 40)
        let lines = documentText(InequalitiesPane.document(s.context, indicators: s.dataset.indicators, width: 100), width: 100)
        let ltc = lines.first { $0.contains("People living in disadvantaged communities █") }!
        // 100 − indent 2 − label 42 − spaces − "34%": a 50-cell bar; 34% of it is 17 cells, not all 50.
        #expect((16...18).contains(Self.blocks(ltc)))
        let westminster = lines.first { $0.hasPrefix("  Westminster ") }!, rbkc = lines.first { $0.hasPrefix("  RBKC ") }!
        #expect(Self.blocks(westminster) < 30 && Self.blocks(rbkc) < Self.blocks(westminster))
        #expect(!lines.contains { $0.contains("children") && $0.contains("Bars to scale") })
    }

    @Test func gapAndRatioAreBarsAndOtherUnitsSayTheirScale() {
        let s = sampleState(100, 40)
        let lines = documentText(InequalitiesPane.document(s.context, indicators: s.dataset.indicators, width: 100), width: 100)
        let gap = lines.first { $0.hasPrefix("  Gap ") && $0.contains("█") }
        let ratio = lines.first { $0.hasPrefix("  Ratio ") && $0.contains("█") }
        #expect(gap?.hasSuffix("−8.4 years ") == true)
        #expect(ratio?.contains("0.90×") == true)
        #expect(lines.contains { $0.contains("a full bar is the largest value, 82.9 years") })
        // The gap bar is on the groups' scale: 8.4 of 82.9 is about a tenth of the Streetly bar.
        let streetly = lines.first { $0.hasPrefix("  Streetly (males)") }!
        #expect(Self.blocks(gap!) * 8 < Self.blocks(streetly))
    }

    @Test func oneHeadlinePerIndicatorFromTheData() {
        let h = InequalityHeadlines.headlines(sampleDataset.indicators)
        #expect(h == [
            "Bi-borough life expectancy gap: up to 18 years (most deprived vs most affluent wards)",
            "Children living in poverty: Westminster almost 33.3%, RBKC 25%",
            "Bi-borough, Black vs White ethnic background: rate of hypertension almost 2×, diabetes almost 3×, obesity almost 3×",
            "Rates of depression are higher among residents from a Black and Black British or Mixed (particularly Caribbean) background.",
            "Walsall is one of the 20% most deprived districts in England",
            "Walsall life expectancy gap: Men 10.4, Women 8.8 years",
            "Walsall male life expectancy, Blakenall vs Streetly (males): gap −8.4 years",
            "Walsall managing a long term illness or disability that negatively impacts day to day life: 34% (People living in disadvantaged communities)",
        ])
        let overview = documentText(OverviewPane.document(sampleState(120, 40).context, width: 118, height: 38), width: 118).joined(separator: "\n")
        for line in h { #expect(overview.contains(String(line.prefix(40)))) }
    }

    @Test func headlinesFollowTheDataNotTheSample() {
        func g(_ name: String, _ v: Double?, _ m: IndicatorGroup.Measure = .value, role: IndicatorGroup.Role? = nil, q: String? = nil) -> IndicatorGroup {
            IndicatorGroup(name: name, value: v, measure: m, role: role, qualifier: q, asStated: nil, line: 2)
        }
        func ind(_ title: String, _ place: String?, _ unit: String?, _ groups: [IndicatorGroup]) -> Indicator {
            Indicator(id: title, title: title, place: place, category: nil, unit: unit, year: nil, source: nil, caveats: nil, groups: groups)
        }
        let h = InequalityHeadlines.headlines([
            ind("Smoking: Ward A vs Ward B", "Leeds", "%", [g("Ward B", 10, role: .reference), g("Ward A", 25, role: .comparison)]),
            ind("Rate of asthma: Group X vs Group Y", "York", "ratio", [g("Group X vs Group Y", 1.5, .ratio, q: "about")]),
            ind("Rate of COPD: Group X vs Group Y", "York", "ratio", [g("Group X vs Group Y", 2, .ratio)]),
            ind("Unknown", nil, nil, [g("Everyone", nil)]),
        ])
        #expect(h == [
            "Leeds smoking, Ward A vs Ward B: gap +15%",
            "York, Group X vs Group Y: rate of asthma about 1.5×, COPD 2×",
            "Unknown: no figure given",
        ])
    }

    @Test func undefinedTotalIsADashAndTheProgrammeIsDescribed() {
        var ds = sampleDataset
        for i in ds.partners.indices { ds.partners[i].residentsReached = nil }
        let s = AppState(dataset: ds, width: 120, height: 40)
        let text = documentText(OverviewPane.document(s.context, width: 118, height: 38), width: 118)
        #expect(text.contains { $0.hasPrefix("  —  residents reached") })
        #expect(!text.contains { $0.contains("0  residents reached") })
        let sample = documentText(OverviewPane.document(sampleState(120, 40).context, width: 118, height: 38), width: 118)
        #expect(sample.contains { $0.hasPrefix("  1,097  residents reached") })
        #expect(sample.contains { $0.hasPrefix("  About:") && $0.contains("In the bi-borough, cancer screening") })
        #expect(sample.contains { $0.hasPrefix("  Tracking:") && $0.contains("WSIC batch tracing") })
        let short = documentText(OverviewPane.document(sampleState(80, 24).context, width: 78, height: 22), width: 78)
        let about = short.firstIndex { $0.hasPrefix("  About:") }, ineq = short.firstIndex { $0.hasPrefix("Inequalities") }
        #expect(about != nil && ineq != nil && about! > ineq!)  // a short screen keeps the headlines in view first
        var none = sampleDataset
        none.metadata.description = nil
        none.metadata.evaluation = "  "
        let bare = documentText(OverviewPane.document(AppState(dataset: none, width: 120, height: 40).context, width: 118, height: 38), width: 118)
        #expect(!bare.contains { $0.contains("About:") || $0.contains("Tracking:") })
    }

    @Test func headlineFiguresAreBold() {
        let s = sampleState(120, 40)
        let b = render(s).buffer
        let y = b.lines().firstIndex { $0.contains("1,097  residents reached") }!
        let x = b.lines()[y].distance(from: b.lines()[y].startIndex, to: b.lines()[y].range(of: "1,097")!.lowerBound)
        #expect(b[x, y].style.attributes.contains(.bold))
        #expect(b[x, y].style.foreground == s.theme.accent.foreground)
        let sy = b.lines().firstIndex { $0.contains("change intervals excludes no change") }!
        let sx = b.lines()[sy].distance(from: b.lines()[sy].startIndex, to: b.lines()[sy].range(of: "1 of 3")!.lowerBound)
        #expect(b[sx, sy].style.attributes.contains(.bold))
    }
}

@Suite struct SlopeIndexPaneTests {
    /// The illustrative deprivation dataset shipped under sample-data/examples.
    static func exampleState() -> AppState {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let d = DatasetLoader.load(from: DirectorySource(path: root.appendingPathComponent("sample-data/examples/deprivation").path))
        return AppState(dataset: d, width: 110, height: 45)
    }

    @Test func inequalitiesPaneShowsSIIAndRIIWithTheirIntervals() {
        var s = Self.exampleState()
        #expect(!s.index.inequality.rows.isEmpty)
        press(&s, chars("4"))
        let text = render(s).lines().joined(separator: "\n")
        let first = s.index.inequality.rows[0]
        #expect(text.contains("percentage points higher at the least deprived end"))
        #expect(text.contains(String(first.siiStatement.prefix(40))))
        #expect(text.contains("1 (most deprived)") && text.contains("(least deprived)"))
        // One bar per quantile, each with its interval whisker.
        let bars = render(s).lines().filter { $0.contains("●") && $0.contains("% of ") }
        #expect(bars.count >= first.points.count)
        // The filter narrows to matching areas and programmes.
        press(&s, chars("/nowhere"))
        #expect(!render(s).lines().joined().contains("percentage points higher"))
    }
}
