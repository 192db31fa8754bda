import Foundation
import Testing
import UptakeCore
@testable import UptakeUI

/// Golden screens: the text of whole frames, committed under `Golden/`.
///
/// Re-record on purpose with `UPTAKE_RECORD=1 swift test --filter UptakeUITests`
/// (the tests then fail with "recorded" so a recording is never mistaken for a pass),
/// and read every recorded file by eye before committing it.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["UPTAKE_RECORD"] == "1" }

    static func check(_ name: String, _ buffer: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = buffer.lines().joined(separator: "\n") + "\n"
        let url = directory.appendingPathComponent(name + ".txt")
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).txt", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(url.path); record with UPTAKE_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != text else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff = "golden \(name).txt differs (re-record with UPTAKE_RECORD=1 if intended):\n"
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : nil) != (i < a.count ? a[i] : nil) {
            diff += "line \(i + 1):\n- \(i < e.count ? String(e[i]) : "<none>")\n+ \(i < a.count ? String(a[i]) : "<none>")\n"
        }
        Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
    }
}

/// The sample dataset, loaded once.
let sampleDataset = DatasetLoader.load(from: EmbeddedSampleData.source)

func sampleState(_ w: Int, _ h: Int) -> AppState {
    AppState(dataset: sampleDataset, width: w, height: h, loadedAt: "2025-01-31 09:00")
}

/// Sends each key through the key map and `update`.
func press(_ state: inout AppState, _ keys: [Key]) {
    for k in keys { if let a = action(for: k, in: state) { update(&state, a) } }
}

func chars(_ s: String) -> [Key] { s.map { Key.character($0) } }

@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: Pane.allCases)
    func everyPane(_ pane: Pane) {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            update(&s, .selectPane(pane.rawValue))
            Golden.check("pane\(pane.rawValue + 1)-\(pane.title.lowercased().replacingOccurrences(of: " ", with: "-"))-\(w)x\(h)", render(s))
        }
    }

    @Test func partnerRecord() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("2"), .enter])
            Golden.check("partner-record-\(w)x\(h)", render(s))
        }
    }

    @Test func helpOverlay() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("2"), .character("?")])
            Golden.check("help-\(w)x\(h)", render(s))
        }
    }

    @Test func diagnosticsOverlay() {
        for (w, h) in Self.sizes {
            var s = sampleState(w, h)
            press(&s, [.character("d")])
            Golden.check("diagnostics-\(w)x\(h)", render(s))
        }
    }

    @Test func filteredUptake() {
        var s = sampleState(80, 24)
        press(&s, chars("2/vc"))
        Golden.check("uptake-filter-editing-80x24", render(s))
    }

    @Test func tooSmall() {
        Golden.check("too-small-40x10", render(sampleState(40, 10)))
    }

    @Test func hostileRows() {
        Golden.check("hostile-uptake-80x24", render({ var s = hostileState(); update(&s, .selectPane(1)); return s }()))
        Golden.check("hostile-partners-80x24", render({ var s = hostileState(); update(&s, .selectPane(2)); return s }()))
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
