import Foundation
import Testing
import UptakeCore

/// The repository root, found from this file's path (Tests/UptakeCoreTests/SampleDataTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct SampleDataCalculationTests {
    let dataset = DatasetLoader.load(from: EmbeddedSampleData.source)

    @Test func loadsWithoutErrors() {
        #expect(dataset.errorCount == 0, "\(dataset.diagnostics.map(\.formatted))")
        #expect(dataset.warningCount == 0, "\(dataset.diagnostics.map(\.formatted))")
        #expect(dataset.origin == "embedded sample data")
        expectCountsAddUp(dataset)
    }

    @Test func threeSeriesWithTheirChanges() throws {
        let table = UptakeTable(dataset: dataset)
        try #require(table.rows.count == 3)
        #expect(table.rows.map(\.series.partner) == ["Advocacy Project", "VCKC", "Groundswell Health"])
        let expected: [(pp: Double, rel: Double, significant: Bool)] = [(4.8, 15.58, false), (6.0, 10.17, true), (2.4, 6.05, false)]
        for (row, e) in zip(table.rows, expected) {
            let pp = try #require(row.changePP)
            let rel = try #require(row.changeRelPct)
            #expect(abs(pp - e.pp) < 1e-9, "\(row.series.partner): \(pp)")
            #expect(abs(rel - e.rel) <= 0.01, "\(row.series.partner): \(rel)")
            #expect(row.isSignificant == e.significant, "\(row.series.partner)")
            #expect(row.direction == .improved)
            // The change interval contains the change.
            let ci = try #require(row.changeInterval)
            #expect(ci.lower < pp && pp < ci.upper)
            #expect(ci.excludesZero == e.significant)
        }
        #expect(table.improvedCount == 3)
        #expect(table.worseCount == 0)
        #expect(table.significantCount == 1)
    }

    @Test func reportedChangeVerdicts() {
        let rows = UptakeTable(dataset: dataset).rows
        #expect(rows.map { $0.reportedCheck?.verdict } == [.withinRounding, .withinRounding, .exact])
        #expect(rows.map { $0.partner?.reportedChangePct } == [15.77, 10.26, 6.05])
    }

    @Test func reach() throws {
        let rows = UptakeTable(dataset: dataset).rows
        let expected: [(Int, Int)] = [(60, 257), (900, 1675), (137, 321)]
        for (row, (reached, eligible)) in zip(rows, expected) {
            #expect(row.partner?.residentsReached == reached)
            #expect(row.end?.eligible == eligible)
            let reach = try #require(row.reachPct)
            #expect(abs(reach - Double(reached) / Double(eligible) * 100) < 1e-9)
        }
        #expect(abs((rows.first?.reachPct ?? 0) - 23.35) < 0.01)
    }

    @Test func noBenchmarkWithoutAProgramme() {
        #expect(UptakeTable(dataset: dataset).rows.allSatisfy { $0.benchmark == nil && $0.series.programme == nil })
    }

    @Test func csvHeaderIsTheContractsColumnsFirst() throws {
        let csv = Report(dataset: dataset).render(.csv)
        let header = try #require(csv.split(separator: "\n", omittingEmptySubsequences: false).first)
        let fixed = "partner,proxy_population,programme,reached,period_start,eligible_start,uptake_start_pct,period_end,eligible_end,uptake_end_pct,change_pp,change_rel_pct,change_ci_low_pp,change_ci_high_pp,significant,reach_pct,reported_change_pct,reported_consistent,benchmark"
        #expect(header.hasPrefix(fixed + ","), "\(header)")
        #expect(header.count > fixed.count + 1)
        // One row per series, each with as many fields as the header.
        let parsed = CSVReader.parse(Array(csv.utf8))
        #expect(parsed.records.count == 4)
        #expect(parsed.records.allSatisfy { $0.fields.count == parsed.records[0].fields.count })
        #expect(parsed.records[2].fields.prefix(3) == ["VCKC", "Ward", ""])
        #expect(parsed.records[2].fields[14] == "true")
    }
}

@Suite struct EmbeddedSampleDataTests {
    /// Every file under sample-data/ except README.md, by path relative to it.
    func sampleFiles() throws -> [String: String] {
        let root = repositoryRoot.appendingPathComponent("sample-data")
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { throw CocoaError(.fileReadNoSuchFile) }
        var out: [String: String] = [:]
        for case let rel as String in walker {
            var isDir: ObjCBool = false
            let full = root.appendingPathComponent(rel).path
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue, rel != "README.md",
                  !rel.hasPrefix("examples/") else { continue }
            // The insight bank `uptake insights` creates beside the sample data is a database, not sample data.
            if rel.hasPrefix("insights.sqlite") { continue }
            out[rel] = try String(contentsOfFile: full, encoding: .utf8)
        }
        return out
    }

    @Test func embeddedFilesMatchSampleData() throws {
        let files = try sampleFiles()
        try #require(files.count >= 7, "found \(files.keys.sorted())")
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            let embedded = EmbeddedSampleData.files[path]
            #expect(embedded != nil, "\(path) is not embedded: run python3 scripts/embed-sample-data.py")
            #expect(embedded == contents, "\(path) differs from its embedded copy: run python3 scripts/embed-sample-data.py")
        }
        #expect(Set(EmbeddedSampleData.files.keys) == Set(files.keys), "embedded files not in sample-data/: run the embed script")
    }

    @Test func directorySourceLoadsWithoutErrors() {
        let path = repositoryRoot.appendingPathComponent("sample-data").path
        #expect(DirectorySource.checkDirectory(path) == nil)
        let d = DatasetLoader.load(from: DirectorySource(path: path))
        #expect(d.errorCount == 0, "\(d.diagnostics.map(\.formatted))")
        #expect(d.series.count == 3)
        #expect(d.caseStudies.count == 4)
        #expect(d.summary("uptake.csv")?.accepted == 6)
        expectCountsAddUp(d)
        // The same dataset as the embedded one.
        let embedded = DatasetLoader.load(from: EmbeddedSampleData.source)
        #expect(d.series == embedded.series)
        #expect(d.partners == embedded.partners)
        #expect(d.metadata == embedded.metadata)
        #expect(d.fileSummaries == embedded.fileSummaries)
    }
}

@Suite struct BenchmarkViaDatasetTests {
    let toml = """
    title = "Breast"
    [benchmarks.breast]
    acceptable = 70
    achievable = 80

    """

    func summary(endingAt pct: String, programme: String = "breast", toml: String? = nil) -> SeriesSummary? {
        let d = loadDataset([
            "dataset.toml": toml ?? self.toml,
            "partners.csv": partnersAB,
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct,programme\nA,Ward,2024-01,100,60,\(programme)\nA,Ward,2024-07,100,\(pct),\(programme)\n",
        ])
        #expect(d.errorCount == 0, "\(d.diagnostics.map(\.formatted))")
        return UptakeTable(dataset: d).rows.first
    }

    @Test func seventyFiveIsAcceptable() throws {
        let s = try #require(summary(endingAt: "75"))
        #expect(s.series.programme == .breast)
        #expect(s.benchmark == .acceptable)
    }

    @Test func thresholdsAreInclusive() {
        #expect(summary(endingAt: "70")?.benchmark == .acceptable)
        #expect(summary(endingAt: "80")?.benchmark == .achievable)
        #expect(summary(endingAt: "69.9")?.benchmark == .belowAcceptable)
    }

    @Test func programmeWithoutThresholdsHasNoStatus() {
        #expect(summary(endingAt: "95", programme: "cervical")?.benchmark == nil)
        #expect(summary(endingAt: "95", programme: "")?.benchmark == nil)
    }

    @Test func programmeIsCaseInsensitive() {
        #expect(summary(endingAt: "75", programme: "Breast")?.benchmark == .acceptable)
    }

    @Test func reportShowsTheStatus() {
        let d = loadDataset([
            "dataset.toml": toml, "partners.csv": partnersAB,
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct,programme\nA,Ward,2024-01,100,60,breast\nA,Ward,2024-07,100,75,breast\n",
        ])
        let csv = CSVReader.parse(Array(Report(dataset: d).render(.csv).utf8)).records.map(\.fields)
        #expect(csv.count == 2)
        #expect(csv.last?[18] == "acceptable")
        #expect(Report(dataset: d).render(.json).contains("\"benchmark\": \"acceptable\""))
    }
}
