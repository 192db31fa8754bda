import Foundation
import Testing
import UptakeCore
import UptakeTestSupport

/// Golden files of `uptake report` on the embedded sample data.
///
/// Run with `UPTAKE_RECORD=1 swift test --filter ReportGoldenTests` to re-record;
/// a recording run fails on purpose so it is never mistaken for a pass.
@Suite struct ReportGoldenTests {
    static let goldenDirectory = Golden.directory(beside: #filePath)

    static let cases: [(ReportFormat, String)] = [(.text, "report.txt"), (.markdown, "report.md"), (.csv, "report.csv"), (.json, "report.json")]

    @Test(arguments: cases)
    func reportMatchesGolden(_ format: ReportFormat, _ name: String) {
        let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)
        #expect(dataset.origin == "embedded sample data")
        let output = Report(dataset: dataset).render(format)
        Golden.check(output, name: name, in: Self.goldenDirectory)
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
