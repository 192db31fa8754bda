import Synchronization
import Testing
import UptakeCore
@testable import UptakeUI

/// The sample data with VCKC's latest uptake raised to 70.0%: a reload that changes what is on screen.
func editedSampleDataset() -> Dataset {
    var files = EmbeddedSampleData.files
    files["uptake.csv"] = files["uptake.csv"]!.replacingOccurrences(of: "65.0", with: "70.0")
    return DatasetLoader.load(from: InMemorySource(origin: "edited", files: files))
}

/// Work handed to "another thread" that a test runs when it chooses, to show input is not blocked meanwhile.
final class DeferredWork: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    func add(_ job: @escaping @Sendable () -> Void) { jobs.withLock { $0.append(job) } }
    func runAll() { for j in jobs.withLock({ list in defer { list = [] }; return list }) { j() } }
    var count: Int { jobs.withLock { $0.count } }
}

/// Counts loads, and serves the edited data.
final class LoadCounter: Sendable {
    private let n = Mutex(0)
    var count: Int { n.withLock { $0 } }
    func load() -> Action {
        n.withLock { $0 += 1 }
        return .dataLoaded(LoadedData(dataset: editedSampleDataset(), loadedAt: "reloaded"))
    }
}

@MainActor @Suite struct RuntimeTests {
    func runtime(_ clock: FakeClock, _ backend: TestBackend, loads: LoadCounter, deferred: DeferredWork? = nil) -> Runtime {
        let services = RuntimeServices(load: { loads.load() },
                                       background: { job in if let deferred { deferred.add(job) } else { job() } },
                                       write: { _, _ in nil })
        return Runtime(state: sampleState(backend.size.width, backend.size.height), backend: backend, clock: { clock.now }, services: services)
    }

    @Test func aScheduledReloadFiresAtItsTimeAndNotBefore() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        rt.send(.filesChanged)
        #expect(rt.nextDeadline == AppState.reloadSettleSeconds)
        clock.now = AppState.reloadSettleSeconds - 0.01
        rt.fireDueTimers()
        #expect(loads.count == 0)
        // A second change inside the settle time pushes the reload back: one load for a burst of writes.
        rt.send(.filesChanged)
        clock.now = AppState.reloadSettleSeconds + 0.1
        rt.fireDueTimers()
        #expect(loads.count == 0)
        clock.now = 2 * AppState.reloadSettleSeconds
        rt.fireDueTimers()
        #expect(loads.count == 1)
        // Once the load's answer is taken, no timer is left (the loading screen's progress poll stops with it).
        rt.drainInbox()
        #expect(rt.nextDeadline == nil)
    }

    @Test func aReloadArrivesAsAnActionAndTheFrameShowsTheNewFigures() {
        let clock = FakeClock(), backend = TestBackend(width: 120, height: 40), loads = LoadCounter(), work = DeferredWork()
        let rt = runtime(clock, backend, loads: loads, deferred: work)
        rt.handle(.key(.character("2")))
        rt.redrawIfNeeded()
        #expect(backend.lastText.contains("65.0"))
        rt.handle(.key(.character("r")))
        rt.redrawIfNeeded()
        #expect(rt.state.loading)
        #expect(backend.lastLines.last?.contains("loading") == true)
        // The load has not run yet: keys are still answered.
        rt.handle(.key(.character("j")))
        rt.redrawIfNeeded()
        #expect(rt.state.pane(UptakePane.self)?.list.table.selected == 1)
        #expect(work.count == 1)
        work.runAll()
        rt.drainInbox()
        rt.redrawIfNeeded()
        #expect(!rt.state.loading)
        #expect(rt.state.loadedAt == "reloaded")
        #expect(backend.lastText.contains("70.0"))
        #expect(!backend.lastText.contains("65.0"))
        // The pane and the selection survived the reload.
        #expect(rt.state.currentPane.id == "uptake")
        #expect(rt.state.pane(UptakePane.self)?.list.table.selected == 1)
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        rt.redrawIfNeeded()
        rt.handle(.resize(width: 100, height: 30))
        rt.redrawIfNeeded()
        #expect(backend.frames.count == 2)
        #expect(backend.frames.last?.width == 100 && backend.frames.last?.height == 30)
        // Nothing changed: no frame is drawn.
        rt.redrawIfNeeded()
        #expect(backend.frames.count == 2)
    }

    @Test func endOfInputEndsTheLoopWithoutSpinning() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        let events = ScriptedEvents(clock: clock, [])
        rt.run(events: events)
        #expect(rt.isFinished)
        #expect(events.waits == [nil])  // one wait, with no timeout: nothing was scheduled
        #expect(backend.frames.count == 1)
    }

    @Test func theWholeLoopWithAFakeClock() {
        let clock = FakeClock(), backend = TestBackend(width: 120, height: 40), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        let events = ScriptedEvents(clock: clock, [
            (0.1, .terminal(.key(.character("2")))),
            (1.0, .filesChanged),
            (1.2, .filesChanged),
            (5.0, .terminal(.key(.character("q")))),
        ])
        rt.run(events: events)
        #expect(rt.isFinished && rt.signal == nil)
        #expect(loads.count == 1)
        #expect(backend.frames.contains { $0.lines().joined().contains("70.0") })
        // The loop waited without a timeout while idle, and for exactly the settle time after the last change.
        #expect(events.waits.first == .some(nil))
        #expect(events.waits.contains { $0.map { abs($0 - AppState.reloadSettleSeconds) < 1e-9 } ?? false })
        #expect(events.waits.count < 10)
    }

    @Test func aSignalEndsTheLoopAndIsReported() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        rt.run(events: ScriptedEvents(clock: clock, [(1, .signal(15))]))
        #expect(rt.signal == 15)
    }

    @Test func clicksResolveAgainstTheLastFrame() {
        let clock = FakeClock(), backend = TestBackend(width: 80, height: 24), loads = LoadCounter()
        let rt = runtime(clock, backend, loads: loads)
        rt.redrawIfNeeded()
        let x = rt.state.tabBar.tabRanges(area: rt.state.layout.tabs)[2].lowerBound + 1
        rt.handle(.mouse(MouseEvent(kind: .press, x: x, y: 0)))
        #expect(rt.state.currentPane.id == "partners")
    }
}

/// A pane written in a test: registering it is all it takes to get a tab, a number key and help.
struct NotesPane: PaneModel {
    let id = "notes"
    let title = "Notes"
    var count = 0

    func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        [KeyBinding([.character("x")], "x", "count one more note", section: .reading, .action(.pane(.nextItem)), hint: "count")]
    }

    mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        guard command == .nextItem else { return .ignored }
        count += 1
        return .handled
    }

    func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        buffer.put("notes: \(count)", x: area.x, y: area.y, style: context.theme.text)
        return PaneFrame()
    }
}

@Suite struct PaneRegistrationTests {
    @Test func aPaneAddedInATestGetsATabItsNumberAndHelp() {
        let base = sampleState(120, 40)
        let standard = PaneRegistry.standard(base.context)
        var s = AppState(dataset: sampleDataset, width: 120, height: 40, panes: standard + [NotesPane()])
        let n = standard.count + 1
        #expect(render(s).lines()[0].contains("\(n) Notes"))
        press(&s, chars("\(n)"))
        #expect(s.currentPane.id == "notes")
        #expect(render(s).lines()[1].contains("Notes"))
        press(&s, chars("xx"))
        #expect(s.pane(NotesPane.self)?.count == 2)
        #expect(render(s).lines().joined().contains("notes: 2"))
        #expect(render(s).lines().last?.contains("x count") == true)
        press(&s, chars("?"))
        let help = render(s).lines().joined(separator: "\n")
        #expect(help.contains("count one more note"))
        #expect(help.contains("1-\(n)"))
    }

    @Test func aLockedKeyIsNeitherObeyedNorShown() {
        var s = sampleState(120, 40)
        s.keyPolicy = KeyPolicy(blockedCommands: [.action(.quit), .action(.toggleOverlay(.help))])
        #expect(action(for: .character("q"), in: s) == nil)
        #expect(!render(s).lines().last!.contains("q quit"))
        press(&s, chars("d"))
        let help = HelpPane.entries(s).map(\.description)
        #expect(!help.contains("quit") && !help.contains("this help"))
        #expect(help.contains("data issues (diagnostics)"))
    }

    @Test func tabBarKeepsTheSelectedTabVisible() {
        let base = sampleState(60, 24)
        var s = AppState(dataset: sampleDataset, width: 60, height: 24,
                         panes: PaneRegistry.standard(base.context) + [NotesPane(), NotesPane(), NotesPane()])
        press(&s, chars("9"))
        #expect(s.selected == 8)
        #expect(render(s).lines()[0].contains("9 Notes"))
    }
}

@Suite struct PaneFilterTests {
    @Test func partnersFilter() {
        var s = sampleState(120, 40)
        press(&s, chars("3/mosaic"))
        #expect(s.partners.rows.map { s.index.partners[$0].name } == ["Mosaic"])
        press(&s, [.escape, .escape])
        #expect(s.partners.rows.count == s.index.partners.count)
    }

    @Test func caseStudiesFilterByTitlePlacePartnerTagsAndText() {
        var s = sampleState(120, 40)
        press(&s, chars("5/si's story"))
        let pane = s.pane(CaseStudiesPane.self)!
        let shown = pane.shown(s.context).map { s.dataset.caseStudies[$0].title }
        #expect(shown == ["Si's story"])
        #expect(s.dataset.caseStudies[pane.selected].title == "Si's story")
        press(&s, [.enter])
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("1 of 4 case studies"))
        // By tag: every study tagged COVID-19, and no other.
        press(&s, [.escape] + chars("/covid-19"))
        let tagged = s.dataset.caseStudies.filter { c in
            ([c.title, c.place ?? "", c.body] + c.partners + c.tags).contains { $0.lowercased().contains("covid-19") }
        }.map(\.title)
        #expect(s.pane(CaseStudiesPane.self)!.shown(s.context).map { s.dataset.caseStudies[$0].title } == tagged)
    }

    @Test func caseStudiesMoveInTheListAndScrollTheReader() {
        var s = sampleState(80, 24)
        press(&s, chars("5j"))
        #expect(s.pane(CaseStudiesPane.self)!.selected == 1)
        press(&s, [.pageDown])
        #expect(s.pane(CaseStudiesPane.self)!.reader.offset > 0)
        #expect(s.pane(CaseStudiesPane.self)!.selected == 1)
        // l and → go to the next pane, as everywhere.
        press(&s, chars("l"))
        #expect(s.currentPane.id == "principles")
    }

    @Test func principlesFilterAndFrameworkJumps() {
        var s = sampleState(120, 40)
        press(&s, chars("6/healthwatch") + [.enter])
        let text = render(s).lines().joined(separator: "\n")
        let expected = s.dataset.principles.filter { ($0.framework + " " + ($0.theme ?? "") + " " + $0.text).lowercased().contains("healthwatch") }
        #expect(text.contains("\(expected.count) of \(s.dataset.principles.count) items"))
        #expect(expected.count > 0)
        press(&s, [.escape])
        press(&s, chars("n"))
        let first = s.pane(PrinciplesPane.self)!.scroll.offset
        #expect(first > 0)
        #expect(render(s).lines()[2].contains("Black Country") || render(s).lines()[2].contains("·"))
        press(&s, chars("n"))
        #expect(s.pane(PrinciplesPane.self)!.scroll.offset > first)
        press(&s, chars("N"))
        #expect(s.pane(PrinciplesPane.self)!.scroll.offset == first)
    }

    @Test func inequalitiesFilter() {
        var s = sampleState(120, 40)
        press(&s, chars("4/poverty"))
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Children living in poverty"))
        #expect(!text.contains("Life expectancy"))
        press(&s, [.escape])
        #expect(render(s).lines().joined().contains("Life expectancy") || s.dataset.indicators.count > 0)
    }

    @Test func pastingALongFilterStaysFast() {
        var s = sampleState(120, 40)
        press(&s, chars("2/"))
        update(&s, .pane(.filterInput(String(repeating: "x", count: 8000))))
        #expect(s.uptake.filter.text.count == 8000)
        let line = render(s).lines()[2]
        #expect(line.contains("0 of 3 series"))
    }
}

@Suite struct StyledGoldenScreenTests {
    @Test(arguments: Pane.allCases)
    func everyPaneInTwoThemes(_ pane: Pane) {
        for theme in [Theme.dark, Theme.builtIns.first { $0.name == "high-contrast" }!] {
            for (w, h) in GoldenScreenTests.sizes {
                var s = sampleState(w, h, theme: theme)
                send(&s, .selectPane(pane.rawValue))
                checkStyledGolden("pane\(pane.rawValue + 1)-\(pane.id)-\(theme.name)-\(w)x\(h)", render(s))
            }
        }
    }

    @Test func diagnosticsOverlayPagesLazily() {
        var diagnostics: [Diagnostic] = []
        for i in 0..<100_000 { diagnostics.append(Diagnostic(file: "uptake.csv", line: i + 2, severity: .error, message: "bad row \(i)")) }
        var d = sampleDataset
        d.diagnostics = diagnostics
        var s = AppState(dataset: d, width: 120, height: 40)
        press(&s, chars("d"))
        press(&s, [.end])
        #expect(render(s).lines().joined().contains("bad row 99999"))
        press(&s, [.pageUp])
        #expect(!render(s).lines().joined().contains("bad row 99999"))
    }
}
