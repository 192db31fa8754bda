import Foundation
import Testing
import UptakeCore

/// Golden files of `uptake report` on the embedded sample data.
///
/// Run with `UPTAKE_RECORD=1 swift test --filter ReportGoldenTests` to re-record;
/// a recording run fails on purpose so it is never mistaken for a pass.
@Suite struct ReportGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [(ReportFormat, String)] = [(.text, "report.txt"), (.markdown, "report.md"), (.csv, "report.csv"), (.json, "report.json")]

    @Test(arguments: cases)
    func reportMatchesGolden(_ format: ReportFormat, _ name: String) throws {
        let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)
        #expect(dataset.origin == "embedded sample data")
        let output = Report(dataset: dataset).render(format)
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPTAKE_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try output.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.path) (UPTAKE_RECORD=1): inspect and commit it, then run again without UPTAKE_RECORD")
            return
        }
        let golden = try #require(try? String(contentsOf: url, encoding: .utf8),
                                  "missing golden file \(url.path): record it with UPTAKE_RECORD=1")
        if output != golden {
            let a = output.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = firstDiff.map { "line \($0.offset + 1):\n  got:      \($0.element.0)\n  expected: \($0.element.1)" }
                ?? "lengths differ: \(a.count) lines vs \(b.count) golden lines"
            Issue.record("\(name) differs from its golden file (\(where_)); re-record with UPTAKE_RECORD=1 if the change is intended")
        }
    }

    @Test func renderingIsDeterministic() {
        for format in ReportFormat.allCases {
            let a = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source)).render(format)
            let b = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source)).render(format)
            #expect(a == b, "\(format)")
        }
    }

    @Test func jsonIsValid() throws {
        let json = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source)).render(.json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let series = try #require(object?["series"] as? [[String: Any]])
        #expect(series.count == 3)
        #expect(series.map { $0["partner"] as? String } == ["Advocacy Project", "VCKC", "Groundswell Health"])
        #expect((object?["dataset"] as? [String: Any])?["origin"] as? String == "embedded sample data")
    }
}
