import Testing
import UptakeCore
@testable import UptakeUI

/// A meeting (`uptake present`) and the kiosk are shared screens whatever their key maps: nothing sensitive, no edits.
@Suite struct SharedScreenTests {
    @Test func aMeetingHidesSensitiveInsightsEvenAfterLeavingTheSpotlight() {
        var s = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "2025-01-31 09:00", insights: insightSnapshot()), width: 100, height: 30)
        s.projected = true
        #expect(s.sharedScreen && s.context.sharedScreen)
        update(&s, .openSpotlight)
        _ = pressCollecting(&s, [.escape])
        update(&s, .selectPane(s.paneIndex(id: "insights")!))
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Wanted NHS work placements"))
        #expect(!text.contains("SECRET"))
        #expect(pressCollecting(&s, chars("/hard") + [.enter]) == [.loadInsights(InsightQuery(text: "hard", includeSensitive: false, limit: 500))])
        _ = pressCollecting(&s, chars("a"))
        #expect(s.insightsPane.form == nil)
    }

    @Test func theKioskIsASharedScreenWithoutALockedKeyPolicy() {
        var s = AppState(data: LoadedData(dataset: sampleDataset, loadedAt: "2025-01-31 09:00", insights: insightSnapshot()), width: 100, height: 30)
        #expect(!s.sharedScreen)
        s.startKiosk(KioskSettings(panes: ["insights"]))
        #expect(s.keyPolicy == .all && s.sharedScreen && s.context.sharedScreen)
        #expect(!render(s).lines().joined().contains("SECRET"))
    }

    @Test func newDataAsksAgainForTheInsightsOnScreen() {
        // A reload's snapshot may predate a save that finished while it ran: the pane on screen asks the bank again.
        var s = insightState()
        let effects = update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later", insights: insightSnapshot())))
        #expect(effects.contains(.loadInsights(InsightsPane.defaultQuery)))
        // Not while another pane is shown, and not without a bank.
        update(&s, .selectPane(0))
        #expect(!update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later", insights: insightSnapshot()))).contains { if case .loadInsights = $0 { true } else { false } })
        update(&s, .selectPane(s.paneIndex(id: "insights")!))
        #expect(!update(&s, .dataLoaded(LoadedData(dataset: sampleDataset, loadedAt: "later", insights: nil))).contains { if case .loadInsights = $0 { true } else { false } })
    }
}
