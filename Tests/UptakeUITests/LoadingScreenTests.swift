import Synchronization
import Testing
import UptakeCore
@testable import UptakeUI

/// A load that the test moves on by hand: what it has read so far, whether it was cancelled.
final class SteppedLoad: Sendable {
    private let status = Mutex(LoadStatus())
    private let cancelled = Mutex(false)
    func advance(_ s: LoadStatus) { status.withLock { $0 = s } }
    var wasCancelled: Bool { cancelled.withLock { $0 } }
    func cancel() { cancelled.withLock { $0 = true } }
    func read() -> LoadStatus { status.withLock { $0 } }
    func finish() -> Action {
        wasCancelled ? .loadCancelled : .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "2026-11-29 14:32"))
    }
}

/// The screen before the first data: drawn at once, refreshed from the load's progress on a timer, Esc cancels.
@MainActor @Suite struct LoadingScreenTests {
    func start(_ load: SteppedLoad, _ work: DeferredWork, _ clock: FakeClock, _ backend: TestBackend) -> Runtime {
        var services = RuntimeServices(load: { load.finish() }, background: { work.add($0) }, write: { _, _ in nil })
        services.loadStatus = { load.read() }
        services.cancelLoad = { load.cancel() }
        var placeholder = Dataset(metadata: DatasetMetadata(), origin: "big-data")
        placeholder.metadata.title = "Loading big-data"
        let state = AppState(data: LoadedData(dataset: placeholder, loadedAt: ""), width: backend.size.width, height: backend.size.height)
        let rt = Runtime(state: state, backend: backend, clock: { clock.now }, services: services)
        rt.send(.reload)
        rt.redrawIfNeeded()
        return rt
    }

    func tick(_ rt: Runtime, _ clock: FakeClock, by seconds: Double) {
        clock.now += seconds
        rt.fireDueTimers()
        rt.drainInbox()
        rt.redrawIfNeeded()
    }

    @Test func theFirstFrameShowsTheLoadAndItsProgressFollows() {
        let load = SteppedLoad(), work = DeferredWork(), clock = FakeClock(), backend = TestBackend(width: 80, height: 24)
        let rt = start(load, work, clock, backend)
        #expect(rt.state.awaitingFirstData)
        #expect(backend.lastText.contains("Loading big-data"))
        #expect(backend.lastText.contains("Esc cancels"))
        #expect(!backend.lastText.contains("0 errors"))  // the placeholder's count would claim a clean dataset
        load.advance(LoadStatus(file: "uptake.csv", bytesDone: 27_940_000, totalBytes: 68_257_555, rowsDone: 412_345))
        tick(rt, clock, by: AppState.loadPollSeconds)
        #expect(backend.lastText.contains("Loading big-data/uptake.csv"))
        #expect(backend.lastText.contains("412,345 rows read · 27.9 MB of 68.3 MB"))
        #expect(backend.lastText.contains("40%"))
        // The loop keeps answering keys while the load runs: help opens and closes.
        rt.handle(.key(.character("?")))
        rt.redrawIfNeeded()
        #expect(backend.lastText.contains("cancel loading"))
        rt.handle(.key(.escape))
        #expect(rt.state.overlay == nil && !load.wasCancelled)
        // The data arrives: the pane replaces the loading screen and the progress timer stops.
        work.runAll()
        tick(rt, clock, by: 0.01)
        #expect(!rt.state.awaitingFirstData && rt.state.loadStatus == nil)
        #expect(backend.lastText.contains("Screen, Detect, Protect"))
        #expect(rt.nextDeadline == nil)
    }

    @Test func escCancelsTheFirstLoadAndRLoadsAgain() {
        let load = SteppedLoad(), work = DeferredWork(), clock = FakeClock(), backend = TestBackend(width: 80, height: 24)
        let rt = start(load, work, clock, backend)
        // Nothing to browse yet, but a pane chosen now is the one shown when the data comes.
        #expect(action(for: .character("d"), in: rt.state) == nil && action(for: .character("/"), in: rt.state) == nil)
        rt.handle(.key(.character("2")))
        #expect(rt.state.currentPane.id == "uptake" && rt.state.awaitingFirstData)
        rt.handle(.key(.escape))
        #expect(load.wasCancelled)
        work.runAll()
        tick(rt, clock, by: 0.01)
        #expect(rt.state.loadCancelled && !rt.state.loading)
        #expect(backend.lastText.contains("Loading cancelled: no data from big-data is shown."))
        #expect(backend.lastText.contains("r load again"))
        #expect(rt.nextDeadline == nil)
        rt.handle(.key(.character("r")))
        #expect(rt.state.loading && !rt.state.loadCancelled)
        #expect(work.count == 1)
    }

    @Test func aReloadWithDataOnScreenKeepsThePaneAndShowsThePercentage() {
        let clock = FakeClock(), backend = TestBackend(width: 120, height: 40), work = DeferredWork()
        var services = RuntimeServices(load: { .loadCancelled }, background: { work.add($0) }, write: { _, _ in nil })
        services.loadStatus = { LoadStatus(file: "uptake.csv", bytesDone: 50, totalBytes: 100, rowsDone: 10) }
        let rt = Runtime(state: sampleState(120, 40), backend: backend, clock: { clock.now }, services: services)
        rt.send(.reload)
        tick(rt, clock, by: AppState.loadPollSeconds)
        #expect(!rt.state.awaitingFirstData)
        #expect(backend.lastText.contains("loading sample-data… 50%") || backend.lastText.contains("loading embedded sample data… 50%"))
        #expect(backend.lastText.contains("Screen, Detect, Protect"))
        // Esc keeps its ordinary meaning during a reload; a cancelled reload keeps the data shown.
        #expect(action(for: .escape, in: rt.state) == .back)
        work.runAll()
        tick(rt, clock, by: 0.01)
        #expect(rt.state.notice == "reload cancelled: the data shown is from before it")
        #expect(backend.lastText.contains("Screen, Detect, Protect"))
    }

    @Test func aReloadClearsALoadsNoticeButNotASavedInsightsOne() {
        var s = sampleState(100, 30)
        update(&s, .loadFailed("uptake.csv: cannot read the file"))
        #expect(s.notice == "uptake.csv: cannot read the file")
        update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later")))
        #expect(s.notice == nil)
        // Saving an insight writes the bank in the data directory, which sets off a reload half a second later.
        update(&s, .insightChanged(error: nil))
        #expect(s.notice == "insight saved")
        update(&s, .filesChanged)
        update(&s, .reload)  // what the settle timer sends
        #expect(s.notice == "insight saved")
        update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later still")))
        #expect(s.notice == "insight saved")
        _ = pressCollecting(&s, [.down])
        #expect(s.notice == nil)
    }

    @Test func sizesReadAsPeopleSayThem() {
        #expect(AppState.megabytes(812_400) == "812 kB")
        #expect(AppState.megabytes(68_257_555) == "68.3 MB")
        #expect(AppState.megabytes(1_234_567_890) == "1,234.6 MB")
    }
}
