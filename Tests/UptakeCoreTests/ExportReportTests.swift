import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import UptakeCore

/// `report --format svg|html` and `--table NAME`: well-formed, escaped, one table at a time.
@Suite struct ExportReportTests {
    static let hostile = "<script>alert(\"x\")</script> & Sons \u{1B}]0;pwned\u{07}"

    let sample = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source))

    /// A dataset whose partner, population and indicator carry markup and control bytes.
    let hostileReport: Report = {
        let name = CSVWriter.escape(hostile)
        return Report(dataset: loadDataset([
            "dataset.toml": "title = \"T <b>bold</b>\"\n",
            "partners.csv": "partner,residents_reached\n\(name),10\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n\(name),\(name),2024-01,100,30\n\(name),\(name),2024-07,100,40\n",
            "indicators.csv": "indicator,title,group,value,unit,source,caveats\nx,\(name),\(name),3,%,\(name),\(name)\n",
        ]))
    }()

    /// Parses `text` as XML; nil when well-formed, else the parser's error.
    func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
    }

    @Test func svgIsWellFormedXML() {
        let svg = sample.render(.svg)
        #expect(xmlError(svg) == nil)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("VCKC"))
        #expect(svg.contains("<title"))
        #expect(!svg.lowercased().contains("<script"))
    }

    @Test func svgEscapesAHostilePartner() {
        let svg = hostileReport.render(.svg)
        #expect(xmlError(svg) == nil, "\(xmlError(svg) ?? "")")
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(!svg.utf8.contains(0x1B) && !svg.utf8.contains(0x07))
    }

    @Test func htmlIsOnePageWithoutScriptsOrExternalFiles() {
        let html = sample.render(.html)
        #expect(xmlError(html) == nil, "\(xmlError(html) ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"))
        #expect(html.contains("<caption>") && html.contains("<th scope=\"col\">") && html.contains("<th scope=\"row\">"))
        #expect(html.contains("<svg"))
        // The model's sentence, and its honest words.
        let vckc = sample.table.rows.first { $0.series.partner == "VCKC" }!
        #expect(html.contains(HTMLReport.escape(vckc.statement(labels: sample.dataset.metadata))))
        #expect(!html.lowercased().contains("statistically significant"))
        #expect(html.contains("Source:"))
        #expect(html.contains("Data checks"))
    }

    @Test func htmlShowsAScriptInTheDataAsText() {
        let html = hostileReport.render(.html)
        #expect(xmlError(html) == nil, "\(xmlError(html) ?? "")")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
    }

    @Test(arguments: ReportTable.allCases)
    func eachTableOnItsOwn(_ table: ReportTable) throws {
        let csv = String(decoding: sample.renderTable(table, format: .csv), as: UTF8.self)
        let records = CSVReader.parse(Array(csv.utf8)).records
        #expect(!records.isEmpty)
        let expected = sample.exportTable(table).rows.count
        #expect(records.count == expected + 1)
        let json = sample.renderTable(table, format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        #expect(object?["table"] as? String == table.rawValue)
        #expect((object?["rows"] as? [Any])?.count == expected)
        let md = String(decoding: sample.renderTable(table, format: .markdown), as: UTF8.self)
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == expected + 2)
        let html = String(decoding: sample.renderTable(table, format: .html), as: UTF8.self)
        #expect(xmlError(html) == nil)
    }

    @Test func uptakeTableCSVIsTheReportsCSV() {
        #expect(sample.renderTable(.uptake, format: .csv) == sample.csvBytes())
    }
}
