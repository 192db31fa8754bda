import Testing
import UptakeCore
@testable import UptakeUI

/// A filter matches what the screen shows: case and accents are ignored, however the accent is encoded.
@Suite struct AccentFoldedSearchTests {
    static let names = ["Ünïcode 健康 4", "École Road", "E\u{301}cole Lane", "Łódź Friends", "Plain Partner", "ŐRSÉG"]

    static func state(width: Int = 120, height: Int = 30, ascii: Bool = false) -> AppState {
        let p1 = Period("2023-12")!, p2 = Period("2024-07")!
        let series = names.enumerated().map { i, name in
            UptakeSeries(partner: name, proxyPopulation: "Ward \(i)", programme: .bowel, observations: [
                UptakeObservation(period: p1, eligible: 100, screened: 40, uptakePct: 40, line: 2 * i + 2),
                UptakeObservation(period: p2, eligible: 100, screened: 45, uptakePct: 45, line: 2 * i + 3),
            ])
        }
        var s = AppState(dataset: Dataset(series: series, origin: "accents"), glyphs: ascii ? .ascii : .unicode, width: width, height: height)
        update(&s, .selectPane(1))
        return s
    }

    static func shown(_ s: AppState) -> [String] { s.uptake.rows.map { s.index.table.rows[$0].series.partner } }

    @Test func theUptakeFilterIgnoresAccentsAndCase() {
        var s = Self.state()
        press(&s, chars("/unicode"))
        #expect(Self.shown(s) == ["Ünïcode 健康 4"])
        press(&s, [.escape] + chars("/ecole"))
        #expect(Self.shown(s) == ["École Road", "E\u{301}cole Lane"])
        press(&s, [.escape] + chars("/ÉCOLE"))
        #expect(Self.shown(s) == ["École Road", "E\u{301}cole Lane"])
        press(&s, [.escape] + chars("/orseg"))
        #expect(Self.shown(s) == ["ŐRSÉG"])
        // A letter with no decomposition is only lower-cased: "Ł" is not "L".
        press(&s, [.escape] + chars("/łodz"))
        #expect(Self.shown(s) == ["Łódź Friends"])
        press(&s, [.escape] + chars("/lodz"))
        #expect(Self.shown(s).isEmpty)
        press(&s, [.escape] + chars("/odz"))  // as drawn under LANG=C: "?odz Friends"
        #expect(Self.shown(s) == ["Łódź Friends"])
        press(&s, [.escape] + chars("/健康"))
        #expect(Self.shown(s) == ["Ünïcode 健康 4"])
    }

    @Test func thePartnersFilterIgnoresAccentsToo() {
        var s = Self.state()
        update(&s, .selectPane(2))
        press(&s, chars("/ecole"))
        #expect(s.partners.rows.map { s.index.partners[$0].name } == ["École Road", "E\u{301}cole Lane"])
    }

    @Test func whatTheASCIIScreenShowsIsWhatTheFilterFinds() {
        var s = Self.state(ascii: true)
        let screen = render(s).lines().joined(separator: "\n")
        #expect(screen.contains("Unicode ???? 4") && screen.contains("Ecole Road") && screen.contains("Ecole Lane") && screen.contains("ORSEG"))
        press(&s, chars("/unicode ??"))
        #expect(Self.shown(s).isEmpty)  // "?" stands for what cannot be drawn; it is not the text
        press(&s, [.escape] + chars("/unicode"))
        #expect(Self.shown(s) == ["Ünïcode 健康 4"])
    }

    @Test func smallListsFoldAsTheLargeOnesDo() {
        var f = FilterField()
        f.text = "ecole"
        #expect(f.matches(["E\u{301}COLE"]) && f.matches(["x", "École"]) && !f.matches(["Ecolo"]))
    }

    @Test func keysAndNeedlesFoldAlike() {
        let keys = SearchKeys(Self.names.map { [$0] })
        for (i, name) in Self.names.enumerated() {
            #expect(keys.matches(i, SearchKeys.needle(name)))
            #expect(keys.matches(i, SearchKeys.needle(name.uppercased())))
            #expect(keys.matches(i, SearchKeys.needle(TextFold.folded(name))))
        }
    }
}
