import Foundation
import Testing
import UptakeCore

@Suite struct HostileDataTests {
    static let hostile = "\u{1B}]0;pwned\u{07}Evil\u{1B}[2J"

    /// A dataset whose partner (in partners.csv and uptake.csv) is the hostile name, quoted as CSV.
    let dataset: Dataset = {
        let name = CSVWriter.escape(hostile)
        return loadDataset([
            "dataset.toml": "title = \"T\"\n",
            "partners.csv": "partner,residents_reached\n\(name),10\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n\(name),Ward,2024-01,100,30\n\(name),Ward,2024-07,100,40\n\(name),Ward,2024-13,100,40\n",
        ])
    }()

    @Test func loadsTheExactName() {
        #expect(dataset.series.map(\.partner) == [Self.hostile])
        #expect(dataset.partners.map(\.name) == [Self.hostile])
        // The bad period row gives a diagnostic; its message must be terminal-safe too.
        #expect(dataset.errors(in: "uptake.csv").count == 1)
    }

    @Test(arguments: [ReportFormat.text, .markdown])
    func textAndMarkdownHoldNoControlBytes(_ format: ReportFormat) {
        let out = Report(dataset: dataset).render(format)
        let bytes = Array(out.utf8)
        #expect(!bytes.contains(0x1B), "\(format) holds ESC")
        #expect(!bytes.contains(0x07), "\(format) holds BEL")
        #expect(out.contains("Evil"))
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A }, "\(format) holds a C0 control other than LF")
    }

    @Test func checkSummaryHoldsNoControlBytes() {
        let bytes = Array(CheckSummary(dataset: dataset).text.utf8)
        #expect(!bytes.contains(0x1B))
        #expect(!bytes.contains(0x07))
    }

    @Test func diagnosticsQuoteTheValueSafely() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": uptakeHeader + "A,W,2024-01,\(CSVWriter.escape(Self.hostile)),1,\n"])
        let message = d.errors(in: "uptake.csv").first?.message ?? ""
        #expect(message.contains("Evil"))
        #expect(!message.utf8.contains(0x1B))
        #expect(!message.utf8.contains(0x07))
    }

    @Test func csvKeepsTheExactString() throws {
        let out = Report(dataset: dataset).render(.csv)
        #expect(out.contains(Self.hostile))
        let records = CSVReader.parse(Array(out.utf8)).records
        try #require(records.count == 2)
        #expect(records[1].fields[0] == Self.hostile)
    }

    @Test func jsonEscapesTheControls() throws {
        let out = Report(dataset: dataset).render(.json)
        #expect(!out.utf8.contains(0x1B))
        #expect(!out.utf8.contains(0x07))
        #expect(out.contains(#""partner": "\u001b]0;pwned\u0007Evil\u001b[2J""#))
        // And it decodes back to the exact string.
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let series = try #require(object?["series"] as? [[String: Any]])
        #expect(series.first?["partner"] as? String == Self.hostile)
    }

    @Test func markdownPipesAreEscaped() {
        let d = loadDataset(["partners.csv": "partner\nA|B\n", "uptake.csv": uptakeHeader + "A|B,W,2024-01,100,30,\n"])
        let md = Report(dataset: d).render(.markdown)
        #expect(md.contains("A\\|B"))
        let tableRow = md.split(separator: "\n").first { $0.contains("A\\|B") && $0.hasPrefix("|") }
        #expect(tableRow != nil)
    }
}
