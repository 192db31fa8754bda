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

/// partners.csv's columns found by their place in the known list, and values repeated down a column made into
/// one string per run: every field still reads exactly as written, whatever came before it.
@Suite struct PartnerColumnsTests {
    @Test func repeatedValuesReadAsWrittenWhateverPrecedesThem() {
        // Repeats, a repeat after a different value, a quoted repeat, one with doubled quotes, a prefix of the
        // previous value, an empty field, and invalid UTF-8 between two equal values.
        var bytes = Array(("partner,kind,area,summary,source,programme\n" +
            "A,charity,North,\"Same, text\",S1,bowel\n" +
            "B,charity,North,\"Same, text\",S1,bowel\n" +
            "C,cic,Nort,\"Same, text\",S2,\n" +
            "D,charity,\"North\",\"Say \"\"hi\"\"\",S2,bowel\n" +
            "E,charity,North,\"Say \"\"hi\"\"\",S2,bowel\n" +
            "F,charity,").utf8) + [0xFF] + Array(",x,S2,bowel\n".utf8)
        bytes += Array("G,charity,North,x,S2,bowel\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "partners.csv": bytes, "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8)]))
        let byName = Dictionary(uniqueKeysWithValues: d.partners.map { ($0.name, $0) })
        #expect(d.partners.map(\.name) == ["A", "B", "C", "D", "E", "G"])
        #expect(d.partners.map { $0.kind ?? "-" } == ["charity", "charity", "cic", "charity", "charity", "charity"])
        #expect(d.partners.map { $0.area ?? "-" } == ["North", "North", "Nort", "North", "North", "North"])
        #expect(d.partners.map { $0.summary ?? "-" } == ["Same, text", "Same, text", "Same, text", "Say \"hi\"", "Say \"hi\"", "x"])
        #expect(d.partners.map { $0.source ?? "-" } == ["S1", "S1", "S2", "S2", "S2", "S2"])
        #expect(d.partners.map { $0.programme ?? "-" } == ["bowel", "bowel", "-", "bowel", "bowel", "bowel"])
        #expect(byName["F"] == nil)
        expectOne(d, "partners.csv", line: 7, column: 3, .error, naming: ["invalid UTF-8", "area"])
    }

    @Test func columnsInAnyOrderAndAbsentOnesReadAsAbsent() {
        let d = loadDataset(["partners.csv": "summary,residents_reached,partner\nHello,12,A\n,,B\n",
                             "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"])
        #expect(d.diagnostics.filter { $0.file == "partners.csv" }.isEmpty)
        #expect(d.partner(named: "A")?.summary == "Hello" && d.partner(named: "A")?.residentsReached == 12)
        #expect(d.partner(named: "A")?.area == nil && d.partner(named: "B")?.summary == nil)
        // A required column's error names its place in this file's header.
        let empty = loadDataset(["partners.csv": "summary,partner\nHello,\n", "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"])
        expectOne(empty, "partners.csv", line: 2, column: 2, .error, naming: ["'partner' is empty"])
    }
}
