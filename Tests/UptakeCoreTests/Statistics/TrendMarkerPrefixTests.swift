import Testing
@testable import UptakeCore

/// `TrendMarker` finds its latest five defined periods without building arrays (issue 11: the table
/// summarises every series per load). Against the filter-and-suffix it replaced, on series of 0 to 9
/// periods mixing undefined periods (no eligible, no figure) and periods without counts.
struct TrendMarkerPrefixTests {
    /// The checks as they were: every defined period, the last five, the first of those without counts.
    static func referenceEarlyReason(_ observations: [UptakeObservation]) -> TrendMarker.Reason? {
        let defined = observations.filter { $0.eligible > 0 && ($0.screened != nil || $0.uptakePct != nil) }
        guard defined.count >= TrendMarker.pointsUsed else { return .fewerThanFivePoints(defined.count) }
        let recent = Array(defined.suffix(TrendMarker.pointsUsed))
        if let missing = recent.first(where: { $0.screened == nil }) { return .noCounts(missing.period) }
        return nil
    }

    @Test func theLatestFiveAreFoundAsBefore() {
        var rng = SplitMix64(seed: 11)
        var early = 0, tested = 0
        for _ in 0..<4000 {
            let count = Int(rng.next() % 10)
            var obs: [UptakeObservation] = []
            for k in 0..<count {
                let kind = rng.next() % 6
                let eligible = kind == 0 ? 0 : 1000
                let screened: Int? = kind == 1 ? nil : 400 + Int(rng.next() % 200)
                let pct: Double? = kind == 2 ? nil : 45
                // Annual periods, so a series with counts throughout reaches the statistics.
                obs.append(UptakeObservation(period: Period(year: 2010 + k, month: 3)!, eligible: eligible,
                                             screened: kind == 2 && rng.next() % 2 == 0 ? nil : screened, uptakePct: pct, line: k + 2))
            }
            let marker = TrendMarker(observations: obs)
            if let reason = Self.referenceEarlyReason(obs) {
                early += 1
                #expect(marker.reason == reason, "\(obs.map { ($0.eligible, $0.screened as Any, $0.uptakePct as Any) })")
                #expect(marker.marker == .notTested && marker.periods.isEmpty)
            } else {
                tested += 1
                let defined = obs.filter { $0.eligible > 0 && ($0.screened != nil || $0.uptakePct != nil) }
                switch marker.reason {
                case .fewerThanFivePoints, .noCounts: Issue.record("stopped early: \(marker.reason)")
                default: break
                }
                if marker.marker != .notTested { #expect(marker.periods == defined.suffix(5).map(\.period)) }
            }
        }
        // Both ways out were exercised.
        #expect(early > 1000 && tested > 50)
    }
}
