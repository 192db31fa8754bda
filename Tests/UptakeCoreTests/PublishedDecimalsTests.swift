import Testing
@testable import UptakeCore

/// The reported-change check allows for the rounding the uptake figures were actually published with.
@Suite struct PublishedDecimalsTests {
    func verdict(_ start: String, _ end: String) -> ReportedChangeCheck.Verdict? {
        let d = DatasetLoader.load(from: InMemorySource(origin: "test", files: [
            "partners.csv": "partner,reported_change_pct\nAdvocacy Project,15.77\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nAdvocacy Project,Notting Dale,2023-12,195,\(start)\nAdvocacy Project,Notting Dale,2024-07,257,\(end)\n",
        ]))
        return UptakeTable(dataset: d).rows.first?.reportedCheck?.verdict
    }

    @Test func oneDecimalAllowsTheSeedsRounding() {
        #expect(verdict("30.8", "35.6") == .withinRounding)
    }

    @Test func twoDecimalsAreStricter() {
        // 30.80 → 35.60 can only give +15.55% to +15.62%: the published +15.77% no longer fits.
        #expect(verdict("30.80", "35.60") == .inconsistent)
    }
}
