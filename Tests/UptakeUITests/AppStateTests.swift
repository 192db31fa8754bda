import Testing
import UptakeCore
@testable import UptakeUI

@Suite struct AppStateTests {
    @Test func filterVCShowsOnlyVCKCAndEnterOpensItsRecord() {
        var s = sampleState(80, 24)
        press(&s, chars("2/vc"))
        #expect(s.pane == .uptake)
        #expect(s.uptake.filter.editing)
        #expect(s.uptake.rows.map { s.index.table.rows[$0].series.partner } == ["VCKC"])
        press(&s, [.enter])  // commits the filter
        #expect(!s.uptake.filter.editing && s.uptake.filter.text == "vc")
        press(&s, [.enter])  // opens the record
        #expect(s.pane == .partners)
        #expect(s.openPartner.map { s.index.partners[$0].name } == "VCKC")
        press(&s, [.escape])
        #expect(s.openPartner == nil && s.pane == .uptake)  // back where the record was opened, filter kept
        #expect(s.uptake.filter.text == "vc")
    }

    @Test func qWhileEditingFilterTypesQ() {
        var s = sampleState(80, 24)
        press(&s, chars("2/q?"))
        #expect(s.uptake.filter.text == "q?")
        #expect(!s.quitRequested && !s.helpVisible)
        press(&s, [.escape])
        #expect(s.uptake.filter.text == "" && !s.uptake.filter.editing)
        #expect(action(for: .character("q"), in: s) == .quit)
    }

    @Test func sortCyclesAndReverses() {
        var s = sampleState(120, 40)
        press(&s, chars("2s"))
        #expect(s.uptake.sortColumn == UptakeColumn.partner.rawValue)
        let names = s.uptake.rows.map { s.index.table.rows[$0].series.partner }
        #expect(names == ["Advocacy Project", "Groundswell Health", "VCKC"])
        press(&s, chars("S"))
        #expect(s.uptake.rows.map { s.index.table.rows[$0].series.partner } == names.reversed())
    }

    @Test func clickHeaderSortsAndClickRowSelectsThenOpens() {
        var s = sampleState(120, 40)
        update(&s, .selectPane(1))
        let g = uptakeGeometry(s)
        let col = g.columns.firstIndex(of: .changePP)!
        let x = g.widget.columnRanges(area: g.list.table)[col].lowerBound
        click(&s, x: x, y: g.list.table.y)
        #expect(s.uptake.sortColumn == UptakeColumn.changePP.rawValue)
        // A change sorts largest first (its natural order).
        #expect(s.uptake.rows.map { s.index.table.rows[$0].series.partner } == ["VCKC", "Advocacy Project", "Groundswell Health"])
        click(&s, x: 5, y: g.list.table.y + 3)
        #expect(s.uptake.table.selected == 2)
        click(&s, x: 5, y: g.list.table.y + 3)
        #expect(s.pane == .partners && s.openPartner.map { s.index.partners[$0].name } == "Groundswell Health")
    }

    @Test func helpToggles() {
        var s = sampleState(80, 24)
        press(&s, chars("?"))
        #expect(s.helpVisible)
        press(&s, chars("?"))
        #expect(!s.helpVisible)
    }

    @Test func tabCyclesThroughAllPanes() {
        var s = sampleState(80, 24)
        var seen: [Pane] = [s.pane!]
        for _ in 0..<7 { press(&s, [.tab]); seen.append(s.pane!) }
        #expect(seen.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6, 0])
        press(&s, [.backTab])
        #expect(s.pane == .insights)
    }

    @Test func clickOnTabFourSelectsInequalities() {
        var s = sampleState(80, 24)
        let x = s.tabBar.tabRanges(area: s.layout.tabs)[3].lowerBound + 1
        click(&s, x: x, y: 0)
        #expect(s.pane == .inequalities)
    }

    @Test func resizeToTinyRendersOnlyTheMessage() {
        var s = sampleState(80, 24)
        update(&s, .resize(30, 8))
        let lines = render(s).lines()
        #expect(lines.count == 8)
        #expect(lines.joined().contains("60×16"))
        #expect(lines.allSatisfy { TerminalText.width($0) == 30 })
    }

    @Test func everySizeRendersWithoutCrashing() {
        var s = sampleState(80, 24)
        for (w, h) in [(0, 0), (1, 1), (2, 1), (59, 15), (60, 16), (61, 17), (200, 60)] {
            update(&s, .resize(w, h))
            for p in 0..<s.panes.count {
                update(&s, .selectPane(p))
                let b = render(s)
                #expect(b.width == w && b.height == h)
                for line in b.lines() { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }) }
            }
        }
    }

    @Test func partnersListHasEveryPartnerAndSurveyOnlyOnes() {
        let s = sampleState(80, 24)
        #expect(s.index.partners.count == 12)
        let mosaic = s.index.partners.first { $0.name == "Mosaic" }!
        #expect(mosaic.surveys.count == 1 && mosaic.series.isEmpty)
        let forward = s.index.partners.first { $0.name == "FORWARD" }!
        #expect(forward.caseStudies.count == 1)
    }

    @Test func recurringPrinciplesAreFound() {
        let s = sampleState(80, 24)
        let texts = s.index.recurring.map { s.dataset.principles[$0.first].text }
        #expect(texts.contains { $0.hasPrefix("Provide clear and accessible public information") })
        #expect(texts.contains { $0.hasPrefix("Work with Healthwatch") })
    }

    /// Every recurring pair on the sample data, as (first, second) prefixes: the three verbatim or near-verbatim
    /// pairs, and Lancashire's community-development principle with both Black Country wordings of it.
    @Test func recurringPairsOnTheSampleDataAreExactlyThese() {
        let s = sampleState(80, 24)
        let p = s.dataset.principles
        let pairs = s.index.recurring.map { (String(p[$0.first].text.prefix(24)), String(p[$0.second].text.prefix(24))) }
        let expected = [
            ("Provide clear and access", "Provide clear and access"),
            ("Work with Healthwatch an", "Work with Healthwatch an"),
            ("Invest in community deve", "Invest in community deve"),
            ("Invest in community deve", "Use community developmen"),
            ("Invest in community deve", "Use community developmen"),
        ]
        #expect(pairs.count == expected.count)
        for (a, b) in expected { #expect(pairs.contains { $0 == (a, b) }) }
        let lancashire = s.index.recurring.filter { p[$0.second].text.hasPrefix("Use community development") }
        #expect(Set(lancashire.map { p[$0.first].framework }) == ["Black Country ICS involvement principles", "Black Country ICB involvement: what good looks like"])
    }


    @Test func themeCyclesAndQuitIsAnEffect() {
        var s = sampleState(80, 24)
        let first = s.theme.name
        press(&s, chars("t"))
        #expect(s.theme.name != first)
        #expect(update(&s, .quit) == [.quit])
        #expect(s.quitRequested)
    }

    @Test func reloadKeepsPaneAndFilter() {
        var s = sampleState(80, 24)
        press(&s, chars("2/vc") + [.enter])
        update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later")))
        #expect(s.pane == .uptake && s.uptake.rows.count == 1 && s.loadedAt == "later")
    }

    @Test func syntheticHundredThousandSeriesSortAndFilter() {
        var series: [UptakeSeries] = []
        series.reserveCapacity(100_000)
        let p1 = Period("2023-12")!, p2 = Period("2024-07")!
        for i in 0..<100_000 {
            let a = Double(i % 97) / 2, b = Double(i % 89) / 2
            series.append(UptakeSeries(partner: "Partner \(i % 1000)", proxyPopulation: "Ward \(i)", programme: .bowel, observations: [
                UptakeObservation(period: p1, eligible: 100 + i % 50, screened: nil, uptakePct: a, line: 2 * i + 2),
                UptakeObservation(period: p2, eligible: 100 + i % 60, screened: nil, uptakePct: b, line: 2 * i + 3),
            ]))
        }
        var s = AppState(dataset: Dataset(series: series, origin: "synthetic"), width: 200, height: 60)
        update(&s, .selectPane(1))
        send(&s, .pane(.sortBy(UptakeColumn.changePP.rawValue)))
        #expect(s.uptake.rows.count == 100_000)
        press(&s, chars("/ward 9999"))
        #expect(s.uptake.rows.count == 11)  // Ward 9999 and Ward 99990-99999
        _ = render(s)
    }

    /// The partner on the line the selection marker is drawn on.
    static func markedPartner(_ s: AppState) -> String? {
        let marker = s.glyphs.selectionMarker
        guard let line = render(s).lines().first(where: { $0.dropFirst().hasPrefix(marker) }) else { return nil }
        return ["Advocacy Project", "VCKC", "Groundswell Health"].first { line.contains($0.prefix(12)) }
    }

    @Test func selectionFollowsItsSeriesAcrossSortAndFilter() {
        var s = sampleState(80, 24)
        press(&s, chars("2j"))
        #expect(Self.markedPartner(s) == "VCKC")
        send(&s, .pane(.sortBy(UptakeColumn.changePP.rawValue)))  // largest change first: VCKC, Advocacy, Groundswell
        #expect(s.uptake.table.selected == 0)
        #expect(s.uptake.selectedRow.map { s.index.table.rows[$0].series.partner } == "VCKC")
        #expect(Self.markedPartner(s) == "VCKC")
        press(&s, chars("S"))  // reversed: VCKC last
        #expect(s.uptake.table.selected == 2 && Self.markedPartner(s) == "VCKC")
        press(&s, chars("/v"))  // VCKC still shown
        #expect(Self.markedPartner(s) == "VCKC")
        press(&s, chars("ck") + [.enter])
        #expect(Self.markedPartner(s) == "VCKC")
        press(&s, [.escape])  // clears the filter: VCKC stays selected
        #expect(s.uptake.rows.count == 3 && Self.markedPartner(s) == "VCKC")
        press(&s, chars("/groundswell"))  // VCKC hidden: the first match is selected
        #expect(Self.markedPartner(s) == "Groundswell Health")
    }

    @Test func partnerSelectionFollowsItsPartnerAcrossSort() {
        var s = sampleState(80, 24)
        press(&s, chars("3jjj"))  // Mosaic
        #expect(s.partners.selectedRow.map { s.index.partners[$0].name } == "Mosaic")
        send(&s, .pane(.sortBy(PartnerColumn.name.rawValue)))
        #expect(s.partners.selectedRow.map { s.index.partners[$0].name } == "Mosaic")
    }
}

@Suite struct RecordReturnTests {
    @Test func escFromARecordOpenedOnUptakeReturnsToUptake() {
        var s = AppState(dataset: DatasetLoader.load(from: EmbeddedSampleData.source), width: 120, height: 40)
        _ = update(&s, .selectPane(1))
        send(&s, .pane(.move(1)))
        send(&s, .pane(.open))
        #expect(s.pane == .partners)
        #expect(s.openPartner != nil)
        #expect(render(s).lines()[1].contains("Esc: back to Uptake"))
        send(&s, .back)
        #expect(s.pane == .uptake)
        #expect(s.openPartner == nil)
        #expect(s.uptake.table.selected == 1)
    }

    @Test func escFromARecordOpenedOnPartnersStaysOnPartners() {
        var s = AppState(dataset: DatasetLoader.load(from: EmbeddedSampleData.source), width: 120, height: 40)
        _ = update(&s, .selectPane(2))
        send(&s, .pane(.open))
        #expect(s.openPartner != nil)
        send(&s, .back)
        #expect(s.pane == .partners)
        #expect(s.openPartner == nil)
    }
}

@Test func enterOpensARecordForAPartnerOnlyInUptake() {
    let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
        "partners.csv": "partner,residents_reached\nA,1e3\n",
        "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,100,50\nA,W,2024-06,100,60\n",
    ]))
    var s = AppState(dataset: d, width: 100, height: 30)
    _ = update(&s, .selectPane(1))
    send(&s, .pane(.open))
    #expect(s.pane == .partners)
    #expect(s.openPartner.map { s.index.partners[$0].name } == "A")
}
