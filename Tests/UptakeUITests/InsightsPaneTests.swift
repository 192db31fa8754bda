import Synchronization
import Testing
import UptakeCore
@testable import UptakeUI

/// A snapshot as the bank would answer the default view: a hostile text, a sensitive insight and a coded one.
func insightSnapshot(query: InsightQuery = InsightsPane.defaultQuery) -> InsightSnapshot {
    let insights = [
        Insight(id: 3, text: "Wanted NHS work placements\u{1B}[2J\u{1B}]0;pwned\u{07} but found them hard to find", gathered: "2023-04-20",
                method: "drop-in session", place: "Wolverhampton", partner: "Mosaic", codes: ["Start with people and communities"]),
        Insight(id: 2, text: "SECRET-NAME told us about her fears", gathered: "2023-04-19", method: "conversation", partner: "FAWA",
                sensitive: true, codes: ["Trusted voices are key"]),
        Insight(id: 1, text: "9in10 were more likely to undergo cervical cancer screening", gathered: "2023-04-18", method: "survey",
                partner: "Mosaic", source: "seed 002", codes: ["Trusted voices are key"]),
    ]
    let matrix = InsightMatrix(cells: [(code: "Trusted voices are key", column: "Mosaic", count: 1),
                                       (code: "Trusted voices are key", column: "FAWA", count: 1),
                                       (code: "Start with people and communities", column: "Mosaic", count: 1)])
    return InsightSnapshot(query: query, insights: insights, total: 3, matrix: matrix,
                           codes: [InsightCode(name: "Start with people and communities"), InsightCode(name: "Trusted voices are key")])
}

func insightState(_ w: Int = 100, _ h: Int = 30, shared: Bool = false) -> AppState {
    var s = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "2025-01-31 09:00", insights: insightSnapshot()), width: w, height: h)
    if shared { s.keyPolicy = KeyPolicy(blockedSections: [.general]) }
    update(&s, .selectPane(s.paneIndex(id: "insights")!))
    return s
}

/// Presses keys through the key map and `update`, collecting the effects.
func pressCollecting(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
    var effects: [Effect] = []
    for k in keys { if let a = action(for: k, in: s) { effects += update(&s, a) } }
    return effects
}

extension AppState {
    var insightsPane: InsightsPane { pane(InsightsPane.self)! }
}

@Suite struct InsightsPaneTests {
    @Test func listShowsInsightsAndHostileTextSafely() {
        let s = insightState()
        let lines = render(s).lines()
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Insights: 3 of 3"))
        #expect(text.contains("Wanted NHS work placements"))
        #expect(text.contains("SECRET-NAME"))  // a team member's own screen shows it, marked
        for line in lines { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) }
    }

    @Test func aSharedScreenNeverShowsASensitiveInsightNorTheForm() {
        var s = insightState(shared: true)
        #expect(!render(s).lines().joined().contains("SECRET"))
        #expect(render(s).lines().joined().contains("Insights: 2 of"))
        // Through every view: list, reader of each row, matrix; and the partner record.
        for _ in 0..<3 {
            _ = pressCollecting(&s, [.enter])
            #expect(!render(s).lines().joined().contains("SECRET"))
            _ = pressCollecting(&s, [.escape, .down])
        }
        _ = pressCollecting(&s, chars("a"))
        #expect(s.insightsPane.form == nil)
        #expect(!s.activeKeyMap.contains { $0.help == "record an insight" })
        // A query's answer with a sensitive row: dropped before it reaches the pane.
        _ = pressCollecting(&s, chars("/fears") + [.enter])
        let q = s.insightsPane.query
        #expect(q.text == "fears")
        update(&s, .insightsLoaded(insightSnapshot(query: q)))
        #expect(!render(s).lines().joined().contains("SECRET"))
        #expect(s.insightsPane.answer?.insights.contains { $0.sensitive } == false)
    }

    @Test func aProjectedScreenIsSharedForTheBankEvenAfterLeavingTheSpotlight() {
        var s = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "2025-01-31 09:00", insights: insightSnapshot()), width: 100, height: 30)
        s.projected = true
        update(&s, .openSpotlight)
        _ = pressCollecting(&s, [.escape])
        update(&s, .selectPane(s.paneIndex(id: "insights")!))
        #expect(s.keyPolicy == .all)
        #expect(!render(s).lines().joined().contains("SECRET"))
        _ = pressCollecting(&s, chars("a"))
        #expect(s.insightsPane.form == nil)
        #expect(!s.activeKeyMap.contains { $0.help == "record an insight" })
        #expect(pressCollecting(&s, chars("/hard") + [.enter]) == [.loadInsights(InsightQuery(text: "hard", includeSensitive: false, limit: 500))])
    }

    @Test func aSharedScreenAsksWithoutSensitiveInsights() {
        var s = insightState(shared: true)
        let effects = pressCollecting(&s, chars("/hard") + [.enter])
        #expect(effects == [.loadInsights(InsightQuery(text: "hard", includeSensitive: false, limit: 500))])
    }

    @Test func searchAsksTheBankAndShowsTheAnswer() {
        var s = insightState()
        let effects = pressCollecting(&s, chars("/plac") + [.enter])
        #expect(effects == [.loadInsights(InsightQuery(text: "plac", includeSensitive: true, limit: 500))])
        var answer = insightSnapshot(query: s.insightsPane.query)
        answer.insights = [answer.insights[0]]
        answer.total = 1
        update(&s, .insightsLoaded(answer))
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Insights: 1 of 1"))
        #expect(text.contains("search: plac"))
        #expect(!text.contains("9in10"))
        // Esc goes back to the view that came with the data, without asking.
        #expect(pressCollecting(&s, [.escape]).isEmpty)
        #expect(render(s).lines().joined().contains("Insights: 3 of 3"))
    }

    @Test func readerShowsTheWholeInsight() {
        var s = insightState()
        _ = pressCollecting(&s, [.down, .down, .enter])
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Insight #1"))
        #expect(text.contains("seed 002"))
        #expect(text.contains("Trusted voices are key"))
    }

    @Test func matrixCountsAndDrillsDownToACell() {
        var s = insightState()
        _ = pressCollecting(&s, chars("m"))
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Insights by code and partner"))
        #expect(text.contains("Trusted voices are key"))
        #expect(text.contains("Mosaic"))
        // Row 0 is the largest code (Trusted voices, 2), column 0 the largest partner (Mosaic, 2).
        let effects = pressCollecting(&s, [.enter])
        #expect(effects == [.loadInsights(InsightQuery(code: "Trusted voices are key", partner: "Mosaic", includeSensitive: true, limit: 500))])
        #expect(s.insightsPane.view == .list)
    }

    @Test func theFormEditsTextWithItsKeysAndSavesAnInsight() {
        var s = insightState()
        _ = pressCollecting(&s, chars("a"))
        #expect(s.insightsPane.form?.gathered.text == "2025-01-31")  // the day the data was loaded
        #expect(s.currentPane.capturesText)
        // Typed "Hello wrld", then ← ← ← and "o": "Hello world"; q and ? are text while typing.
        _ = pressCollecting(&s, chars("Hello wrld") + [.left, .left, .left] + chars("o") + [.end] + chars("!?q") + [.backspace, .backspace])
        #expect(s.insightsPane.form?.text.text == "Hello world!")
        #expect(!s.quitRequested)
        // Tab to the date, fix it; method and partner are pick lists (→ chooses the next).
        // "2025-01-31" → "2024-05-07" with Backspace and ← only; Home and End move without changing it.
        _ = pressCollecting(&s, [.tab, .backspace, .backspace] + chars("07") + [.left, .left, .left, .backspace] + chars("5")
                            + [.left, .left, .left, .backspace] + chars("4") + [.home, .end] + [.tab, .right, .right, .tab, .right, .tab, .tab])
        let form = s.insightsPane.form!
        #expect(form.gathered.text == "2024-05-07")
        #expect(form.methods[form.method] == "conversation")
        #expect(form.partners[form.partner] == sampleDataset.partners[0].name)
        #expect(form.focus == .codes)
        // Codes: ↓ then Space ticks the second code; Tab, Space: sensitive.
        _ = pressCollecting(&s, [.down, .character(" "), .tab, .character(" ")])
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("[x] Trusted voices are key"))
        let effects = pressCollecting(&s, [.control("o")])
        #expect(effects == [.changeInsight(.add(Insight(text: "Hello world!", gathered: "2024-05-07", method: "conversation",
                                                         partner: sampleDataset.partners[0].name, sensitive: true, codes: ["Trusted voices are key"])))])
        // A refusal keeps the form open with the reason; success closes it and asks for the list again.
        update(&s, .insightChanged(error: "database is gone"))
        #expect(render(s).lines().joined().contains("database is gone"))
        #expect(update(&s, .insightChanged(error: nil)) == [.loadInsights(InsightsPane.defaultQuery)])
        #expect(s.insightsPane.form == nil)
    }

    @Test func withoutABankThePaneSaysWhereItWillBeAndTheFormStillRecords() {
        let frame = [InsightCode(name: "Trusted voices are key")]
        let noBank = InsightSnapshot.noBank(at: "/data/insights.sqlite", query: InsightsPane.defaultQuery, codes: frame)
        var s = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "2025-01-31 09:00", insights: noBank), width: 100, height: 30)
        update(&s, .selectPane(s.paneIndex(id: "insights")!))
        var text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Insights: no insight bank yet"))
        #expect(text.contains("No insight bank yet: press a to record the first insight; saving it creates the bank."))
        #expect(text.contains("Bank: /data/insights.sqlite"))
        #expect(s.activeKeyMap.contains { $0.help == "record an insight" })
        _ = pressCollecting(&s, chars("a") + chars("First words"))
        #expect(s.insightsPane.form?.codes == ["Trusted voices are key"])  // the dataset's frame, before any bank exists
        let effects = pressCollecting(&s, [.control("o")])
        guard case .changeInsight(.add(let insight))? = effects.first, effects.count == 1 else { Issue.record("no save: \(effects)"); return }
        #expect(insight.text == "First words")
        // A bank that cannot be created: the form stays open with the reason, and the status bar says so.
        let refusal = "cannot create the insight bank /data/insights.sqlite: the directory /data is not writable (Read-only file system)"
        #expect(update(&s, .insightChanged(error: refusal)).isEmpty == false)
        text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Not saved: cannot create the insight bank /data/insights.sqlite"))
        #expect(s.notice == "could not save the insight: " + refusal)
        // An existing, empty bank says so, and where it is.
        var empty = InsightSnapshot(query: InsightsPane.defaultQuery, codes: frame)
        empty.location = "/data/insights.sqlite"
        _ = pressCollecting(&s, [.escape])
        update(&s, .insightsLoaded(empty))
        text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("The insight bank is empty: press a to record an insight."))
        #expect(text.contains("Bank: /data/insights.sqlite"))
    }

    @Test func theFormRefusesAnEmptyTextOrABadDate() {
        var s = insightState()
        _ = pressCollecting(&s, chars("a"))
        #expect(pressCollecting(&s, [.control("o")]).isEmpty)
        #expect(render(s).lines().joined().contains("Not saved: the text is empty"))
        _ = pressCollecting(&s, chars("x") + [.tab] + chars("x"))
        #expect(pressCollecting(&s, [.control("o")]).isEmpty)
        #expect(s.insightsPane.form?.problem == "the date is not YYYY-MM-DD")
        _ = pressCollecting(&s, [.escape])
        #expect(s.insightsPane.form == nil)
    }

    @Test func codingTheSelectedInsightSetsItsCodes() {
        var s = insightState()
        _ = pressCollecting(&s, chars("c"))
        #expect(s.insightsPane.form?.recoding == 3)
        _ = pressCollecting(&s, [.character(" "), .down, .character(" ")])
        #expect(pressCollecting(&s, [.control("o")]) == [.changeInsight(.setCodes(3, ["Trusted voices are key"]))])
    }

    @Test func aPartnerRecordListsItsInsightsAndOpensThem() {
        var s = insightState()
        let mosaic = s.index.partners.firstIndex { $0.name == "Mosaic" }!
        update(&s, .selectPane(s.paneIndex(id: "partners")!))
        update(&s, .pane(.open))  // opens the selected partner's record; choose Mosaic's
        s.panes[s.selected] = { var p = s.pane(PartnersPane.self)!; p.openRecord = mosaic; return p }()
        update(&s, .resize(100, 80))
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Insights"))
        #expect(text.contains("Coded: Trusted voices are key (1); Start with people and communities (1)"))
        #expect(text.contains("9in10 were more likely"))
        let effects = pressCollecting(&s, chars("i"))
        #expect(effects == [.loadInsights(InsightQuery(partner: "Mosaic", includeSensitive: true, limit: 500))])
        #expect(s.currentPane.id == "insights")
    }
}

/// The bank as the runtime sees it in a test: answers from a fixed snapshot, records changes.
final class FakeBank: Sendable {
    let changes = Mutex<[InsightChange]>([])
    var service: InsightService {
        InsightService(query: { q in insightSnapshot(query: q) },
                       change: { [self] c in changes.withLock { $0.append(c) }; return nil })
    }
}

@MainActor @Suite struct InsightsRuntimeTests {
    @Test func theWholeLoopRecordsAnInsightThroughTheService() {
        let clock = FakeClock(), backend = TestBackend(width: 100, height: 30), bank = FakeBank()
        var services = RuntimeServices.inline(load: { .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "x", insights: insightSnapshot())) })
        services.insights = bank.service
        let state = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "x", insights: insightSnapshot()), width: 100, height: 30)
        let rt = Runtime(state: state, backend: backend, clock: { clock.now }, services: services)
        rt.handle(.key(.character("7")))
        for k in chars("aSi's story") + [.control("o")] { rt.handle(.key(k)) }
        rt.drainInbox()
        rt.redrawIfNeeded()
        let saved = bank.changes.withLock { $0 }
        guard case .add(let insight)? = saved.first else { Issue.record("nothing saved: \(saved)"); return }
        #expect(insight.text == "Si's story")
        #expect(rt.state.notice == "insight saved")
        #expect(rt.state.pane(InsightsPane.self)?.form == nil)
        #expect(backend.lastText.contains("Insights: 3 of 3"))
    }
}
