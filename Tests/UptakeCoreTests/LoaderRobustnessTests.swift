import Foundation
import Testing
import UptakeCore

@Suite struct LoaderRobustnessTests {
    @Test func headerNamesAreCaseInsensitiveTrimmedAndInAnyOrder() throws {
        let d = loadDataset([
            "dataset.toml": "title = \"T\"\n",
            "partners.csv": "  PARTNER  ,Area\nA,North\n",
            "uptake.csv": " Eligible ,Period,PROXY_POPULATION,partner,Uptake_Pct\n200,2024-01,Ward,A,50\n",
        ])
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map(\.formatted))")
        let o = try #require(d.series("A", "Ward")?.observations.first)
        #expect(o.eligible == 200)
        #expect(o.uptakePct == 50)
        #expect(d.partner(named: "A")?.area == "North")
    }

    @Test func bomAndCRLFThroughTheLoader() {
        let uptake: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((uptakeHeader + "A,Ward,2024-01,200,50,\nA,Ward,2024-13,200,50,\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: ["partners.csv": Array(partnersAB.utf8), "uptake.csv": uptake]))
        expectOne(d, "uptake.csv", line: 3, column: 3, .error, naming: ["'2024-13'"])
        #expect(d.series("A", "Ward")?.observations.count == 1)
        #expect(d.errorCount == 1)
    }

    @Test func diagnosticLineCountsNewlinesInQuotedFields() {
        let partners = "partner,summary,residents_reached\nA,\"two\nline summary\",10\nB,\"three\r\nline\r\nsummary\",lots\nC,x,5\n"
        let d = loadDataset(["partners.csv": partners, "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"])
        expectOne(d, "partners.csv", line: 4, column: 3, .error, naming: ["'lots'"])
        #expect(d.partners.map(\.name) == ["A", "C"])
        #expect(d.partners.last?.line == 7)
        #expect(d.partner(named: "A")?.summary == "two\nline summary")
        expectCountsAddUp(d)
    }

    @Test func invalidUTF8InPartnersFieldIsAnErrorWithColumn() {
        let partners: [UInt8] = Array("partner,area\nA,ok\nB,".utf8) + [0xE2, 0x28, 0xA1] + Array("\nC,fine\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: ["partners.csv": partners, "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8)]))
        expectOne(d, "partners.csv", line: 3, column: 2, .error, naming: ["invalid UTF-8", "area"])
        #expect(d.partners.map(\.name) == ["A", "C"])
        expectCountsAddUp(d)
    }

    @Test func invalidUTF8InProgrammeIsAWarningOnItsLine() {
        let uptake: [UInt8] = Array("partner,proxy_population,period,eligible,uptake_pct,programme\nA,W,2024-01,10,50,breast\nA,W,2024-02,10,50,br".utf8) + [0xFF] + Array("\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: ["partners.csv": Array(partnersAB.utf8), "uptake.csv": uptake]))
        expectOne(d, "uptake.csv", line: 3, column: 6, .warning, naming: ["programme"])
        #expect(d.series("A", "W")?.observations.count == 2)
        #expect(d.series("A", "W")?.programme == .breast)
    }

    @Test func conflictingProgrammeKeepsTheFirst() {
        let d = loadDataset(["partners.csv": partnersAB,
                             "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct,programme\nA,W,2024-01,10,50,bowel\nA,W,2024-02,10,50,breast\n"])
        expectOne(d, "uptake.csv", line: 3, column: 6, .warning, naming: ["'breast'", "'bowel'", "line 2"])
        #expect(d.series("A", "W")?.programme == .bowel)
    }

    @Test func unterminatedQuoteInTheHeader() {
        // The broken header is reported; the loader must not silently treat a data row as the header.
        let d = loadDataset(["partners.csv": partnersAB,
                             "uptake.csv": "partner,\"proxy_population,period,eligible,uptake_pct\nA,W,2024-01,10,50\nB,W,2024-01,20,40\n"])
        expectOne(d, "uptake.csv", line: 1, .error, naming: ["unterminated quote"])
        #expect(d.series.isEmpty)
        expectCountsAddUp(d)
        // Line 2 (a data row) is read as the header: its values become "unknown columns" and line 3 is
        // rejected for the header's missing columns, so lines 2 and 3 are never counted as read rows.
        let s = d.summary("uptake.csv")
        do {
            #expect(s?.read == 2)
        }
    }

    @Test func danglingCaseStudySymlinkKeepsCountsConsistent() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uptake-coretests-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("case-studies"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        try partnersAB.write(to: root.appendingPathComponent("partners.csv"), atomically: true, encoding: .utf8)
        try (uptakeHeader + "A,W,2024-01,10,50,\n").write(to: root.appendingPathComponent("uptake.csv"), atomically: true, encoding: .utf8)
        try "title: Good\n---\nBody\n".write(to: root.appendingPathComponent("case-studies/good.md"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("case-studies/gone.md").path, withDestinationPath: "/nonexistent/uptake-target.md")
        let d = DatasetLoader.load(from: DirectorySource(path: root.path))
        #expect(d.caseStudies.map(\.title) == ["Good"])
        let s = try #require(d.summary("case-studies/"))
        #expect(s.read == 2)
        #expect(s.accepted == 1)
        do {
            #expect(s.read == s.accepted + s.rejected)
            #expect(d.diagnostics(in: "case-studies/gone.md").count == 1)
        }
    }
}
