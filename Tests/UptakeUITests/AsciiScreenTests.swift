import Testing
import UptakeCore
@testable import UptakeUI

/// Issue 12: in ASCII the dashboard draws `->` for `→` and `*` for `✓`, and the wider stand-ins still fit.
@Suite struct AsciiScreenTests {
    static func asciiState(_ w: Int, _ h: Int) -> AppState {
        AppState(dataset: DatasetLoader.load(from: EmbeddedSampleData.source), glyphs: .ascii, width: w, height: h, loadedAt: "now")
    }

    @Test func partnerRecordRoundingCheckReadsAsAnArrow() {
        var s = Self.asciiState(120, 60)
        press(&s, [.character("2"), .enter])
        let lines = render(s).lines()
        let text = lines.joined(separator: "\n")
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(text.contains("30.8% -> 35.6%"), "\(text)")
        #expect(!text.contains("30.8% > 35.6%"))
        #expect(lines.allSatisfy { $0.count == 120 })
        // Every line of the record keeps its right border: the wider arrow did not push text out.
        for line in lines.dropFirst(2).dropLast(2) where line.hasPrefix("|") { #expect(line.hasSuffix("|"), "\(line)") }
    }

    @Test func significantTickIsAStar() {
        var s = Self.asciiState(120, 40)
        press(&s, [.character("2")])
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("yes *"))
        #expect(!text.contains("yes +"))
    }

    /// The help overlay's key column is measured as drawn: "Tab / l / ->" is one column wider than with `→`.
    @Test func helpKeysAlignInASCII() {
        var s = Self.asciiState(120, 60)
        press(&s, [.character("?")])
        let lines = render(s).lines()
        let rows = lines.filter { $0.contains("Tab / l / ->") || $0.contains("next pane") }
        #expect(rows.contains { $0.contains("Tab / l / ->") && $0.contains("next pane") }, "\(lines.joined(separator: "\n"))")
        // The descriptions of all entries start in one column.
        let entries = lines.filter { $0.contains("  quit") || $0.contains("next pane") || $0.contains("help") && $0.contains("?  ") }
        let starts = Set(entries.compactMap { line -> Int? in
            guard let r = line.range(of: "next pane") ?? line.range(of: "quit") else { return nil }
            return line.distance(from: line.startIndex, to: r.lowerBound)
        })
        #expect(starts.count <= 1, "\(entries)")
    }
}
