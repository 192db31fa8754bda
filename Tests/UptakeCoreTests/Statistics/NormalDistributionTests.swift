import Testing
@testable import UptakeCore

/// Reference values: R `qnorm` / Python `statistics.NormalDist().inv_cdf`
/// (Wichura AS241 in double precision), computed independently of this code.
@Suite("NormalDistribution.quantile")
struct NormalDistributionTests {
    @Test("matches qnorm to ~1e-9 across the range",
          arguments: [
            (0.975, 1.959963984540054),
            (0.025, -1.959963984540054),
            (0.995, 2.5758293035489),
            (0.999, 3.090232306167813),
            (0.001, -3.090232306167813),
            (0.9, 1.2815515655446008),
            (0.8, 0.8416212335729144),
            (0.6, 0.2533471031357998),
            (0.02, -2.0537489106318225),
            (0.02425, -1.9729610513118845),  // Acklam's region boundary
            (0.97575, 1.9729610513118847),
            (0.0001, -3.71901648545568),
            (1e-10, -6.361340902404056),
            (0.9999999, 5.199337582290662),
          ])
    func referenceValues(p: Double, expected: Double) {
        #expect(close(NormalDistribution.quantile(p), expected, 1e-9 * max(1, abs(expected))))
    }

    @Test func medianIsZero() {
        #expect(NormalDistribution.quantile(0.5) == 0)
    }

    @Test func neverReturnsNonFinite() {
        for p in [0.0, 1.0, -1.0, 2.0, .nan, .infinity, -.infinity, Double.leastNonzeroMagnitude] {
            #expect(NormalDistribution.quantile(p).isFinite, "p = \(p)")
        }
        #expect(NormalDistribution.quantile(0) < -37)
        #expect(NormalDistribution.quantile(1) > 8)
    }

    @Test func isMonotoneAndSymmetric() {
        var previous = -Double.infinity
        for i in 1..<1000 {
            let p = Double(i) / 1000
            let q = NormalDistribution.quantile(p)
            #expect(q > previous)
            #expect(close(q, -NormalDistribution.quantile(1 - p), 1e-9))
            previous = q
        }
    }
}
