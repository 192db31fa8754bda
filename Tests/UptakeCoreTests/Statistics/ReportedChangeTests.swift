import Testing
@testable import UptakeCore

/// Seed-data partners: uptake published to 0.1, reported relative change to 0.01.
/// Expected numbers recomputed in Python: point = (end/start − 1)·100,
/// lowest = ((end − 0.05)/(start + 0.05) − 1)·100, highest = ((end + 0.05)/(start − 0.05) − 1)·100.
@Suite("ReportedChange")
struct ReportedChangeTests {
    @Test func advocacyProjectIsWithinRounding() throws {
        // 30.8 → 35.6: point 15.5844, range 15.2350 … 15.9350; reported 15.77.
        let r = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 15.77))
        #expect(r.verdict == .withinRounding)
        #expect(close(r.pointEstimatePct, 15.584416, 1e-5))
        #expect(close(r.lowestPct, 15.235008, 1e-5))
        #expect(close(r.highestPct, 15.934959, 1e-5))
        #expect(r.explanation == "Reported +15.77% is consistent only through rounding: 30.8% → 35.6% gives +15.58%, and published figures rounded to 0.1 allow +15.24% to +15.93%.")
    }

    @Test func vckcIsWithinRounding() throws {
        // 59.0 → 65.0: point 10.1695, range 9.9915 … 10.3478; reported 10.26.
        let r = try #require(ReportedChange.check(startPct: 59.0, endPct: 65.0, reportedRelativePct: 10.26))
        #expect(r.verdict == .withinRounding)
        #expect(close(r.pointEstimatePct, 10.169492, 1e-5))
        #expect(close(r.lowestPct, 9.991533, 1e-5))
        #expect(close(r.highestPct, 10.347752, 1e-5))
    }

    @Test func groundswellIsExact() throws {
        // 39.7 → 42.1: point 6.04534, which rounds to the reported 6.05.
        let r = try #require(ReportedChange.check(startPct: 39.7, endPct: 42.1, reportedRelativePct: 6.05))
        #expect(r.verdict == .exact)
        #expect(close(r.pointEstimatePct, 6.045340, 1e-5))
        #expect((r.lowestPct ?? 99) < 6.05 && 6.05 < (r.highestPct ?? 0))
        #expect(r.explanation == "Reported +6.05% matches the published figures: 39.7% → 42.1% gives +6.05%.")
    }

    @Test func implausibleReportIsInconsistent() throws {
        let r = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 25.0))
        #expect(r.verdict == .inconsistent)
        #expect(r.explanation.hasPrefix("Reported +25.00% is inconsistent"))
        // Percentage points mistaken for relative change: 35.6 − 30.8 = 4.8.
        let pp = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 4.8))
        #expect(pp.verdict == .inconsistent)
    }

    @Test func boundariesAreInclusive() throws {
        let edge = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 15.934959349593))
        #expect(edge.verdict == .withinRounding)
        let justOutside = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 15.94))
        #expect(justOutside.verdict == .inconsistent)
    }

    @Test func reportedPrecisionDecidesExactness() throws {
        // To one decimal, 15.6 is a correct rounding of 15.584…
        let r = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 15.6, reportedDecimals: 1))
        #expect(r.verdict == .exact)
        // …but to two decimals 15.60 is not (15.58), though rounding allows it.
        let r2 = try #require(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 15.6, reportedDecimals: 2))
        #expect(r2.verdict == .withinRounding)
    }

    @Test func decreasesAreHandled() throws {
        let r = try #require(ReportedChange.check(startPct: 42.1, endPct: 39.7, reportedRelativePct: -5.70))
        #expect(r.verdict == .exact)  // (39.7/42.1 − 1)·100 = −5.7007
        #expect(r.explanation.contains("gives -5.70%"))
    }

    @Test func undefinedCasesGiveNil() {
        #expect(ReportedChange.check(startPct: -1, endPct: 35.6, reportedRelativePct: 10) == nil)
        #expect(ReportedChange.check(startPct: .nan, endPct: 35.6, reportedRelativePct: 10) == nil)
        #expect(ReportedChange.check(startPct: 30.8, endPct: .infinity, reportedRelativePct: 10) == nil)
        #expect(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: .nan) == nil)
        #expect(ReportedChange.check(startPct: 30.8, endPct: 135.6, reportedRelativePct: 10) == nil)
        #expect(ReportedChange.check(startPct: 30.8, endPct: 35.6, reportedRelativePct: 10, reportedDecimals: -1) == nil)
    }

    @Test func aZeroStartIsSaidToBeUndefinedNotDropped() throws {
        // Issue 9: a start of 0 makes the relative change undefined; the check says so.
        let r = try #require(ReportedChange.check(startPct: 0, endPct: 35.6, reportedRelativePct: 10))
        #expect(r.verdict == .undefined)
        #expect(r.pointEstimatePct == nil && r.lowestPct == nil && r.highestPct == nil)
        #expect(r.explanation == "Reported +10.00% cannot be checked: the start uptake is 0.0%, so a relative change from it is undefined.")
    }

    @Test func theSmallestPublishedStartStillBoundsTheChange() throws {
        // 0.04 published to 0.01 lies in 0.035…0.045: never 0, so the range stays bounded.
        let r = try #require(ReportedChange.check(startPct: 0.04, endPct: 1.0, reportedRelativePct: 2400, reportedDecimals: 0, publishedDecimals: 2))
        #expect(close(r.lowestPct, (0.995 / 0.045 - 1) * 100, 1e-9))
        #expect(close(r.highestPct, (1.005 / 0.035 - 1) * 100, 1e-9))
        #expect(r.verdict == .exact)
        let zero = try #require(ReportedChange.check(startPct: 0.0, endPct: 1.0, reportedRelativePct: 5000, publishedDecimals: 1))
        #expect(zero.verdict == .undefined)
    }

    @Test func verdictRawValuesAreStable() {
        #expect(ReportedChangeCheck.Verdict.exact.rawValue == "exact")
        #expect(ReportedChangeCheck.Verdict.withinRounding.rawValue == "within_rounding")
        #expect(ReportedChangeCheck.Verdict.inconsistent.rawValue == "inconsistent")
    }
}
