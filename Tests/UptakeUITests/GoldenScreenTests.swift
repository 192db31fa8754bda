import Testing
import UptakeCore
@testable import UptakeUI

@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: Pane.allCases)
    func everyPane(_ pane: Pane) {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            send(&s, .selectPane(pane.rawValue))
            checkGolden("pane\(pane.rawValue + 1)-\(pane.title.lowercased().replacingOccurrences(of: " ", with: "-"))-\(w)x\(h)", render(s))
        }
    }

    @Test func partnerRecord() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("2"), .enter])
            checkGolden("partner-record-\(w)x\(h)", render(s))
        }
    }

    @Test func helpOverlay() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("2"), .character("?")])
            checkGolden("help-\(w)x\(h)", render(s))
        }
    }

    @Test func diagnosticsOverlay() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("d")])
            checkGolden("diagnostics-\(w)x\(h)", render(s))
        }
    }

    @Test func filteredUptake() {
        var s = sampleState(80, 24)
        press(&s, chars("2/vc"))
        checkGolden("uptake-filter-editing-80x24", render(s))
    }

    @Test func tooSmall() {
        checkGolden("too-small-40x10", render(sampleState(40, 10)))
    }

    @Test func hostileRows() {
        checkGolden("hostile-uptake-80x24", render({ var s = hostileState(); update(&s, .selectPane(1)); return s }()))
        checkGolden("hostile-partners-80x24", render({ var s = hostileState(); update(&s, .selectPane(2)); return s }()))
    }
}

/// A dataset with wide characters and hostile text in partner names.
func hostileDataset() -> Dataset {
    let names = ["健康コミュニティ", "🌍 Global Health", "\u{1B}]0;pwned\u{07}Evil", "\u{202E}evil"]
    var partners: [PartnerRecord] = []
    var series: [UptakeSeries] = []
    for (i, n) in names.enumerated() {
        var p = PartnerRecord(name: n, line: i + 2)
        p.area = i % 2 == 0 ? "東京 Area" : "Leeds\u{1B}[31m"
        p.kind = "VCS"
        p.residentsReached = 100 * (i + 1)
        partners.append(p)
        let obs = [UptakeObservation(period: Period("2023-12")!, eligible: 200 + i, screened: nil, uptakePct: 40 + Double(i), line: 2 * i + 2),
                   UptakeObservation(period: Period("2024-07")!, eligible: 210 + i, screened: nil, uptakePct: 45 - Double(i * 3), line: 2 * i + 3)]
        series.append(UptakeSeries(partner: n, proxyPopulation: "群 \(i) \u{1B}[2J", programme: .breast, observations: obs))
    }
    var meta = DatasetMetadata()
    meta.title = "Hostile \u{1B}[5mdata"
    return Dataset(metadata: meta, partners: partners, series: series, origin: "test \u{07}data")
}

func hostileState() -> AppState { AppState(dataset: hostileDataset(), width: 80, height: 24, loadedAt: "now") }
