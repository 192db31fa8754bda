import Testing
@testable import UptakeCore

/// Property-style checks over seeded pseudo-random inputs (SplitMix64, fixed seeds).
@Suite("Statistics properties")
struct StatisticsPropertyTests {
    @Test func wilsonContainsEstimateAndStaysInUnitInterval() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<500 {
            let n = Double(Int.random(in: 1...20_000, using: &rng))
            let x = Double(Int.random(in: 0...Int(n), using: &rng))
            let ci = try #require(WilsonScore.interval(successes: x, trials: n))
            let p = x / n
            #expect(ci.lower >= 0 && ci.upper <= 1, "\(x)/\(n)")
            #expect(ci.lower <= p && p <= ci.upper, "\(x)/\(n)")
            #expect(ci.lower.isFinite && ci.upper.isFinite)
        }
    }

    @Test func newcombeContainsDifference() throws {
        var rng = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<500 {
            let n1 = Double(Int.random(in: 1...5_000, using: &rng))
            let n2 = Double(Int.random(in: 1...5_000, using: &rng))
            let p1 = Double(Int.random(in: 0...Int(n1), using: &rng)) / n1
            let p2 = Double(Int.random(in: 0...Int(n2), using: &rng)) / n2
            let ci = try #require(NewcombeHybridScore.differenceInterval(p1: p1, n1: n1, p2: p2, n2: n2))
            #expect(ci.lower <= ci.difference && ci.difference <= ci.upper)
            #expect(ci.lower >= -1 && ci.upper <= 1)
            #expect(close(ci.difference, p2 - p1, 1e-15))
        }
    }

    @Test func intervalsNarrowAsSampleGrows() throws {
        var rng = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<500 {
            let n = Double(Int.random(in: 1...2_000, using: &rng))
            let x = Double(Int.random(in: 0...Int(n), using: &rng))
            let small = try #require(WilsonScore.interval(successes: x, trials: n))
            let large = try #require(WilsonScore.interval(successes: 4 * x, trials: 4 * n))
            #expect(large.width < small.width, "\(x)/\(n)")

            let m = Double(Int.random(in: 1...2_000, using: &rng))
            let q = Double(Int.random(in: 0...Int(m), using: &rng)) / m
            let p = x / n
            let d1 = try #require(NewcombeHybridScore.differenceInterval(p1: p, n1: n, p2: q, n2: m))
            let d4 = try #require(NewcombeHybridScore.differenceInterval(p1: p, n1: 4 * n, p2: q, n2: 4 * m))
            #expect(d4.upper - d4.lower < d1.upper - d1.lower)
        }
    }

    @Test func reportedChangeRangeBracketsPointEstimate() throws {
        var rng = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<500 {
            let start = Double(Int.random(in: 1...1000, using: &rng)) / 10
            let end = Double(Int.random(in: 0...1000, using: &rng)) / 10
            let r = try #require(ReportedChange.check(startPct: start, endPct: end, reportedRelativePct: 0))
            let point = try #require(r.pointEstimatePct), low = try #require(r.lowestPct)
            // A start of 0.1 could be 0.05: still bounded; only a start that could be 0 is unbounded.
            #expect(low <= point && point <= (r.highestPct ?? .infinity))
            let rounded = (point * 100).rounded() / 100
            let again = try #require(ReportedChange.check(startPct: start, endPct: end, reportedRelativePct: rounded))
            #expect(again.verdict == .exact)
        }
    }
}
