import Synchronization
import Testing
import UptakeCore
@testable import UptakeUI

/// What the fake loader serves next: good data, data with rejected rows, or an outright failure.
final class KioskLoads: Sendable {
    enum Next: Sendable { case good, rowErrors, missingFile }
    private let next = Mutex(Next.good)
    private let n = Mutex(0)
    var count: Int { n.withLock { $0 } }
    func serve(_ v: Next) { next.withLock { $0 = v } }
    func load() -> Action {
        n.withLock { $0 += 1 }
        var files = EmbeddedSampleData.files
        switch next.withLock({ $0 }) {
        case .good: break
        case .rowErrors:
            // Two rows with a count above the denominator: rejected, the rest loads.
            files["uptake.csv"] = files["uptake.csv"]! + "Rejected One,Nobody,2024-07,100,150.0,,test\nRejected Two,Nobody,2024-08,abc,10.0,,test\n"
        case .missingFile:
            files["uptake.csv"] = nil
        }
        return KioskState.loadAction(for: DatasetLoader.load(from: InMemorySource(origin: "sample-data", files: files)), loadedAt: "2026-11-29 14:32")
    }
}

/// The sample data with 60 more series: a list longer than the screen.
let longDataset: Dataset = {
    var files = EmbeddedSampleData.files
    var extra = ""
    for i in 1...60 { extra += "Partner \(i),Population \(i),2024-07,\(100 + i),\(40 + i % 30).0,,test\n" }
    files["uptake.csv"] = files["uptake.csv"]! + extra
    return DatasetLoader.load(from: InMemorySource(origin: "long", files: files))
}()

/// The clock the kiosk tests show.
let kioskWallClock = WallClock(time: "14:35", date: "Sun 29 Nov", secondsToNextMinute: 60)

@MainActor @Suite struct KioskTests {
    func kiosk(_ settings: KioskSettings = KioskSettings(), width: Int = 80, height: Int = 24, loads: KioskLoads = KioskLoads(),
               dataset: Dataset = sampleDataset) -> (Runtime, FakeClock, TestBackend) {
        let clock = FakeClock(), backend = TestBackend(width: width, height: height)
        var state = AppState(dataset: dataset, width: width, height: height, loadedAt: "2025-01-31 09:00")
        state.startKiosk(settings)
        let services = RuntimeServices(load: { loads.load() }, background: { $0() }, write: { _, _ in nil }, wallClock: { kioskWallClock })
        let rt = Runtime(state: state, backend: backend, clock: { clock.now }, services: services)
        rt.send(.kiosk(.start))
        rt.drainInbox()
        rt.redrawIfNeeded()
        return (rt, clock, backend)
    }

    /// Moves the fake clock on in steps, firing timers and drawing as the loop does.
    func advance(_ rt: Runtime, _ clock: FakeClock, to t: Double) {
        while clock.now < t {
            let next = min(t, rt.nextDeadline ?? t)
            clock.now = max(clock.now, next)
            rt.fireDueTimers()
            rt.drainInbox()
            rt.redrawIfNeeded()
            if next >= t { break }
        }
    }

    @Test func rotatesThroughTheListedPanesInOrderAtTheInterval() {
        let (rt, clock, _) = kiosk(KioskSettings(panes: ["overview", "uptake", "inequalities"], rotateSeconds: 10), width: 120, height: 40)
        #expect(rt.state.currentPane.id == "overview")
        advance(rt, clock, to: 9.5)
        #expect(rt.state.currentPane.id == "overview")
        advance(rt, clock, to: 10.5)
        var seen: [String] = [rt.state.currentPane.id]
        for t in stride(from: 11.5, through: 300, by: 1) {
            advance(rt, clock, to: t)
            if seen.last != rt.state.currentPane.id { seen.append(rt.state.currentPane.id) }
        }
        // Pages of a long pane come first, so only the order of panes is checked here.
        #expect(Array(seen.prefix(4)) == ["overview", "uptake", "inequalities", "overview"] || Array(seen.prefix(3)) == ["uptake", "inequalities", "overview"])
    }

    @Test func theCountdownAndProgressLineShowTheNextChange() {
        let (rt, clock, backend) = kiosk(KioskSettings(panes: ["overview", "principles"], rotateSeconds: 20))
        #expect(backend.lastLines.last?.contains("in 20 s · ? help") == true)
        // A 20 s turn counts down in 2 s steps (a frame every 2 s when idle).
        #expect(rt.state.kiosk?.tickSeconds == 2 && rt.nextDeadline == 2)
        advance(rt, clock, to: 6)
        #expect(backend.lastLines.last?.contains("in 14 s") == true)
        // Three tenths of the 80-cell line are filled.
        #expect(backend.lastLines[22].filter { $0 == "━" }.count == 24)
        advance(rt, clock, to: 20.5)
        #expect(rt.state.kiosk.map { $0.page + $0.position } == 1)
        #expect(backend.lastLines.last?.contains("in 20 s") == true)
    }

    @Test func aLongPanePagesThroughDuringItsTurn() {
        let (rt, clock, backend) = kiosk(KioskSettings(panes: ["uptake", "overview"], rotateSeconds: 20), dataset: longDataset)
        let pages = rt.state.kioskPageCount(rt.state.viewport)
        #expect(pages > 1)
        #expect(backend.lastLines.last?.contains("page 1/\(pages)") == true)
        let firstPage = backend.lastLines[4]
        advance(rt, clock, to: 20.5)
        #expect(rt.state.currentPane.id == "uptake")
        #expect(rt.state.kiosk?.page == 1)
        #expect(backend.lastLines.last?.contains("page 2/\(pages)") == true)
        #expect(backend.lastLines[4] != firstPage)
        advance(rt, clock, to: 20.0 * Double(pages) + 0.5)
        #expect(rt.state.currentPane.id == "overview")
        #expect(rt.state.kiosk?.page == 0)
    }

    @Test func keysThatWouldLeaveOrChangeTheKioskAreIgnored() {
        let (rt, _, _) = kiosk()
        let before = rt.state.currentPane.id
        for k: Key in [.character("q"), .escape, .control("c"), .control("z"), .control("\\"), .character("t"), .character("r"),
                       .character("d"), .enter, .character("/"), .character("2"), .right, .tab, .down] {
            rt.handle(.key(k))
        }
        rt.handle(.mouse(MouseEvent(kind: .press, x: 20, y: 1)))
        rt.handle(.mouse(MouseEvent(kind: .wheelDown, x: 20, y: 5)))
        #expect(!rt.isFinished)
        #expect(rt.state.currentPane.id == before)
        #expect(rt.state.themeIndex == 0)
        #expect(rt.state.overlay == nil)
        // Even if such an action were sent, the kiosk refuses it.
        rt.send(.quit)
        rt.send(.cycleTheme)
        #expect(!rt.isFinished && rt.state.themeIndex == 0)
    }

    @Test func theHelpListsOnlyWhatWorks() {
        let (rt, _, backend) = kiosk()
        rt.handle(.key(.character("?")))
        rt.redrawIfNeeded()
        let labels = rt.state.helpKeyMap.map(\.label)
        #expect(labels == ["?", "unlock word"])
        #expect(backend.lastText.contains("unlock word"))
        #expect(!backend.lastText.contains("quit"))
        let browsing = kiosk(KioskSettings(idleReturnSeconds: 60)).0
        #expect(!browsing.state.helpKeyMap.contains { $0.label.contains("q") || $0.help.contains("theme") || $0.help.contains("filter") })
    }

    @Test func noScreenOffersAKeyTheKioskRefuses() {
        // The Overview's "(d)" and "Press d" would promise the data issues, which the kiosk does not open.
        let (rt, _, backend) = kiosk(width: 120, height: 40)
        #expect(rt.state.currentPane.id == "overview")
        #expect(backend.lastText.contains("0 errors"))
        #expect(!backend.lastText.contains("(d)"))
        var files = EmbeddedSampleData.files
        files["uptake.csv"] = nil
        files["partners.csv"] = nil
        let empty = kiosk(width: 120, height: 40, dataset: DatasetLoader.load(from: InMemorySource(origin: "empty", files: files))).2
        #expect(empty.lastText.contains("is this the data directory?"))
        #expect(!empty.lastText.contains("Press d"))
    }

    @Test func theUnlockWordLeavesAndNothingElseDoes() {
        let (rt, _, _) = kiosk(KioskSettings(unlock: "letmeout"))
        for c in "letmeou" { rt.handle(.key(.character(c))) }
        rt.handle(.key(.character("x")))
        #expect(!rt.isFinished)
        #expect(rt.state.kiosk?.unlockProgress == 0)
        for c in "lletmeout" { rt.handle(.key(.character(c))) }
        #expect(rt.isFinished)
    }

    @Test func aPasserByBrowsesAndRotationReturnsAfterTheIdleTime() {
        let (rt, clock, _) = kiosk(KioskSettings(panes: ["overview", "uptake", "principles"], rotateSeconds: 20, idleReturnSeconds: 60))
        advance(rt, clock, to: 5)
        rt.handle(.key(.character("4")))  // Inequalities: not in the rotation, but browsable
        #expect(rt.state.currentPane.id == "inequalities")
        #expect(rt.state.kiosk?.browsing == true)
        advance(rt, clock, to: 30)
        rt.handle(.key(.down))
        advance(rt, clock, to: 89)
        #expect(rt.state.kiosk?.browsing == true)
        #expect(rt.state.currentPane.id == "inequalities")
        advance(rt, clock, to: 91)
        #expect(rt.state.kiosk?.browsing == false)
        #expect(rt.state.currentPane.id == "overview")
        // Browsing never opens a record or types a filter.
        rt.handle(.key(.character("2")))
        rt.handle(.key(.enter))
        rt.handle(.key(.character("/")))
        #expect(rt.state.currentPane.id == "uptake")
        #expect(rt.state.pane(UptakePane.self)?.list.filter.editing == false)
    }

    @Test func aReloadWithRowErrorsShowsTheValidRowsAndABanner() {
        let loads = KioskLoads()
        let (rt, _, backend) = kiosk(loads: loads)
        loads.serve(.rowErrors)
        rt.send(.reload)
        rt.drainInbox()
        rt.redrawIfNeeded()
        #expect(rt.state.loadedAt == "2026-11-29 14:32")
        #expect(backend.lastText.contains("uptake.csv: 2 rows rejected; showing the rest"))
        #expect(backend.lastText.contains("data as of 14:32, 29 Nov"))
        #expect(!rt.state.dataset.series.isEmpty)
    }

    @Test func aFailedLoadKeepsTheLastGoodDataAndRecovers() {
        let loads = KioskLoads()
        let (rt, _, backend) = kiosk(loads: loads)
        rt.send(.reload)
        rt.drainInbox()
        let good = rt.state.dataset
        loads.serve(.missingFile)
        rt.send(.filesChanged)
        rt.send(.reload)
        rt.drainInbox()
        rt.redrawIfNeeded()
        #expect(rt.state.dataset == good)
        #expect(!rt.isFinished)
        #expect(backend.lastText.contains("Load failed since 14:35 (old data shown): uptake.csv: required file is missing"))
        loads.serve(.good)
        rt.send(.reload)
        rt.drainInbox()
        rt.redrawIfNeeded()
        #expect(rt.state.kiosk?.failure == nil)
        #expect(!backend.lastText.contains("Load failed"))
    }

    @Test func theClockIsReadEachMinuteThroughAnEffect() {
        let (rt, clock, backend) = kiosk()
        #expect(backend.lastLines[0].contains("14:35  Sun 29 Nov"))
        #expect(rt.scheduledTimers.contains(KioskState.clockTimer))
        advance(rt, clock, to: 61)
        #expect(rt.scheduledTimers.contains(KioskState.clockTimer))
    }

    @Test func theLoopWaitsForTimersWithoutSpinningAndEndsOnASignal() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24)
        var state = sampleState(80, 24)
        state.startKiosk(KioskSettings(rotateSeconds: 20))
        let rt = Runtime(state: state, backend: backend, clock: { clock.now },
                         services: RuntimeServices(load: { KioskLoads().load() }, background: { $0() }, write: { _, _ in nil }, wallClock: { kioskWallClock }))
        rt.send(.kiosk(.start))
        let script = ScriptedEvents(clock: clock, [(at: 120, event: .signal(15))])
        rt.run(events: script)
        #expect(rt.signal == 15)
        // One wait a second (the countdown), never a zero-timeout spin.
        #expect(script.waits.count < 200)
        #expect(script.waits.allSatisfy { ($0 ?? 1) > 0 })
    }

    @Test func goldenKioskFrames() {
        for (w, h) in [(80, 24), (120, 40)] {
            let (rt, clock, backend) = kiosk(KioskSettings(panes: ["overview", "uptake"], rotateSeconds: 20), width: w, height: h)
            _ = backend
            checkGolden("kiosk-overview-\(w)x\(h)", render(rt.state))
            advance(rt, clock, to: 20.5)
            checkGolden("kiosk-uptake-\(w)x\(h)", render(rt.state))
        }
        let loads = KioskLoads()
        let (rt, _, _) = kiosk(loads: loads)
        loads.serve(.missingFile)
        rt.send(.reload)
        rt.drainInbox()
        checkGolden("kiosk-failed-load-80x24", render(rt.state))
    }

    @Test func aMillionTicksAndAThousandReloadsKeepEverythingFlat() {
        // Through update alone (the runtime adds only a timer table, checked above): a million one-second
        // countdown steps (50,000 page or pane changes), a frame every thousand, a thousand reloads alternating two datasets.
        var state = sampleState(80, 24)
        state.startKiosk(KioskSettings(rotateSeconds: 20))
        let datasets = [LoadedData(dataset: sampleDataset, loadedAt: "2026-11-29 14:32"), LoadedData(dataset: longDataset, loadedAt: "2026-11-29 14:33")]
        var effectsSeen = 0
        for i in 0..<1_000_000 {
            effectsSeen = max(effectsSeen, update(&state, .kiosk(.tick)).count)
            if i % 1_000 == 0 {
                update(&state, .dataLoaded(datasets[(i / 1_000) % 2]))
                let frame = render(state)
                update(&state, .viewport(frame.viewport))
            }
        }
        #expect(effectsSeen == 1)
        #expect(state.navigation.isEmpty && state.notice == nil && state.overlay == nil)
        #expect(state.kiosk?.rotation.count == KioskSettings.defaultPanes.count)
        #expect(!state.quitRequested)
    }
}

/// This process's resident set in kB, from /proc/self/statm (0 where there is none).
func residentKilobytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = text.split(separator: " ")
    guard parts.count > 1, let pages = Int(parts[1]) else { return 0 }
    return pages * 4
}
