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

/// The JSON report's shortcut to a period's figure kind (``UptakeObservation/figureKind``) gives what the figure gives.
@Suite struct FigureKindTests {
    @Test func theKindIsTheFiguresOnEveryKindOfRow() {
        var rng = SystemRandomNumberGenerator()
        var rows: [UptakeObservation] = []
        let period = Period("2024-01")!
        for _ in 0..<5_000 {
            let eligible = Int.random(in: 0...3, using: &rng) == 0 ? 0 : Int.random(in: 1...5_000, using: &rng)
            let screened: Int? = Bool.random(using: &rng) ? Int.random(in: 0...max(eligible, 1), using: &rng) : nil
            let pct: Double? = switch Int.random(in: 0...5, using: &rng) {
            case 0: nil
            case 1: Double(Int.random(in: 0...1000, using: &rng)) / 10
            case 2: Double.random(in: 0...100, using: &rng)
            case 3: Double.random(in: -1e6...1e6, using: &rng)
            case 4: [0, 100, 99.99999999999999, 1e-300, 5e15, 1e17, -0.0].randomElement(using: &rng)!
            default: Double(Int.random(in: 0...100_000, using: &rng)) / 1000
            }
            let decimals: Int? = Bool.random(using: &rng) ? Int.random(in: -2...20, using: &rng) : nil
            rows.append(UptakeObservation(period: period, eligible: eligible, screened: screened, uptakePct: pct, line: 2,
                                          uptakeDecimals: decimals))
        }
        let wrong = rows.filter { $0.figureKind != $0.figure?.kind }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    }
}
