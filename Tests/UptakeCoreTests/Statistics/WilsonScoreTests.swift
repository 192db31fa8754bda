import Testing
@testable import UptakeCore

@Suite("WilsonScore")
struct WilsonScoreTests {
    /// Vectors for OHID Fingertips' method: PHEindicatormethods `wilson_lower` /
    /// `wilson_upper` (R/Wilson.R: `(2*x+z^2∓z*sqrt(z^2+4*x*(1-(x/n))))/2/(n+z^2)`,
    /// `z = qnorm(0.975)`), 95%, shown as percentages to 2 dp as `phe_proportion`
    /// with `multiplier = 100` reports them. 65/100 is the package's own documented
    /// example. Values recomputed independently in Python from that formula.
    @Test("phe_proportion vectors (95%, percentages to 2 dp)",
          arguments: [
            (65.0, 100.0, 55.25, 73.64),
            (1045.0, 5000.0, 19.80, 22.05),
            (9856.0, 12345.0, 79.12, 80.54),
          ])
    func pheProportion(x: Double, n: Double, lowerPct: Double, upperPct: Double) throws {
        let ci = try #require(WilsonScore.interval(successes: x, trials: n))
        // Published to 0.01 percentage points → within half a unit (plus float slack).
        #expect(close(ci.lower * 100, lowerPct, 0.005 + 1e-9))
        #expect(close(ci.upper * 100, upperPct, 0.005 + 1e-9))
    }

    @Test func zeroSuccessesHasLowerZero() throws {
        for n in [1.0, 7, 10, 100, 5000] {
            let ci = try #require(WilsonScore.interval(successes: 0, trials: n))
            #expect(ci.lower == 0)
            #expect(ci.upper > 0 && ci.upper < 1)
        }
        // 0/10 upper limit 0.2775: the bound behind Newcombe (1998) method 10 example (e),
        // 0/10 vs 0/20 → −0.1611 to 0.2775, whose upper limit is exactly this Wilson limit.
        let ci = try #require(WilsonScore.interval(successes: 0, trials: 10))
        #expect(close(ci.upper, 0.2775, 0.00005))
    }

    @Test func allSuccessesHasUpperOne() throws {
        for n in [1.0, 7, 10, 100, 5000] {
            let ci = try #require(WilsonScore.interval(successes: n, trials: n))
            #expect(ci.upper == 1)
            #expect(ci.lower > 0 && ci.lower < 1)
        }
    }

    @Test func invalidInputsGiveNil() {
        #expect(WilsonScore.interval(successes: 0, trials: 0) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: -5) == nil)
        #expect(WilsonScore.interval(successes: -1, trials: 10) == nil)
        #expect(WilsonScore.interval(successes: 11, trials: 10) == nil)
        #expect(WilsonScore.interval(successes: .nan, trials: 10) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: .infinity) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: 10, confidence: 95) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: 10, confidence: 1) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: 10, confidence: 0) == nil)
        #expect(WilsonScore.interval(successes: 1, trials: 10, confidence: .nan) == nil)
        #expect(WilsonScore.interval(proportion: 1.2, trials: 10) == nil)
        #expect(WilsonScore.interval(proportion: -0.1, trials: 10) == nil)
        #expect(WilsonScore.interval(proportion: .nan, trials: 10) == nil)
        #expect(WilsonScore.interval(proportion: 0.5, trials: 0) == nil)
    }

    @Test func proportionFormMatchesCountForm() throws {
        let a = try #require(WilsonScore.interval(successes: 65, trials: 100))
        let b = try #require(WilsonScore.interval(proportion: 0.65, trials: 100))
        #expect(close(a.lower, b.lower, 1e-12))
        #expect(close(a.upper, b.upper, 1e-12))
    }

    @Test func higherConfidenceIsWider() throws {
        let ci95 = try #require(WilsonScore.interval(successes: 65, trials: 100))
        let ci998 = try #require(WilsonScore.interval(successes: 65, trials: 100, confidence: 0.998))
        #expect(ci998.lower < ci95.lower)
        #expect(ci998.upper > ci95.upper)
        #expect(ci998.width > ci95.width)
    }
}
