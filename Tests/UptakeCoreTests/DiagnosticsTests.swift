import Testing
import UptakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers shared by the loader tests

/// A partners.csv naming partners A and B.
let partnersAB = "partner,area\nA,North\nB,South\n"

/// The uptake.csv header used by most tests: partner(1), proxy_population(2), period(3), eligible(4), uptake_pct(5), screened(6).
let uptakeHeader = "partner,proxy_population,period,eligible,uptake_pct,screened\n"

/// Loads an in-memory dataset.
func loadDataset(_ files: [String: String]) -> Dataset {
    DatasetLoader.load(from: InMemorySource(origin: "test", files: files))
}

/// Loads partners A/B with the given uptake.csv body (after the standard header).
func loadUptake(_ body: String, partners: String = partnersAB, extra: [String: String] = [:]) -> Dataset {
    var files = ["dataset.toml": "title = \"Test\"\n", "partners.csv": partners, "uptake.csv": uptakeHeader + body]
    files.merge(extra) { _, new in new }
    return loadDataset(files)
}

extension Dataset {
    func summary(_ file: String) -> FileSummary? { fileSummaries.first { $0.file == file } }
    func diagnostics(in file: String) -> [Diagnostic] { diagnostics.filter { $0.file == file } }
    func errors(in file: String) -> [Diagnostic] { diagnostics(in: file).filter { $0.severity == .error } }
    func warnings(in file: String) -> [Diagnostic] { diagnostics(in: file).filter { $0.severity == .warning } }
    func series(_ partner: String, _ proxy: String) -> UptakeSeries? {
        series.first { $0.partner == partner && $0.proxyPopulation == proxy }
    }
}

/// Every present file's counts add up.
func expectCountsAddUp(_ d: Dataset, sourceLocation: SourceLocation = #_sourceLocation) {
    for s in d.fileSummaries {
        #expect(s.read == s.accepted + s.rejected, "\(s.file): read \(s.read) ≠ accepted \(s.accepted) + rejected \(s.rejected)", sourceLocation: sourceLocation)
    }
}

/// Expects exactly one diagnostic in `file` of `severity` on `line`, and returns it.
@discardableResult
func expectOne(_ d: Dataset, _ file: String, line: Int?, column: Int? = nil, _ severity: Diagnostic.Severity,
               naming values: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = d.diagnostics.filter { $0.file == file && $0.line == line && $0.severity == severity }
    #expect(found.count == 1, "expected one \(severity) at \(file):\(line.map(String.init) ?? "-"), got \(d.diagnostics.map(\.formatted))", sourceLocation: sourceLocation)
    guard let diag = found.first else { return nil }
    #expect(diag.column == column, "column of \(diag.formatted)", sourceLocation: sourceLocation)
    for v in values {
        #expect(diag.message.contains(v), "'\(diag.message)' should name \(v)", sourceLocation: sourceLocation)
    }
    return diag
}

// MARK: - uptake.csv value rules

@Suite struct UptakeDiagnosticsTests {
    /// The good row every test carries on line 2.
    let good = "A,Ward,2024-01,200,50,\n"

    /// Checks that the good row on line 2 loaded and the counts are read/accepted/rejected.
    func expectGoodRowLoaded(_ d: Dataset, read: Int, accepted: Int, rejected: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = d.series("A", "Ward")
        #expect(s?.observations.contains { $0.line == 2 && $0.eligible == 200 && $0.uptakePct == 50 } == true, sourceLocation: sourceLocation)
        let sum = d.summary("uptake.csv")
        #expect(sum?.read == read, sourceLocation: sourceLocation)
        #expect(sum?.accepted == accepted, sourceLocation: sourceLocation)
        #expect(sum?.rejected == rejected, sourceLocation: sourceLocation)
        #expect(d.summary("partners.csv")?.accepted == 2, sourceLocation: sourceLocation)
        expectCountsAddUp(d, sourceLocation: sourceLocation)
    }

    @Test func nonNumericEligible() {
        let d = loadUptake(good + "A,Ward,2024-02,lots,50,\n")
        expectOne(d, "uptake.csv", line: 3, column: 4, .error, naming: ["eligible", "'lots'"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
        #expect(d.diagnostics.count == 1)
    }

    @Test func negativeEligible() {
        let d = loadUptake(good + "A,Ward,2024-02,-5,50,\n")
        expectOne(d, "uptake.csv", line: 3, column: 4, .error, naming: ["eligible", "-5", "negative"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test func uptakeOutsideZeroToHundred() {
        let d = loadUptake(good + "A,Ward,2024-02,200,104,\n")
        expectOne(d, "uptake.csv", line: 3, column: 5, .error, naming: ["uptake_pct", "104", "0-100"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test func screenedMoreThanEligible() {
        let d = loadUptake(good + "A,Ward,2024-02,100,,150\n")
        expectOne(d, "uptake.csv", line: 3, column: 6, .error, naming: ["screened", "150", "100"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test(arguments: ["2024-13", "2023-02-30", "2024-00", "24-01", "2023-02-29"])
    func invalidPeriod(_ period: String) {
        let d = loadUptake(good + "A,Ward,\(period),200,40,\n")
        expectOne(d, "uptake.csv", line: 3, column: 3, .error, naming: ["period", "'\(period)'"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test func leapDayIsAValidPeriod() {
        let d = loadUptake(good + "A,Ward,2024-02-29,200,40,\n")
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map(\.formatted))")
        #expect(d.series("A", "Ward")?.observations.count == 2)
    }

    @Test func duplicateRowRejectsTheLaterLineAndNamesTheEarlier() {
        let d = loadUptake(good + "A,Ward,2024-07,210,55,\nA,Ward,2024-01,999,11,\n")
        let diag = expectOne(d, "uptake.csv", line: 4, .error, naming: ["line 2", "'A'", "'Ward'", "2024-01"])
        #expect(diag?.message.contains("duplicate") == true)
        let obs = d.series("A", "Ward")?.observations ?? []
        #expect(obs.map(\.line) == [2, 3])
        #expect(obs.first?.eligible == 200)
        #expect(obs.first?.uptakePct == 50)
        #expect(!obs.contains { $0.eligible == 999 })
        expectGoodRowLoaded(d, read: 3, accepted: 2, rejected: 1)
    }

    @Test func duplicateInOtherOrderStillRejectsTheLaterLine() {
        // Line 3 repeats line 2; line 4 comes earlier in time, so the series must be re-sorted.
        let d = loadUptake(good + "A,Ward,2024-01,999,11,\nA,Ward,2023-12,150,40,\n")
        expectOne(d, "uptake.csv", line: 3, .error, naming: ["line 2"])
        #expect(d.series("A", "Ward")?.observations.map(\.line) == [4, 2])
        expectGoodRowLoaded(d, read: 3, accepted: 2, rejected: 1)
    }

    @Test func partnerMissingFromPartnersCSVIsAWarningAndLoads() {
        let d = loadUptake(good + "Zed Trust,Ward,2024-01,100,20,\nZed Trust,Ward,2024-07,100,25,\n")
        expectOne(d, "uptake.csv", line: 3, .warning, naming: ["'Zed Trust'", "partners.csv"])
        #expect(d.series("Zed Trust", "Ward")?.observations.count == 2)
        #expect(d.errorCount == 0)
        expectGoodRowLoaded(d, read: 3, accepted: 3, rejected: 0)
    }

    @Test func uptakeAndScreenedDisagreeBeyondRounding() {
        let d = loadUptake(good + "A,Ward,2023-12,195,30.8,70\n")
        expectOne(d, "uptake.csv", line: 3, column: 5, .warning, naming: ["30.8", "screened 70 of eligible 195", "35.90%", "the count is exact and is used"])
        // Counts win (issue 9): the row loads with screened / eligible, exactly.
        #expect(d.series("A", "Ward")?.observations.first { $0.line == 3 }?.uptakePct == 70.0 / 195.0 * 100)
        #expect(d.series("A", "Ward")?.observations.first { $0.line == 3 }?.figure == .counts(screened: 70, eligible: 195))
        expectGoodRowLoaded(d, read: 2, accepted: 2, rejected: 0)
    }

    @Test func uptakeAndScreenedAgreeWithinRounding() {
        let d = loadUptake(good + "A,Ward,2023-12,195,30.8,60\nA,Ward,2024-07,3,33,1\nA,Ward,2025-01,3,33.3%,1\n")
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map(\.formatted))")
        expectGoodRowLoaded(d, read: 4, accepted: 4, rejected: 0)
    }

    @Test func noUptakeGiven() {
        let d = loadUptake(good + "A,Ward,2024-02,200,,\n")
        expectOne(d, "uptake.csv", line: 3, column: 5, .error, naming: ["uptake_pct", "screened"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test func emptyPartner() {
        let d = loadUptake(good + ",Ward,2024-02,200,10,\n")
        expectOne(d, "uptake.csv", line: 3, column: 1, .error, naming: ["partner"])
        expectGoodRowLoaded(d, read: 2, accepted: 1, rejected: 1)
    }

    @Test func unterminatedQuote() {
        let d = loadUptake(good + "A,\"Ward,2024-02,200,10,\nA,Ward,2024-03,200,12,\n")
        expectOne(d, "uptake.csv", line: 3, .error, naming: ["unterminated quote"])
        #expect(d.series("A", "Ward")?.observations.map(\.line) == [2, 4])
        expectGoodRowLoaded(d, read: 3, accepted: 2, rejected: 1)
    }

    @Test func wrongColumnCount() {
        let d = loadUptake(good + "A,Ward,2024-02,200\nA,Ward,2024-03,200,10,,extra\n")
        expectOne(d, "uptake.csv", line: 3, .error, naming: ["expected 6", "found 4"])
        expectOne(d, "uptake.csv", line: 4, .error, naming: ["expected 6", "found 7"])
        expectGoodRowLoaded(d, read: 3, accepted: 1, rejected: 2)
    }

    @Test func unknownColumnIsAWarningAndRowsLoad() {
        let d = loadDataset([
            "partners.csv": partnersAB,
            "uptake.csv": "partner,proxy_population,colour,period,eligible,uptake_pct\nA,Ward,blue,2024-01,200,50\n",
        ])
        expectOne(d, "uptake.csv", line: 1, column: 3, .warning, naming: ["'colour'"])
        #expect(d.series("A", "Ward")?.observations.first?.uptakePct == 50)
        #expect(d.summary("uptake.csv")?.accepted == 1)
        #expect(d.errorCount == 0)
        expectCountsAddUp(d)
    }

    @Test func missingRequiredColumnRejectsEveryRow() {
        let d = loadDataset([
            "partners.csv": partnersAB,
            "uptake.csv": "partner,proxy_population,eligible,uptake_pct\nA,Ward,200,50\nB,Ward,100,40\n",
        ])
        expectOne(d, "uptake.csv", line: 1, .error, naming: ["'period'"])
        expectOne(d, "uptake.csv", line: nil, .error, naming: ["2 rows"])
        #expect(d.series.isEmpty)
        #expect(d.summary("uptake.csv") == FileSummary(file: "uptake.csv", read: 2, accepted: 0, rejected: 2))
        // The rest of the dataset still loads.
        #expect(d.partners.map(\.name) == ["A", "B"])
        expectCountsAddUp(d)
    }

    @Test func missingBothUptakeColumns() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": "partner,proxy_population,period,eligible\nA,Ward,2024-01,200\n"])
        expectOne(d, "uptake.csv", line: 1, .error, naming: ["'uptake_pct'", "'screened'"])
        #expect(d.summary("uptake.csv")?.rejected == 1)
        expectCountsAddUp(d)
    }

    @Test func invalidUTF8InPartnerNamesTheLine() {
        var bytes = Array((uptakeHeader + good).utf8)
        bytes += [0x41, 0xFF, 0xFE] + Array(",Ward,2024-02,200,10,\nB,Ward,2024-02,100,20,\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "test", rawFiles: ["partners.csv": Array(partnersAB.utf8), "uptake.csv": bytes]))
        expectOne(d, "uptake.csv", line: 3, column: 1, .error, naming: ["invalid UTF-8", "partner"])
        #expect(d.series("B", "Ward")?.observations.first?.line == 4)
        expectGoodRowLoaded(d, read: 3, accepted: 2, rejected: 1)
    }

    @Test func invalidUTF8InSourceNamesTheLine() {
        var bytes = Array("partner,proxy_population,period,eligible,uptake_pct,source\nA,Ward,2024-01,200,50,ok\n".utf8)
        bytes += Array("B,Ward,2024-02,100,20,bad".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "test", rawFiles: ["partners.csv": Array(partnersAB.utf8), "uptake.csv": bytes]))
        #expect(d.series("A", "Ward")?.source == "ok")
        expectCountsAddUp(d)
        do {
            #expect(d.diagnostics(in: "uptake.csv").contains { $0.line == 3 && $0.message.contains("UTF-8") })
        }
    }
}

// MARK: - Whole files, other files

@Suite struct FileDiagnosticsTests {
    let goodUptake = uptakeHeader + "A,Ward,2024-01,200,50,\n"

    @Test func missingRequiredUptakeFile() {
        let d = loadDataset(["partners.csv": partnersAB])
        expectOne(d, "uptake.csv", line: nil, .error, naming: ["required file is missing"])
        #expect(d.summary("uptake.csv")?.present == false)
        #expect(d.partners.count == 2)
        #expect(d.summary("partners.csv") == FileSummary(file: "partners.csv", read: 2, accepted: 2, rejected: 0))
        expectCountsAddUp(d)
    }

    @Test func missingRequiredPartnersFile() {
        let d = loadDataset(["uptake.csv": goodUptake])
        expectOne(d, "partners.csv", line: nil, .error, naming: ["required file is missing"])
        // Without partners.csv no row can be "missing from partners.csv".
        #expect(d.warnings(in: "uptake.csv").isEmpty)
        #expect(d.series("A", "Ward")?.observations.count == 1)
        expectCountsAddUp(d)
    }

    struct Denied: Error, CustomStringConvertible { var description: String { "Permission denied" } }

    struct ThrowingSource: DatasetSource {
        let inner: InMemorySource
        let broken: String
        var origin: String { "throwing" }
        func read(_ relativePath: String) throws -> [UInt8]? {
            if relativePath == broken { throw Denied() }
            return try inner.read(relativePath)
        }
        func list(_ directory: String) -> [String] { inner.list(directory) }
    }

    @Test func unreadableFile() {
        let inner = InMemorySource(origin: "x", files: ["partners.csv": partnersAB, "uptake.csv": goodUptake, "surveys.csv": "partner,question\nA,q\n"])
        let d = DatasetLoader.load(from: ThrowingSource(inner: inner, broken: "partners.csv"))
        expectOne(d, "partners.csv", line: nil, .error, naming: ["cannot read", "Permission denied"])
        #expect(d.partners.isEmpty)
        #expect(d.series("A", "Ward")?.observations.count == 1)
        #expect(d.surveys.count == 1)
        #expect(d.summary("uptake.csv")?.accepted == 1)
        expectCountsAddUp(d)
    }

    @Test func directoryWhereAFileShouldBe() throws {
        // DirectorySource throws DatasetSourceError for a directory named like a file.
        let root = "/tmp/uptake-coretests-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        #expect(mkdir(root, 0o755) == 0)
        #expect(mkdir(root + "/partners.csv", 0o755) == 0)
        let fd = open(root + "/uptake.csv", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let text = Array(goodUptake.utf8)
        #expect(text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count)
        close(fd)
        defer { unlink(root + "/uptake.csv"); rmdir(root + "/partners.csv"); rmdir(root) }
        let d = DatasetLoader.load(from: DirectorySource(path: root))
        expectOne(d, "partners.csv", line: nil, .error, naming: ["cannot read", "is a directory"])
        #expect(d.series("A", "Ward")?.observations.count == 1)
        expectCountsAddUp(d)
    }

    @Test func unreadableCaseStudy() {
        let inner = InMemorySource(origin: "x", files: [
            "partners.csv": partnersAB, "uptake.csv": goodUptake,
            "case-studies/a.md": "title: A\n---\nBody\n", "case-studies/b.md": "title: B\n---\nBody\n",
        ])
        let d = DatasetLoader.load(from: ThrowingSource(inner: inner, broken: "case-studies/b.md"))
        expectOne(d, "case-studies/b.md", line: nil, .error, naming: ["Permission denied"])
        #expect(d.caseStudies.map(\.title) == ["A"])
        #expect(d.summary("case-studies/") == FileSummary(file: "case-studies/", read: 2, accepted: 1, rejected: 1))
    }

    @Test func duplicatePartner() {
        let d = loadDataset(["partners.csv": "partner,area\nA,North\nB,South\nA,Elsewhere\n", "uptake.csv": goodUptake])
        expectOne(d, "partners.csv", line: 4, column: 1, .error, naming: ["'A'", "line 2"])
        #expect(d.partners.map(\.name) == ["A", "B"])
        #expect(d.partner(named: "A")?.area == "North")
        #expect(d.summary("partners.csv") == FileSummary(file: "partners.csv", read: 3, accepted: 2, rejected: 1))
        expectCountsAddUp(d)
    }

    @Test func partnersBadNumber() {
        let d = loadDataset(["partners.csv": "partner,residents_reached\nA,60\nB,many\n", "uptake.csv": goodUptake])
        expectOne(d, "partners.csv", line: 3, column: 2, .error, naming: ["'many'", "residents_reached"])
        #expect(d.partners.map(\.name) == ["A"])
        expectCountsAddUp(d)
    }

    @Test func badIndicatorMeasure() {
        let indicators = """
        indicator,title,group,value,measure
        le,Life expectancy,Ward A,80,value
        le,,Ward B,75,median
        gap,Gap,Ward C,5,gap

        """
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake, "indicators.csv": indicators])
        expectOne(d, "indicators.csv", line: 3, column: 5, .error, naming: ["'median'", "value, gap or ratio"])
        #expect(d.indicators.map(\.id) == ["le", "gap"])
        #expect(d.indicators.first?.groups.map(\.name) == ["Ward A"])
        #expect(d.summary("indicators.csv") == FileSummary(file: "indicators.csv", read: 3, accepted: 2, rejected: 1))
        expectCountsAddUp(d)
    }

    @Test func surveyOutOfRangeAndUnknownPartner() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake,
                             "surveys.csv": "partner,question,result_pct\nA,q1,90\nA,q2,120\nNobody,q3,50\n"])
        expectOne(d, "surveys.csv", line: 3, column: 3, .error, naming: ["120", "0-100"])
        expectOne(d, "surveys.csv", line: 4, .warning, naming: ["'Nobody'"])
        #expect(d.surveys.map(\.question) == ["q1", "q3"])
        expectCountsAddUp(d)
    }

    @Test func principleBadKind() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake,
                             "principles.csv": "framework,kind,text\nF,principle,Be kind\nF,slogan,Nope\n"])
        expectOne(d, "principles.csv", line: 3, column: 2, .error, naming: ["'slogan'"])
        #expect(d.principles.map(\.text) == ["Be kind"])
        #expect(d.summary("principles.csv") == FileSummary(file: "principles.csv", read: 2, accepted: 1, rejected: 1))
    }

    @Test func caseStudyWithoutHeader() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake,
                             "case-studies/good.md": "title: Good\npartner: A; B\n---\n# Body\n",
                             "case-studies/noheader.md": "# Just a body\nwith no header\n"])
        expectOne(d, "case-studies/noheader.md", line: 1, .error, naming: ["no header", "---"])
        #expect(d.caseStudies.map(\.title) == ["Good"])
        #expect(d.caseStudies.first?.partners == ["A", "B"])
        #expect(d.summary("case-studies/") == FileSummary(file: "case-studies/", read: 2, accepted: 1, rejected: 1))
    }

    @Test func caseStudyWithoutTitle() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake,
                             "case-studies/good.md": "title: Good\n---\nBody\n",
                             "case-studies/untitled.md": "place: Walsall\ncolour: red\n---\nBody\n"])
        expectOne(d, "case-studies/untitled.md", line: 1, .error, naming: ["title"])
        expectOne(d, "case-studies/untitled.md", line: 2, .warning, naming: ["'colour'"])
        #expect(d.caseStudies.map(\.title) == ["Good"])
        #expect(d.summary("case-studies/") == FileSummary(file: "case-studies/", read: 2, accepted: 1, rejected: 1))
    }

    @Test func badTOMLSyntax() {
        let toml = "title = \"Ok\"\narea = \"Walsall\"\nfunding = [unclosed\n"
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake, "dataset.toml": toml])
        let errors = d.errors(in: "dataset.toml")
        #expect(errors.count == 1)
        #expect(errors.first?.line == 3, "\(errors.map(\.formatted))")
        #expect(errors.first?.message.contains("TOML syntax error") == true)
        // Defaults are used and the data loads.
        #expect(d.metadata.title == "Untitled dataset")
        #expect(d.series("A", "Ward")?.observations.count == 1)
        expectCountsAddUp(d)
    }

    @Test func noTOMLIsAWarning() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": goodUptake])
        expectOne(d, "dataset.toml", line: nil, .warning, naming: ["no dataset.toml"])
        #expect(d.errorCount == 0)
    }

    @Test func emptyRequiredFilesAreErrors() {
        let d = loadDataset(["partners.csv": partnersAB, "uptake.csv": ""])
        expectOne(d, "uptake.csv", line: nil, .error, naming: ["empty"])
        let e = loadDataset(["partners.csv": "", "uptake.csv": goodUptake])
        expectOne(e, "partners.csv", line: nil, .error, naming: ["empty"])
        #expect(d.summary("uptake.csv") == FileSummary(file: "uptake.csv", read: 0, accepted: 0, rejected: 0))
    }

    @Test func diagnosticFormatting() {
        #expect(Diagnostic(file: "uptake.csv", line: 3, column: 4, severity: .error, message: "m").formatted == "uptake.csv:3:4: error: m")
        #expect(Diagnostic(file: "uptake.csv", line: 3, severity: .warning, message: "m").formatted == "uptake.csv:3: warning: m")
        #expect(Diagnostic(file: "uptake.csv", line: nil, column: 2, severity: .error, message: "m").formatted == "uptake.csv: error: m")
    }

    @Test func diagnosticsAreSortedByFileThenLine() {
        let d = loadDataset(["partners.csv": "partner\nA\nA\n", "uptake.csv": uptakeHeader + "A,W,2024-13,1,1,\nA,W,2024-01,x,1,\n"])
        let located = d.diagnostics.filter { $0.line != nil }.map { "\($0.file):\($0.line!)" }
        #expect(located == ["partners.csv:3", "uptake.csv:2", "uptake.csv:3"])
    }
}
