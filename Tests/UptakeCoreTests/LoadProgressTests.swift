import Testing
@testable import UptakeCore

/// The load's progress hook: bytes and rows reported as `uptake.csv` is parsed, and cancellation.
@Suite struct LoadProgressTests {
    static let partners = "partner,area,funding_gbp,residents_reached,reported_change_pct,summary\nP0,A,1,1,1,s\n"

    static func source(uptake: [UInt8]) -> InMemorySource {
        InMemorySource(origin: "test", rawFiles: ["uptake.csv": uptake, "partners.csv": Array(partners.utf8)])
    }

    /// A source that cancels `progress` when `uptake.csv` is read, so the parse starts already cancelled.
    struct CancellingSource: DatasetSource {
        let inner: InMemorySource
        let progress: LoadProgress
        var origin: String { inner.origin }
        func read(_ relativePath: String) throws -> [UInt8]? {
            if relativePath == "uptake.csv" { progress.cancel() }
            return try inner.read(relativePath)
        }
        func list(_ directory: String) -> [String] { inner.list(directory) }
    }

    @Test(arguments: [false, true]) func aFullLoadReachesTheTotal(big: Bool) {
        // The big file is read by two threads (above the parallel threshold); the small one by one.
        let bytes = big ? ParallelLoadTests.bigFile()
            : Array("partner,proxy_population,period,eligible,uptake_pct\nP0,W,2024-01,100,50\nP0,W,2024-02,100,51\n".utf8)
        let progress = LoadProgress()
        let dataset = DatasetLoader.load(from: Self.source(uptake: bytes), progress: progress)
        #expect(progress.totalBytes == bytes.count)
        #expect(progress.bytesDone == bytes.count)
        #expect(progress.fraction == 1)
        let records = bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }   // no quoted line breaks in these files
        #expect(progress.rowsDone == records)
        #expect(!progress.isCancelled)
        #expect(!dataset.diagnostics.contains { $0.message == DatasetLoader.cancelledMessage })
        #expect(progress.fileName.hasPrefix("case-studies") || progress.fileName.hasSuffix(".csv"))
        // The same dataset as a load without a progress.
        #expect(dataset.series == DatasetLoader.load(from: Self.source(uptake: bytes)).series)
    }

    @Test func aPreCancelledProgressStopsTheLoad() {
        let progress = LoadProgress()
        progress.cancel()
        let dataset = DatasetLoader.load(from: Self.source(uptake: ParallelLoadTests.bigFile()), progress: progress)
        #expect(dataset.series.isEmpty)
        #expect(dataset.partners.isEmpty)
        let cancelled = dataset.diagnostics.filter { $0.message == DatasetLoader.cancelledMessage }
        #expect(cancelled.count == 1)
        #expect(cancelled.first?.severity == .error)
        #expect(dataset.errorCount >= 1)
        #expect(progress.bytesDone == 0)
    }

    @Test func cancellingDuringUptakeStopsWithinAChunk() {
        let progress = LoadProgress()
        let bytes = ParallelLoadTests.bigFile()   // about 108,000 rows
        let source = CancellingSource(inner: Self.source(uptake: bytes), progress: progress)
        let dataset = DatasetLoader.load(from: source, progress: progress)
        // Each of the (at most three) reads stops at its first report: at most a chunk of rows each.
        #expect(progress.rowsDone <= 3 * CSVReader.progressChunk)
        #expect(progress.bytesDone < bytes.count / 10)
        #expect(dataset.series.isEmpty)
        let cancelled = dataset.diagnostics.filter { $0.message == DatasetLoader.cancelledMessage }
        #expect(cancelled.count == 1)
        #expect(cancelled.first?.file == "uptake.csv")
        #expect(!dataset.partners.isEmpty)   // partners.csv was read before the cancel
    }
}
