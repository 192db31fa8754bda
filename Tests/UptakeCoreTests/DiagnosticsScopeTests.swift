import Foundation
import Testing
@testable import UptakeCore

/// `uptake check`'s load (``DatasetLoader/Scope/diagnostics``) makes no series and no table of every name's string,
/// and must still give exactly the diagnostics and file summaries of the full load: the same checks, the same names
/// quoted (read from the interner instead of the table), in the same order.
@Suite struct DiagnosticsScopeTests {
    /// Both loads of `source`: the check's must match the full one's diagnostics and summaries, and hold no series.
    /// Returns the full load (for the caller's own checks that the case is not empty).
    @discardableResult
    static func expectSameDiagnostics(_ source: any DatasetSource, _ comment: Comment? = nil,
                                      sourceLocation: SourceLocation = #_sourceLocation) -> Dataset {
        let full = DatasetLoader.load(from: source)
        let check = DatasetLoader.load(from: source, scope: .diagnostics)
        #expect(check.diagnostics == full.diagnostics, comment, sourceLocation: sourceLocation)
        #expect(check.fileSummaries == full.fileSummaries, comment, sourceLocation: sourceLocation)
        #expect(check.errorCount == full.errorCount, comment, sourceLocation: sourceLocation)
        #expect(check.series.isEmpty, comment, sourceLocation: sourceLocation)
        #expect(CheckSummary(dataset: check).text == CheckSummary(dataset: full).text, comment, sourceLocation: sourceLocation)
        return full
    }

    @Test func sampleDataGivesTheSameCheck() {
        let full = Self.expectSameDiagnostics(EmbeddedSampleData.source)
        #expect(!full.series.isEmpty)
        #expect(!full.diagnostics.isEmpty, "the sample has warnings to compare")
    }

    /// Every hostile value of issue 14's corpus in the names of uptake.csv and partners.csv (the names the grouping's
    /// and the partner check's diagnostics quote), and in each other field of uptake.csv.
    @Test func hostileValuesGiveTheSameCheck() {
        let columns = HostileCorpusTests.tables[1].columns
        for value in HostileCorpusTests.values {
            let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for field in columns.indices {
                var files = HostileCorpusTests.baseFiles()
                var row = HostileCorpusTests.tables[1].row
                row[field] = quoted
                // The hostile row, its twin (a duplicate when the value keeps the series and period), and the base rows.
                files["uptake.csv"]! += row.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
                Self.expectSameDiagnostics(InMemorySource(origin: "hostile", files: files), "uptake.csv \(columns[field]) = \(value.debugDescription)")
            }
            var files = HostileCorpusTests.baseFiles()
            files["partners.csv"]! += quoted + ",North,P,charity,1,1,1,S,src,x\n"
            Self.expectSameDiagnostics(InMemorySource(origin: "hostile", files: files), "partners.csv partner = \(value.debugDescription)")
        }
    }

    /// Names that are not UTF-8 (their rows rejected, each named) beside UTF-8 names beyond ASCII (found in partners.csv
    /// by their strings, not their bytes) with duplicates.
    @Test func invalidAndNonASCIINamesGiveTheSameCheck() {
        var uptake = Array("partner,proxy_population,period,eligible,uptake_pct\n".utf8)
        let valid: [([UInt8], [UInt8])] = [(Array("Café".utf8), Array("Ward é".utf8)), (Array("健康".utf8), Array("W".utf8))]
        for (name, proxy) in [([0xFF, 0x41] as [UInt8], [0x57] as [UInt8]), ([0x41], [0xC3, 0x28]), ([0xE2, 0x82], [0xFE])] + valid {
            for period in ["2024-01", "2024-01", "2024-01-15", "2024-02"] {
                uptake += name + Array(",".utf8) + proxy + Array(",\(period),100,30\n".utf8)
            }
        }
        let partners = Array("partner\nA\nCafé\n".utf8)
        let full = Self.expectSameDiagnostics(InMemorySource(origin: "bytes", rawFiles: ["uptake.csv": uptake, "partners.csv": partners]))
        // Twelve rows, the last four with both names bad: each field named.
        #expect(full.diagnostics.filter { $0.message.contains("invalid UTF-8") }.count == 16)
        #expect(full.diagnostics.filter { $0.message.contains("duplicate of line") }.count == 2)
        #expect(full.diagnostics.filter { $0.message.contains("is not in partners.csv") }.map(\.message) == [
            "partner '健康' is not in partners.csv (3 rows from here on; they still load)"])
    }

    /// Enough series and names for the grouping, the names and the partner check to run on two threads: duplicates, days
    /// beside their months, partners missing from partners.csv and one rejected there, with the rows grouped by series and
    /// ordered by period.
    @Test(arguments: [false, true]) func largeFilesGiveTheSameCheck(byPeriod: Bool) {
        let series = 6_000, periods = ["2024-01", "2024-02", "2024-03"]
        var rows: [(series: Int, period: String)] = []
        if byPeriod {
            for p in periods { for s in 0..<series { rows.append((s, p)) } }
        } else {
            for s in 0..<series { for p in periods { rows.append((s, p)) } }
        }
        var uptake = "partner,proxy_population,period,eligible,uptake_pct,programme\n"
        for (k, r) in rows.enumerated() {
            uptake += "Partner \(r.series / 2),Ward \(r.series),\(r.period),\(100 + k % 50),\(20 + k % 60),breast\n"
            if r.series % 997 == 0 { uptake += "Partner \(r.series / 2),Ward \(r.series),\(r.period),90,25,breast\n" }
            if r.series % 1_499 == 0, r.period == "2024-02" { uptake += "Partner \(r.series / 2),Ward \(r.series),2024-02-10,90,25,breast\n" }
        }
        var partners = "partner,funding_gbp\n"
        for p in 0..<(series / 2) where p % 100 != 7 { partners += "Partner \(p),\(p % 13 == 0 ? "-5" : "1000")\n" }
        let full = Self.expectSameDiagnostics(InMemorySource(origin: "large", files: ["uptake.csv": uptake, "partners.csv": partners]),
                                              "by period: \(byPeriod)")
        #expect(full.series.count == series)
        #expect(full.diagnostics.filter { $0.message.contains("duplicate of line") }.count >= 6 * periods.count)
        #expect(full.diagnostics.contains { $0.message.contains("(a day) and period") })
        #expect(full.diagnostics.contains { $0.message.contains("is not in partners.csv") })
        #expect(full.diagnostics.contains { $0.message.contains("has no accepted row in partners.csv") })
    }

    /// With comparators the check makes the series their check reads (found and not found), and still hands back none.
    @Test func comparatorsGiveTheSameCheck() {
        let toml = """
        title = "t"

        [[comparators]]
        partner = "Area"
        proxy_population = "All"
        for_partners = ["A", "Nobody"]

        [[comparators]]
        partner = "Missing"
        proxy_population = "All"
        for_proxy_populations = ["Nowhere"]
        """
        let uptake = """
        partner,proxy_population,period,eligible,uptake_pct
        A,Ward,2024-01,100,30
        A,Ward,2024-07,100,40
        Area,All,2024-01,1000,50
        Area,All,2024-07,1000,52
        """
        let full = Self.expectSameDiagnostics(InMemorySource(origin: "comparators", files: ["dataset.toml": toml, "uptake.csv": uptake + "\n",
                                                                                            "partners.csv": "partner\nA\n"]))
        #expect(full.diagnostics.filter { $0.file == "dataset.toml" }.count == 3)
    }

    /// From a directory, as `uptake check` reads one (the large file's windows, partners.csv on its own thread).
    @Test func aDirectoryGivesTheSameCheck() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uptake-scope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var uptake = "partner,proxy_population,period,eligible,uptake_pct\n"
        for s in 0..<40_000 { for p in ["2024-01", "2024-02"] { uptake += "P\(s % 9_000),W\(s),\(p),100,\(s % 90)\n" } }
        uptake += "P1,W1,2024-01,100,5\n"
        try uptake.write(to: dir.appendingPathComponent("uptake.csv"), atomically: true, encoding: .utf8)
        try "partner\nP1\nP2\n".write(to: dir.appendingPathComponent("partners.csv"), atomically: true, encoding: .utf8)
        let full = Self.expectSameDiagnostics(DirectorySource(path: dir.path))
        #expect(full.series.count == 40_000)
        #expect(full.diagnostics.contains { $0.message.contains("duplicate of line") })
    }
}
