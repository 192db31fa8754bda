import Foundation
import Testing
@testable import UptakeCore

/// Issue 14: broken and hostile files are refused or read, never a crash, a hang or silent loss.
@Suite struct HostileInputTests {
    /// A fresh directory with the given files (text), removed by the caller.
    static func directory(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "uptake-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/case-studies", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
        return dir
    }

    static let minimal = ["partners.csv": partnersAB, "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"]

    // MARK: - Only regular files

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let dir = try Self.directory(["partners.csv": partnersAB])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/uptake.csv", 0o644) == 0)
        let d = DatasetLoader.load(from: DirectorySource(path: dir))   // would block forever in open()
        let e = try #require(d.errors(in: "uptake.csv").first)
        #expect(e.message.contains("FIFO"), "\(e.message)")
        #expect(e.message.contains("not a regular file"))
    }

    @Test func symlinkToDevZeroIsRefused() throws {
        let dir = try Self.directory(Self.minimal)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/indicators.csv", withDestinationPath: "/dev/zero")
        let d = DatasetLoader.load(from: DirectorySource(path: dir))   // would grow memory without bound
        let e = try #require(d.errors(in: "indicators.csv").first)
        #expect(e.message.contains("character device"), "\(e.message)")
        #expect(d.series.count == 1)
    }

    @Test func fileOverTheLimitIsRefusedNamingTheLimit() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: FileLimits.maximumTextFileBytes + 1)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "partners.csv": Array(partnersAB.utf8), "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8), "surveys.csv": big]))
        let e = try #require(d.errors(in: "surveys.csv").first)
        #expect(e.message.contains("64 MiB"), "\(e.message)")
        #expect(d.series.count == 1)
    }

    @Test func csvReaderRefusesInputBeyondThirtyTwoBitOffsets() {
        // The guard runs before any byte is touched, so one real byte stands in for 2 GiB.
        let one = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { one.deallocate() }
        one.initialize(to: 65)
        var errors: [CSVSyntaxError] = []
        var records = 0
        CSVReader.read(UnsafeBufferPointer(start: one, count: CSVReader.maximumInputSize + 1), onError: { errors.append($0) }) { _ in records += 1 }
        #expect(records == 0)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("2 GiB") == true)
    }

    @Test func fileThatChangesWhileReadIsReportedNotTrusted() throws {
        // /proc files claim size 0 and then deliver bytes: exactly a file that changed under the reader.
        #expect(throws: DatasetSourceError.self) { try DirectorySource.readFile("/proc/self/status") }
        do { _ = try DirectorySource.readFile("/proc/self/status") } catch let e as DatasetSourceError {
            #expect(e.reason.contains("changed while it was being read"), "\(e.reason)")
        }
    }

    @Test func regularFileReadsExactly() throws {
        let dir = try Self.directory(Self.minimal)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = try #require(try DirectorySource.readFile(dir + "/partners.csv"))
        #expect(bytes == Array(partnersAB.utf8))
        #expect(try DirectorySource.readFile(dir + "/absent.csv") == nil)
    }

    // MARK: - Nothing vanishes silently

    @Test func nulInDatasetTomlIsAnErrorNamingTheLine() throws {
        let toml: [UInt8] = Array("title = \"T\"\narea = \"X".utf8) + [0] + Array("Y\"\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "dataset.toml": toml, "partners.csv": Array(partnersAB.utf8), "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8)]))
        let e = try #require(d.errors(in: "dataset.toml").first)
        #expect(e.line == 2)
        #expect(e.column == 10)
        #expect(e.message.contains("NUL"))
    }

    @Test func crOnlyLineEndsAreRead() {
        let d = loadDataset([
            "partners.csv": partnersAB.replacingOccurrences(of: "\n", with: "\r"),
            "uptake.csv": (uptakeHeader + "A,W,2024-01,10,50,\nB,W,2024-13,10,50,\nB,W,2024-02,10,50,\n").replacingOccurrences(of: "\n", with: "\r"),
        ])
        #expect(d.partners.count == 2)
        #expect(d.series.count == 2)
        expectOne(d, "uptake.csv", line: 3, column: 3, .error, naming: ["2024-13"])
        #expect(d.fileSummaries.first { $0.file == "uptake.csv" }?.read == 3)
    }

    @Test func crlfCaseStudyIsRead() throws {
        var files = Self.minimal
        files["case-studies/a.md"] = "title: Si's story\r\npartner: A\r\n---\r\nBody line one.\r\nLine two.\r\n"
        let d = loadDataset(files)
        #expect(d.diagnostics(in: "case-studies/a.md").isEmpty, "\(d.diagnostics.map(\.formatted))")
        let study = try #require(d.caseStudies.first)
        #expect(study.title == "Si's story")
        #expect(study.body == "Body line one.\nLine two.")
        #expect(!study.body.contains("\r"))
    }

    @Test func loopingCaseStudiesDirectoryIsAnError() throws {
        let dir = try Self.directory(Self.minimal)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/case-studies")
        try FileManager.default.createSymbolicLink(atPath: dir + "/case-studies", withDestinationPath: "case-studies")
        let d = DatasetLoader.load(from: DirectorySource(path: dir))
        let e = try #require(d.errors(in: "case-studies/").first)
        #expect(e.message.contains("cannot read the directory"))
        #expect(d.fileSummaries.first { $0.file == "case-studies/" }?.present == true)
    }

    @Test func caseStudiesThatIsAFileIsAnError() throws {
        let dir = try Self.directory(Self.minimal)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/case-studies")
        try "x".write(toFile: dir + "/case-studies", atomically: false, encoding: .utf8)
        let d = DatasetLoader.load(from: DirectorySource(path: dir))
        #expect(d.errors(in: "case-studies/").count == 1)
    }

    @Test func headerOnlyRequiredFilesAreErrors() {
        let d = loadDataset(["partners.csv": "partner,area\n", "uptake.csv": uptakeHeader])
        expectOne(d, "uptake.csv", line: nil, .error, naming: ["header only"])
        expectOne(d, "partners.csv", line: nil, .error, naming: ["header only"])
        #expect(CheckSummary(dataset: d).text.contains("2 errors"))
    }

    @Test func utf16FileIsNamedAsSuch() throws {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(partnersAB.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "partners.csv": utf16, "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8)]))
        let e = try #require(d.errors(in: "partners.csv").first)
        #expect(e.message.contains("UTF-16 little-endian"))
        #expect(e.message.contains("CSV UTF-8"))
        #expect(d.series.count == 1)
        // Read on the partners thread: the refusal is its file's one error, and the file counts as present but unread.
        #expect(d.errors(in: "partners.csv").count == 1)
        #expect(d.summary("partners.csv") == FileSummary(file: "partners.csv", present: true))
        #expect(d.partners.isEmpty)
    }

    @Test func refusedDatasetTomlIsNotCalledAbsent() {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "dataset.toml": [0xFE, 0xFF, 0, 0x74], "partners.csv": Array(partnersAB.utf8),
            "uptake.csv": Array((uptakeHeader + "A,W,2024-01,10,50,\n").utf8)]))
        let messages = d.diagnostics(in: "dataset.toml").map(\.message)
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.contains("UTF-16 big-endian") == true)
    }

    @Test func firstNonUTF8DiagnosticOfAFileCarriesTheHint() {
        let uptake: [UInt8] = Array(uptakeHeader.utf8) + [0x41, 0xE9, 0x2C] + Array("W,2024-01,10,50,\n".utf8)
            + [0x42, 0xE9, 0x2C] + Array("W,2024-01,10,50,\n".utf8)
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", rawFiles: [
            "partners.csv": Array(partnersAB.utf8), "uptake.csv": uptake]))
        let utf8 = d.errors(in: "uptake.csv").filter { $0.message.contains("UTF-8") }
        #expect(utf8.count == 2)
        #expect(utf8.filter { $0.message.contains("File > Save As > CSV UTF-8") }.map(\.line) == [2])
    }

    // MARK: - Numbers into bounded types

    @Test(arguments: ["10000000000000000000", "9223372036854775807", "1e19", "1000000000001"])
    func hugeFundingIsAnErrorNotATrap(_ value: String) {
        let d = loadDataset(["partners.csv": "partner,funding_gbp\nA,\(value)\nB,100\n", "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"])
        #expect(d.errors(in: "partners.csv").count == 1, "\(d.diagnostics.map(\.formatted))")
        #expect(d.partner(named: "A") == nil)
        #expect(d.partner(named: "B")?.fundingGBP == 100)
        _ = Report(dataset: d).render(.text)
    }

    @Test func hugeWholeNumbersSayTheyAreTooLarge() {
        let d = loadDataset(["partners.csv": "partner,residents_reached\nA,99999999999999999999\nB,3000000000\n", "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\n"])
        expectOne(d, "partners.csv", line: 2, column: 2, .error, naming: ["too large"])
        expectOne(d, "partners.csv", line: 3, column: 2, .error, naming: ["too large"])
    }

    @Test func orderZeroIsTooSmallNotNegative() {
        let d = loadDataset(Self.minimal.merging(["principles.csv": "framework,kind,order,text\nF,principle,0,T\nF,principle,-1,T\n"]) { a, _ in a })
        let zero = expectOne(d, "principles.csv", line: 2, column: 3, .error, naming: ["must be 1 or more"])
        #expect(zero?.message.contains("negative") == false)
        expectOne(d, "principles.csv", line: 3, column: 3, .error, naming: ["negative"])
    }

    @Test func nonsensicalFundingSettingsAreWarnings() {
        let toml = "title = \"T\"\n[funding]\npartners = -16\nmin_gbp = 50000\nmax_gbp = 40000\ntotal_gbp = 1e300\n"
        let d = loadDataset(Self.minimal.merging(["dataset.toml": toml]) { a, _ in a })
        let w = d.diagnostics(in: "dataset.toml").filter { $0.severity == .warning }.map(\.message)
        #expect(w.contains { $0.contains("funding.partners") }, "\(w)")
        #expect(w.contains { $0.contains("min_gbp") && $0.contains("above") }, "\(w)")
        #expect(w.contains { $0.contains("total_gbp") }, "\(w)")
        #expect(d.metadata.funding?.partners == nil)
        #expect(d.metadata.funding?.totalGBP == nil)
        _ = Report(dataset: d).render(.text)
        let huge = loadDataset(Self.minimal.merging(["dataset.toml": "[funding]\npartners = 1e300\n"]) { a, _ in a })
        #expect(huge.metadata.funding?.partners == nil)
    }

    @Test func monthAndDayOfThatMonthInOneSeriesIsAWarning() {
        let d = loadDataset(["partners.csv": partnersAB,
                             "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\nA,W,2024-01-01,10,60,\nA,W,2024-02-01,10,60,\n"])
        expectOne(d, "uptake.csv", line: 3, .warning, naming: ["2024-01-01", "2024-01", "line 2", "two spellings of one period"])
        #expect(d.series("A", "W")?.observations.count == 3)
    }

    // MARK: - Terminal-bound output

    @Test(arguments: [ReportFormat.text, .markdown])
    func periodLabelsCannotReachTheTerminal(_ format: ReportFormat) {
        let label = "\\u001B]2;pwned\\u0007\\u009B31m\\u202E\\r\\b\\u2028"
        let toml = "title = \"T\"\n[periods]\n\"2024-01\" = \"\(label)\"\n\"2024-07\" = \"\(label)\"\n"
        let d = loadDataset(["dataset.toml": toml, "partners.csv": partnersAB,
                             "uptake.csv": uptakeHeader + "A,W,2024-01,10,50,\nA,W,2024-07,10,60,\n"])
        #expect(d.metadata.periodLabels["2024-01"]?.contains("\u{1B}") == true)
        let out = Report(dataset: d).render(format)
        #expect(out.contains("pwned"))
        #expect(!out.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) })
    }

    @Test func sanitizeDocumentKeepsLineFeedsOnly() {
        #expect(TerminalText.sanitizeDocument("a\nb") == "a\nb")
        #expect(TerminalText.sanitizeDocument("a\u{1B}[2J\r\n\u{2028}") == "a\u{241B}[2J\u{240D}\n\u{FFFD}")
    }
}

@Suite struct AbsentCaseStudiesTests {
    /// A dataset without a case-studies/ folder lists it as absent, not as a folder with nothing read.
    @Test func missingCaseStudiesFolderIsAbsent() {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\nA\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,100,50\n",
        ]))
        #expect(d.fileSummaries.first { $0.file == "case-studies/" }?.present == false)
    }
}

@Suite struct ManyDecimalsTests {
    /// A published percentage with more decimals than an Int64 can scale loads without trapping.
    @Test func seventeenDecimalsDoNotTrap() {
        let d = DatasetLoader.load(from: InMemorySource(origin: "t", files: [
            "partners.csv": "partner\nA\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,257,99.12345678901234567\nA,W,2024-06,257,35.6\n",
        ]))
        #expect(d.series.count == 1)
        _ = Report(dataset: d).render(.text)
        _ = UptakeTable(dataset: d)
    }
}

@Suite struct MetadataReuseTests {
    /// Reusing the last dataset.toml result gives exactly what a fresh parse gives, diagnostics included.
    @Test func theSameBytesGiveTheSameMetadataAndDiagnostics() {
        let toml = Array("title = \"T\"\nunknown_key = 1\n".utf8)
        var first: [Diagnostic] = [], second: [Diagnostic] = []
        let a = MetadataLoader.load(bytes: toml, diagnostics: &first)
        let b = MetadataLoader.load(bytes: toml, diagnostics: &second)
        #expect(a == b && a.title == "T")
        #expect(first == second && !first.isEmpty)
        var third: [Diagnostic] = []
        let c = MetadataLoader.load(bytes: Array("title = \"U\"\n".utf8), diagnostics: &third)
        #expect(c.title == "U" && third.isEmpty)
    }
}
