import Testing
import UptakeCore

/// Issue 12: one count formatter everywhere in reports, and ASCII reports for a non-UTF-8 locale.
@Suite struct FirstRunReportTests {
    @Test func groupedCounts() {
        #expect(NumberFormat.grouped(0) == "0")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(1000) == "1,000")
        #expect(NumberFormat.grouped(50_000) == "50,000")
        #expect(NumberFormat.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(NumberFormat.count(1, "error") == "1 error")
        #expect(NumberFormat.count(1000, "partner") == "1,000 partners")
        #expect(NumberFormat.count(50_000, "series", plural: "series") == "50,000 series")
    }

    /// A dataset of 1,001 series with 1,000 funded partners: every count in the text report and `check` is grouped.
    @Test func reportAndCheckGroupCounts() {
        var uptake = "partner,proxy_population,period,eligible,uptake_pct\n"
        var partners = "partner,area\n"
        for i in 0..<1001 {
            partners += "P\(i),Leeds\n"
            uptake += "P\(i),Ward,2024-01,1000,50\nP\(i),Ward,2024-06,1000,\(i % 2 == 0 ? 55 : 45)\n"
        }
        let toml = "title = \"Big\"\n[funding]\npartners = 1000\n"
        let dataset = DatasetLoader.load(from: InMemorySource(origin: "big", files: [
            "uptake.csv": uptake, "partners.csv": partners, "dataset.toml": toml]))
        let text = Report(dataset: dataset).render(.text)
        #expect(text.contains("1,001 series: 501 improved, 500 worse"), "\(text.prefix(400))")
        #expect(text.contains("1,000 VCS partners funded"))
        #expect(text.contains("uptake.csv: 2,002 read, 2,002 accepted, 0 rejected"))
        let check = CheckSummary(dataset: dataset).text
        #expect(check.contains("2,002 read, 2,002 accepted, 0 rejected"))
        #expect(!text.contains("1001") && !text.contains("2002"))
    }

    /// `uptake report` under LANG=C: ASCII only, arrows as `->`, tables still aligned.
    @Test func asciiReportIsASCIIAndAligned() {
        let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)
        let unicode = Report(dataset: dataset).render(.text)
        let ascii = Report(dataset: dataset).render(.text, ascii: true)
        #expect(unicode.unicodeScalars.contains { !$0.isASCII })
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.contains("30.8% -> 35.6% gives +15.58%"))
        #expect(!ascii.contains("30.8% > 35.6%"))
        #expect(ascii.contains("GBP 229k"))
        #expect(ascii.contains(">=70%"))
        // Under the table's rule line, every row starts its columns at the same places as the header.
        let lines = ascii.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("Partner ") }!
        let rule = lines[header + 1]
        let starts = rule.indices.filter { i in rule[i] == "-" && (i == rule.startIndex || rule[rule.index(before: i)] == " ") }
            .map { rule.distance(from: rule.startIndex, to: $0) }
        for row in lines[(header + 2)...].prefix(while: { !$0.isEmpty }) {
            for s in starts.dropFirst() {
                let i = row.index(row.startIndex, offsetBy: s - 1, limitedBy: row.endIndex) ?? row.endIndex
                if i < row.endIndex { #expect(row[i] == " ", "column boundary at \(s) in: \(row)") }
            }
        }
        // CSV and JSON keep the data exactly whatever the locale.
        #expect(Report(dataset: dataset).render(.csv, ascii: true) == Report(dataset: dataset).render(.csv))
        #expect(Report(dataset: dataset).render(.markdown, ascii: true).unicodeScalars.allSatisfy { $0.isASCII })
    }
}
