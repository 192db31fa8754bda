import Testing
@testable import UptakeCore

/// Behaviours a review asked for: Markdown that data cannot reformat, whole numbers without exponents,
/// and a partner's own figures attributed only when it has a single series.
@Suite struct ReviewFixesTests {
    func load(partners: String, uptake: String) -> Dataset {
        DatasetLoader.load(from: InMemorySource(origin: "test", files: ["partners.csv": partners, "uptake.csv": uptake]))
    }

    @Test func markdownEscapesDataPunctuation() {
        let d = load(partners: "partner\nStar**x\n<b>P</b>\n",
                     uptake: "partner,proxy_population,period,eligible,uptake_pct\nStar**x,A|B,2024-01,100,50\n<b>P</b>,W,2024-01,100,40\n")
        let md = Report(dataset: d).render(.markdown)
        #expect(md.contains("Star\\*\\*x"))
        #expect(md.contains("\\<b\\>P\\</b\\>"))
        #expect(md.contains("A\\|B"))
        #expect(!md.contains("<b>P</b>"))
    }

    @Test func exponentIsNotAWholeNumber() {
        let d = load(partners: "partner\nA\n", uptake: "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,1e3,50\nA,W,2024-02,1000,50\n")
        #expect(d.diagnostics.contains { $0.line == 2 && $0.severity == .error && $0.message.contains("'1e3' is not a whole number") })
        #expect(d.series.first?.observations.count == 1)
    }

    @Test func partnerFiguresAttributedOnlyToASingleSeries() {
        let partners = "partner,residents_reached,reported_change_pct\nVCKC,900,10.26\nSolo,60,15.77\n"
        let uptake = """
        partner,proxy_population,period,eligible,uptake_pct
        VCKC,Ward,2023-12,1712,59.0
        VCKC,Ward,2024-07,1675,65.0
        VCKC,Second ward,2023-12,100,50.0
        VCKC,Second ward,2024-07,100,55.0
        Solo,Notting Dale,2023-12,195,30.8
        Solo,Notting Dale,2024-07,257,35.6

        """
        let rows = UptakeTable(dataset: load(partners: partners, uptake: uptake)).rows
        let vckc = rows.filter { $0.series.partner == "VCKC" }
        #expect(vckc.count == 2)
        #expect(vckc.allSatisfy { $0.reachPct == nil && $0.reportedCheck == nil })
        let solo = rows.first { $0.series.partner == "Solo" }
        #expect(solo != nil)
        #expect(solo?.reportedCheck?.verdict == .withinRounding)
        #expect(abs((solo?.reachPct ?? 0) - 60.0 / 257 * 100) < 1e-9)
    }

    @Test func unchangedUptakeReadsNaturally() {
        let d = load(partners: "partner\nA\n", uptake: "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,100,50.0\nA,W,2024-06,120,50.0\n")
        let text = UptakeTable(dataset: d).rows[0].statement(labels: d.metadata)
        #expect(text.hasPrefix("Uptake stayed at 50.0% from 2024-01 to 2024-06: no change"))
    }
}

@Suite struct StatementEdgeTests {
    func statement(_ rows: String) -> String {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\nA\n",
            "uptake.csv": "partner,proxy_population,period,eligible,screened\n" + rows,
        ]))
        return UptakeTable(dataset: d).rows[0].statement(labels: d.metadata)
    }

    @Test func latestPeriodWithoutEligiblePopulation() {
        #expect(statement("A,W,2023-01,100,30\nA,W,2024-01,0,0\n")
            == "Uptake was 30.0% in 2023-01 and not defined in 2024-01 (no eligible population); no change can be computed.")
    }

    @Test func firstPeriodWithoutEligiblePopulation() {
        #expect(statement("A,W,2023-01,0,0\nA,W,2024-01,100,10\n")
            == "Uptake was not defined in 2023-01 (no eligible population) and 10.0% in 2024-01; no change can be computed.")
    }

    @Test func singlePeriod() {
        #expect(statement("A,W,2023-01,100,30\n") == "Uptake was 30.0% in 2023-01; only one period, so no change to report.")
    }
}

@Suite struct NumberFormTests {
    func diagnostics(_ row: String) -> [Diagnostic] {
        DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\nA\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n" + row,
        ])).diagnostics
    }

    @Test func exponentIsNotADecimal() {
        #expect(diagnostics("A,W,2024-01,100,1e1\n").contains { $0.line == 2 && $0.message.contains("uptake_pct '1e1' is not a number") })
        #expect(diagnostics("A,W,2024-01,100,12345678901234567890e1\n").contains { $0.line == 2 && $0.message.contains("is not a number") })
    }

    @Test func hugeCountSaysTooLarge() {
        #expect(diagnostics("A,W,2024-01,99999999999999999999,50\n").contains { $0.message.contains("is too large") })
    }
}

@Suite struct SecondReviewTests {
    @Test func rejectedPartnerRowIsNamedInTheFollowOnWarning() {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner,residents_reached\nA,1e3\nB,5\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,100,50\n",
        ]))
        #expect(d.diagnostics.contains { $0.file == "uptake.csv" && $0.message.contains("its row at partners.csv:2 was rejected") })
        #expect(!d.diagnostics.contains { $0.file == "uptake.csv" && $0.message.contains("is not in partners.csv") })
    }

    @Test func textReportCutsPathologicalCells() {
        let long = String(repeating: "N", count: 10_000)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\n\(long)\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n\(long),W,2024-01,100,50\n\(long),W,2024-06,100,55\n",
        ]))
        let text = Report(dataset: d).render(.text)
        // The table (header and rows) stays narrow; only the prose statement names the partner in full.
        let tableLines = text.split(separator: "\n").filter { $0.hasPrefix("Partner ") || $0.hasPrefix("NNNN") }
        #expect(tableLines.count == 2)
        #expect(tableLines.allSatisfy { TerminalText.width(String($0)) < 600 })
        #expect(Report(dataset: d).render(.csv).contains(long))
    }
}

@Suite struct DiagnosticValueTests {
    @Test func jsonCarriesTheOffendingValueExactly() throws {
        let bad = "12\u{1B}[2J" + String(repeating: "9", count: 80)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner,funding_gbp\nA,\(bad)\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,\(bad),50\n",
        ]))
        let uptakeIssue = try #require(d.diagnostics.first { $0.file == "uptake.csv" && $0.line == 2 })
        #expect(uptakeIssue.value == bad)
        #expect(!uptakeIssue.message.contains("\u{1B}"))
        let partnerIssue = try #require(d.diagnostics.first { $0.file == "partners.csv" && $0.line == 2 })
        #expect(partnerIssue.value == bad)
        let json = Report(dataset: d).render(.json)
        #expect(json.contains("\"value\": \"12\\u001b[2J" + String(repeating: "9", count: 80) + "\""))
    }
}
