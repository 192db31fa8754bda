import Testing
import UptakeCore

/// True when `s` holds a non-finite number as text: the word `nan`, `inf` or `infinity` in any case.
private func hasNonFinite(_ s: String) -> Bool {
    s.contains(/(?i)\b(nan|inf|infinity)\b/)
}

@Test func nonFiniteDetectorWorks() {
    #expect(hasNonFinite("x,nan,y"))
    #expect(hasNonFinite("\"change\": -inf,"))
    #expect(hasNonFinite("NaN%"))
    #expect(!hasNonFinite("significant, indicative, information, finance, Nancy"))
}

@Suite struct UndefinedValuesTests {
    let dataset = loadDataset([
        "dataset.toml": "title = \"Zero\"\n",
        "partners.csv": "partner,residents_reached,reported_change_pct\nA,10,5\nB,10,5\nC,10,5\n",
        "uptake.csv": """
        partner,proxy_population,period,eligible,uptake_pct,screened
        A,Zero,2024-01,0,,0
        A,Zero,2024-07,0,,0
        B,Single,2024-01,100,,30
        C,Base,2024-01,100,,0
        C,Base,2024-07,100,,10

        """,
    ])

    func row(_ partner: String) -> SeriesSummary? { UptakeTable(dataset: dataset).rows.first { $0.series.partner == partner } }

    @Test func loadsCleanly() {
        #expect(dataset.errorCount == 0, "\(dataset.diagnostics.map(\.formatted))")
        #expect(dataset.summary("uptake.csv")?.accepted == 5)
    }

    @Test func eligibleZeroHasNoUptakeNoIntervalNoChange() throws {
        let r = try #require(row("A"))
        #expect(r.points.count == 2)
        #expect(r.points.allSatisfy { $0.uptakePct == nil && $0.interval == nil && $0.eligible == 0 && $0.screened == 0 })
        #expect(r.changePP == nil)
        #expect(r.changeRelPct == nil)
        #expect(r.changeInterval == nil)
        #expect(r.isSignificant == nil)
        #expect(r.reachPct == nil)
        #expect(r.reportedCheck == nil)
        #expect(r.direction == nil)
        #expect(r.statement(labels: dataset.metadata) == "Uptake was not defined in 2024-01 (no eligible population) and not defined in 2024-07 (no eligible population); no change can be computed.")
    }

    @Test func singlePeriodHasNoChange() throws {
        let r = try #require(row("B"))
        #expect(r.start?.uptakePct == 30)
        #expect(r.start?.interval != nil)
        #expect(r.end == nil)
        #expect(r.changePP == nil)
        #expect(r.changeRelPct == nil)
        #expect(r.changeInterval == nil)
        #expect(r.statement(labels: dataset.metadata).contains("only one period"))
    }

    @Test func zeroBaselineHasPointsChangeButNoRelativeChange() throws {
        let r = try #require(row("C"))
        #expect(r.start?.uptakePct == 0)
        #expect(r.changePP == 10)
        #expect(r.changeRelPct == nil)
        #expect(r.changeInterval != nil)
        // Issue 9: a zero start is said to make the relative change undefined, not dropped.
        #expect(r.reportedCheck?.verdict == .undefined)
        #expect(r.reportedCheck?.explanation.contains("undefined") == true)
        #expect(r.direction == .improved)
    }

    @Test(arguments: ReportFormat.allCases)
    func noNonFiniteNumberInAnyFormat(_ format: ReportFormat) {
        let out = Report(dataset: dataset).render(format)
        #expect(!out.isEmpty)
        #expect(!hasNonFinite(out), "\(format): \(out)")
    }

    @Test func jsonUsesNull() {
        let json = Report(dataset: dataset).render(.json)
        #expect(json.contains("\"change_pp\": null"))
        #expect(json.contains("\"change_rel_pct\": null"))
        #expect(json.contains("\"uptake_pct\": null"))
        #expect(json.contains("\"ci_low_pct\": null"))
        // The zero-baseline series has a defined change of 10 points.
        #expect(json.contains("\"change_pp\": 10"))
    }

    @Test func csvLeavesUndefinedFieldsEmpty() throws {
        let records = CSVReader.parse(Array(Report(dataset: dataset).render(.csv).utf8)).records.map(\.fields)
        try #require(records.count == 4)
        let header = records[0]
        func field(_ row: [String], _ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        let a = records[1], b = records[2], c = records[3]
        #expect(field(a, "uptake_start_pct") == "")
        #expect(field(a, "change_pp") == "")
        #expect(field(a, "significant") == "")
        #expect(field(a, "reach_pct") == "")
        #expect(field(b, "uptake_start_pct") == "30.00")
        #expect(field(b, "period_end") == "")
        #expect(field(b, "change_pp") == "")
        #expect(field(c, "change_pp") == "10.00")
        #expect(field(c, "change_rel_pct") == "")
        #expect(field(c, "uptake_start_pct") == "0.00")
    }

    @Test func publishedPercentageWithEligibleZeroIsAnError() throws {
        // Issue 9: "42.0% of 0" is not a figure; the row is rejected with an error naming it.
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": uptakeHeader + "A,W,2024-01,0,40,\nA,W,2024-07,0,50,\n"])
        let rows = d.diagnostics.filter { $0.file == "uptake.csv" }
        #expect(d.errorCount == 2)
        #expect(rows.allSatisfy { $0.severity == .error && $0.message.contains("eligible 0") })
        #expect(rows.map(\.line) == [2, 3])
        #expect(UptakeTable(dataset: d).rows.isEmpty)
        for f in ReportFormat.allCases { #expect(!hasNonFinite(Report(dataset: d).render(f)), "\(f)") }
    }
}
