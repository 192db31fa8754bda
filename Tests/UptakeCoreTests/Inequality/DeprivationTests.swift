import Testing
@testable import UptakeCore

/// `uptake_by_deprivation.csv`: the contract's diagnostics, and the SII/RII of uptake
/// against PHEindicatormethods' proportion test data (records 91-110 and 111-130:
/// counts, populations and Wilson limits, multiplier 100).
@Suite("Uptake by deprivation: loading, SII and RII")
struct DeprivationTests {
    static let header = "area,programme,period,quantile,quantiles,eligible,screened,uptake_pct\n"

    /// A group's rows from phe_sii's proportion test data (counts and populations), as the CSV has them.
    static func rows(area: String, _ g: PHESIITestData.Group, period: String = "2024-03") -> String {
        g.population.indices.map { i in
            "\(area),breast,\(period),\(i + 1),deciles,\(Int(g.population[i])),\(Int(g.count![i])),"
        }.joined(separator: "\n") + "\n"
    }

    func load(_ body: String, header: String = Self.header) -> Dataset {
        loadUptake("", extra: ["uptake_by_deprivation.csv": header + body])
    }

    func errors(_ d: Dataset) -> [Diagnostic] {
        d.diagnostics.filter { $0.file == "uptake_by_deprivation.csv" && $0.severity == .error }
    }

    @Test("uptake from counts reproduces phe_sii (proportion, multiplier 100) to 1e-6, and the workbook's Wilson limits")
    func pheSIIProportions() throws {
        let d = load(Self.rows(area: "area1", PHESIITestData.proportionArea1) + Self.rows(area: "area2", PHESIITestData.proportionArea2))
        #expect(errors(d).isEmpty)
        let table = InequalityTable(dataset: d, repetitions: 100_000)
        try #require(table.rows.count == 2)
        for (row, (_, _, sii, rii, limits)) in zip(table.rows, PHESIITestData.multiplied.prefix(2)) {
            #expect(abs(try #require(row.siiPP) - sii) < 1e-6)
            #expect(abs(try #require(row.rii) - rii) < 1e-6)
            let ci = try #require(row.interval)
            #expect(abs(ci.siiLower - limits.0) < 0.1 * abs(limits.1 - limits.0))
            #expect(abs(ci.siiUpper - limits.1) < 0.1 * abs(limits.1 - limits.0))
            #expect(row.group.quantileCount == 10)
            #expect(row.points.count == 10)
        }
        // Each quantile's Wilson interval is the workbook's LowerCL/UpperCL (×100).
        let g = PHESIITestData.proportionArea1
        for (i, p) in table.rows[0].points.enumerated() {
            let w = try #require(p.interval)
            #expect(abs(w.lower - g.lower[i] * 100) < 1e-9)
            #expect(abs(w.upper - g.upper[i] * 100) < 1e-9)
        }
    }

    @Test("the statement reads as the issue asks, and a positive SII means higher uptake where less deprived")
    func statement() throws {
        // Uptake rising from 60% (most deprived) to 80% (least deprived) in equal quintiles: the points sit at
        // relative ranks 0.1…0.9 on a line rising 5 pp per 0.2, so SII = 25 pp, from 57.5% (x = 0) to 82.5% (x = 1).
        let body = (1...5).map { "Westbury,bowel,2024-03,\($0),,1000,,\(55 + 5 * $0)" }.joined(separator: "\n") + "\n"
        let d = load(body)
        let row = try #require(InequalityTable(dataset: d).rows.first)
        #expect(abs(try #require(row.siiPP) - 25) < 1e-9)
        #expect(abs(try #require(row.fittedMostDeprivedPct) - 57.5) < 1e-9)
        #expect(abs(try #require(row.fittedLeastDeprivedPct) - 82.5) < 1e-9)
        #expect(row.siiStatement.hasPrefix("Uptake is 25.0 percentage points higher at the least deprived end than at the most deprived; 95% interval +"))
        #expect(row.riiStatement.hasPrefix("Uptake at the least deprived end is 1.43 times that at the most deprived; 95% interval "))
        #expect(row.group.quantileCount == 5)
        #expect(abs(row.overallUptakePct - 70) < 1e-9)
    }

    @Test("a missing quantile rejects the group, naming its lines")
    func missingQuantile() throws {
        let body = (1...10).filter { $0 != 7 }.map { "A,breast,2024-03,\($0),deciles,100,50," }.joined(separator: "\n") + "\n"
        let d = load(body)
        let e = try #require(errors(d).first)
        #expect(e.line == 2)
        #expect(e.message.contains("no row for quantile 7 of 10 deciles"))
        #expect(e.message.contains("lines 2, 3, 4, 5, 6, 7, 8, 9, 10 not used"))
        #expect(d.deprivationGroups.isEmpty)
        #expect(d.summary("uptake_by_deprivation.csv")?.rejected == 9)
        #expect(d.summary("uptake_by_deprivation.csv")?.accepted == 0)
    }

    @Test("quintiles and deciles mixed in one group are an error naming both lines")
    func mixed() throws {
        let body = (1...5).map { "A,breast,2024-03,\($0),quintiles,100,50," }.joined(separator: "\n") + "\n"
            + (6...10).map { "A,breast,2024-03,\($0),deciles,100,50," }.joined(separator: "\n") + "\n"
        let d = load(body)
        let e = try #require(errors(d).first)
        #expect(e.message.contains("mixes quintiles (line 2) and deciles (line 7)"))
        #expect(d.deprivationGroups.isEmpty)
        #expect(d.summary("uptake_by_deprivation.csv")?.rejected == 10)
    }

    @Test("a zero population rejects the row, and the group then lacks that quantile")
    func zeroPopulation() throws {
        let body = (1...5).map { "A,breast,2024-03,\($0),quintiles,\($0 == 3 ? 0 : 100),0," }.joined(separator: "\n") + "\n"
        let d = load(body)
        let e = errors(d)
        #expect(e.contains { $0.line == 4 && $0.message.contains("zero population") && $0.column == 6 })
        #expect(e.contains { $0.line == 2 && $0.message.contains("no row for quantile 3") })
    }

    @Test("a duplicate quantile rejects the later row, naming the earlier")
    func duplicate() throws {
        let body = (1...5).map { "A,breast,2024-03,\($0),,100,50," }.joined(separator: "\n") + "\nA,breast,2024-03,2,,100,60,\n"
        let d = load(body)
        let e = try #require(errors(d).first)
        #expect(e.line == 7)
        #expect(e.message.contains("duplicate quantile 2"))
        #expect(e.message.contains("already given on line 3"))
        #expect(d.deprivationGroups.count == 1)
        #expect(d.deprivationGroups[0].quantiles[1].screened == 50)
    }

    @Test("groups are area + programme + subgroup + period; bad values name their column")
    func groupsAndValues() throws {
        let header = "area,programme,subgroup,period,quantile,eligible,uptake_pct\n"
        var body = ""
        for sub in ["25-49 yrs", "50-64 yrs"] {
            body += (1...5).map { "A,cervical,\(sub),2024-03,\($0),100,\(60 + $0)" }.joined(separator: "\n") + "\n"
        }
        body += "A,cervical,25-49 yrs,2024-13,1,100,50\n"
        body += "A,cervical,25-49 yrs,2025-03,1,100,150\n"
        body += "A,cervical,25-49 yrs,2025-03,x,100,50\n"
        let d = load(body, header: header)
        #expect(d.deprivationGroups.count == 2)
        #expect(d.deprivationGroups.map(\.subgroup) == ["25-49 yrs", "50-64 yrs"])
        let e = errors(d)
        #expect(e.contains { $0.line == 12 && $0.message.contains("period") })
        #expect(e.contains { $0.line == 13 && $0.column == 7 })
        #expect(e.contains { $0.line == 14 && $0.column == 5 })
    }

    @Test("0% or 100% uptake in a quantile: point estimates, no interval, and the note says why")
    func extremes() throws {
        let body = (1...5).map { "A,breast,2024-03,\($0),,100,\($0 == 1 ? 0 : 50)," }.joined(separator: "\n") + "\n"
        let row = try #require(InequalityTable(dataset: load(body)).rows.first)
        #expect(row.siiPP != nil)
        #expect(row.interval == nil)
        #expect(row.intervalNote?.contains("no logit") == true)
        #expect(row.siiStatement.contains("no interval"))
    }

    @Test("a group's interval does not depend on the other groups or their order")
    func streamsPerGroup() throws {
        let a = Self.rows(area: "area1", PHESIITestData.proportionArea1)
        let b = Self.rows(area: "area2", PHESIITestData.proportionArea2)
        let ab = InequalityTable(dataset: load(a + b)).rows
        let ba = InequalityTable(dataset: load(b + a)).rows
        #expect(ab[0].interval == ba[1].interval)
        #expect(ab[1].interval == ba[0].interval)
    }

    @Test("gaps: to the benchmark, and to the area's average from uptake_by_deprivation.csv")
    func gaps() throws {
        let partners = "partner,area\nA,North\nB,South\n"
        let uptake = "A,P1,2024-01,1000,60.0,\nA,P1,2024-06,1000,65.0,\nB,P2,2024-06,500,80,\n"
        let dep = "area,programme,period,quantile,eligible,uptake_pct\n" + (1...5).map { "North,,2024-03,\($0),1000,\(60 + $0)" }.joined(separator: "\n") + "\n"
        let d = loadUptake(uptake, partners: partners, extra: ["uptake_by_deprivation.csv": dep])
        let table = UptakeTable(dataset: d)
        let inequality = InequalityTable(dataset: d)
        let benchmarks: [ScreeningProgramme: DatasetMetadata.Benchmark] = [:]
        let gA = table.rows[0].gaps(benchmarks: benchmarks, inequality: inequality)
        #expect(gA.area == "North")
        #expect(gA.areaPeriod == Period("2024-03"))
        #expect(abs(try #require(gA.areaAveragePct) - 63) < 1e-9)
        #expect(abs(try #require(gA.toAreaPP) - 2) < 1e-9)
        let gB = table.rows[1].gaps(benchmarks: benchmarks, inequality: inequality)
        #expect(gB.areaAveragePct == nil)
        let breast = SeriesSummary(series: UptakeSeries(partner: "A", proxyPopulation: "P", programme: .breast,
                                                       observations: [UptakeObservation(period: Period("2024-01")!, eligible: 100, screened: nil, uptakePct: 66.5, line: 2)]),
                                  partner: nil, benchmarks: [.breast: .init(thresholds: .breastScreeningCoverage, source: nil)])
        let g = breast.gaps(benchmarks: [.breast: .init(thresholds: .breastScreeningCoverage, source: nil)], inequality: inequality)
        #expect(abs(try #require(g.toAcceptablePP) + 3.5) < 1e-9)
        #expect(abs(try #require(g.toAchievablePP) + 13.5) < 1e-9)
    }
}

@Suite("Illustrative deprivation example")
struct IllustrativeDeprivationExampleTests {
    @Test("sample-data/examples/deprivation loads cleanly, says it is illustrative, and reports SII in every format")
    func example() throws {
        let path = repositoryRoot.appendingPathComponent("sample-data/examples/deprivation").path
        let d = DatasetLoader.load(from: DirectorySource(path: path))
        #expect(d.errorCount == 0, "\(d.diagnostics.map(\.formatted))")
        #expect(d.metadata.title.hasPrefix("Illustrative"))
        #expect(d.deprivationGroups.count == 4)
        let report = Report(dataset: d)
        #expect(report.inequality.rows.allSatisfy { ($0.siiPP ?? 0) > 15 && $0.interval != nil })
        #expect(report.render(.text).contains("INEQUALITY BY DEPRIVATION (SII AND RII)"))
        #expect(report.render(.markdown).contains("## Inequality by deprivation (SII and RII)"))
        let json = report.render(.json)
        #expect(json.contains("\"sii_ci_low_pp\": "))
        #expect(json.contains("\"area_average_pct\": 67.8793"))
        let csv = String(decoding: report.inequalityCSVBytes(), as: UTF8.self)
        #expect(csv.hasPrefix(Report.inequalityCSVColumns.joined(separator: ",") + "\n"))
        #expect(csv.split(separator: "\n").count == 5)
        // The embedded sample data does not carry the examples.
        #expect(!EmbeddedSampleData.files.keys.contains { $0.hasPrefix("examples") })
    }
}
