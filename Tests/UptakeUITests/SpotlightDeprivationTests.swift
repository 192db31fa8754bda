import Foundation
import Testing
import UptakeCore
@testable import UptakeUI

/// The spotlight's slope-index slides, on the illustrative deprivation dataset (invented figures, labelled so).
@Suite struct SpotlightDeprivationTests {
    static let dataset: Dataset = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // Read into memory under a relative origin, so the status bar (and the goldens) do not name this machine's path.
        let dir = root.appendingPathComponent("sample-data/examples/deprivation")
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".csv") || name.hasSuffix(".toml") {
            files[name] = (try? Data(contentsOf: dir.appendingPathComponent(name))).map { Array($0) }
        }
        return DatasetLoader.load(from: InMemorySource(origin: "sample-data/examples/deprivation", rawFiles: files))
    }()

    /// The spotlight open on its first slope-index slide.
    func firstDeprivationSlide(_ w: Int, _ h: Int) -> AppState {
        var s = AppState(dataset: Self.dataset, theme: Theme.builtIn(named: "high-contrast")!, width: w, height: h, loadedAt: "2025-01-31 09:00")
        press(&s, [.character("p")])
        let skip = s.index.table.rows.count + s.dataset.indicators.count
        for _ in 0..<skip { press(&s, [.right]) }
        return s
    }

    @Test func golden() {
        for (w, h) in [(80, 24), (120, 40)] {
            checkGolden("spotlight-deprivation-\(w)x\(h)", render(firstDeprivationSlide(w, h)))
        }
    }

    @Test func oneSlidePerAreaAndProgrammeAtItsLatestPeriod() throws {
        let s = firstDeprivationSlide(120, 40)
        let context = s.context
        let rows = SpotlightPane.deprivationRows(context)
        #expect(!rows.isEmpty)
        let keys = rows.map { context.index.inequality.rows[$0].group }.map { "\($0.area)|\($0.programme?.rawValue ?? "")|\($0.subgroup ?? "")" }
        #expect(Set(keys).count == keys.count)
        for i in rows {
            let g = context.index.inequality.rows[i].group
            #expect(!context.index.inequality.rows.contains { $0.group.area == g.area && $0.group.programme == g.programme
                && $0.group.subgroup == g.subgroup && $0.group.period > g.period })
        }
        // The slide says the model's own sentence with its interval, and where the figures come from.
        let first = context.index.inequality.rows[rows[0]]
        let text = render(s).lines().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Inequality by deprivation: " + first.group.area))
        #expect(text.contains("95% interval"))
        #expect(text.contains("Source: " + (first.group.source ?? "")))
        #expect(render(s).lines().contains { $0.contains("█") })
    }
}
