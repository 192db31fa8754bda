import Foundation
import Testing
@testable import UptakeCore

/// National screening coverage standards (percent):
/// breast acceptable 70 / achievable 80; cervical acceptable 80 (no achievable);
/// bowel 60–74 acceptable 62 / achievable 76 (GOV.UK "Bowel cancer screening
/// programme standards: reporting from 1 April 2025", BCSP-S01).
@Suite("Benchmarks")
struct BenchmarkTests {
    let breast = BenchmarkThresholds(acceptable: 70, achievable: 80)
    let cervical = BenchmarkThresholds(acceptable: 80, achievable: nil)
    let bowel = BenchmarkThresholds(acceptable: 62, achievable: 76)

    @Test func namedStandardsMatch() {
        #expect(BenchmarkThresholds.breastScreeningCoverage == breast)
        #expect(BenchmarkThresholds.cervicalScreeningCoverage == cervical)
        #expect(BenchmarkThresholds.bowelScreeningCoverage == bowel)
    }

    @Test func breastBoundaries() {
        #expect(BenchmarkStatus.classify(uptakePct: 69.99, thresholds: breast) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 70, thresholds: breast) == .acceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 79.99, thresholds: breast) == .acceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 80, thresholds: breast) == .achievable)
        #expect(BenchmarkStatus.classify(uptakePct: 100, thresholds: breast) == .achievable)
        #expect(BenchmarkStatus.classify(uptakePct: 0, thresholds: breast) == .belowAcceptable)
    }

    @Test func cervicalHasNoAchievable() {
        #expect(BenchmarkStatus.classify(uptakePct: 79.9, thresholds: cervical) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 80, thresholds: cervical) == .acceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 99.9, thresholds: cervical) == .acceptable)
    }

    @Test func bowelBoundaries() {
        #expect(BenchmarkStatus.classify(uptakePct: 61.9, thresholds: bowel) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 62, thresholds: bowel) == .acceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 75.9, thresholds: bowel) == .acceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 76, thresholds: bowel) == .achievable)
    }

    @Test func nonFiniteUptakeIsNeverASuccess() {
        #expect(BenchmarkStatus.classify(uptakePct: .nan, thresholds: breast) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(uptakePct: .infinity, thresholds: breast) == .belowAcceptable)
    }

    @Test func labelsAreWords() {
        #expect(BenchmarkStatus.belowAcceptable.label == "below acceptable")
        #expect(BenchmarkStatus.acceptable.label == "acceptable")
        #expect(BenchmarkStatus.achievable.label == "achievable")
        #expect(BenchmarkStatus.belowAcceptable.rawValue == "below_acceptable")
    }

    @Test func codableRoundTrip() throws {
        let data = try JSONEncoder().encode([breast, cervical])
        let back = try JSONDecoder().decode([BenchmarkThresholds].self, from: data)
        #expect(back == [breast, cervical])
        let status = try JSONDecoder().decode(BenchmarkStatus.self, from: Data("\"below_acceptable\"".utf8))
        #expect(status == .belowAcceptable)
    }
}

@Suite("UptakeChange")
struct UptakeChangeTests {
    @Test func percentagePoints() {
        #expect(close(UptakeChange.percentagePoints(from: 30.8, to: 35.6), 4.8, 1e-12))
        #expect(close(UptakeChange.percentagePoints(from: 42.1, to: 39.7), -2.4, 1e-12))
        #expect(UptakeChange.percentagePoints(from: .nan, to: 1) == 0)
        #expect(UptakeChange.percentagePoints(from: 1, to: .infinity) == 0)
    }

    @Test func relative() throws {
        #expect(close(try #require(UptakeChange.relativePct(from: 30.8, to: 35.6)), 15.584416, 1e-5))
        #expect(close(try #require(UptakeChange.relativePct(from: 50, to: 25)), -50, 1e-12))
        #expect(UptakeChange.relativePct(from: 0, to: 10) == nil)
        #expect(UptakeChange.relativePct(from: -5, to: 10) == nil)
        #expect(UptakeChange.relativePct(from: .nan, to: 10) == nil)
        #expect(UptakeChange.relativePct(from: 10, to: .infinity) == nil)
        #expect(UptakeChange.relativePct(from: Double.leastNonzeroMagnitude, to: 100) == nil)
    }
}

/// Thresholds keep their exact decimals from when they are made, however they are made: by `init`, decoded, or
/// copied; what is encoded, compared and hashed is the percentages alone, as before.
@Suite struct ThresholdsHeldExactlyTests {
    @Test func decodedThresholdsClassifyAsMadeOnesDo() throws {
        let made = BenchmarkThresholds(acceptable: 57.0, achievable: 79.1)
        let data = try JSONEncoder().encode(made)
        #expect(String(decoding: data, as: UTF8.self).contains("\"acceptable\""))
        #expect(!String(decoding: data, as: UTF8.self).contains("exact"))
        let decoded = try JSONDecoder().decode(BenchmarkThresholds.self, from: data)
        #expect(decoded == made && decoded.hashValue == made.hashValue)
        let withoutAchievable = try JSONDecoder().decode(BenchmarkThresholds.self, from: Data(#"{"acceptable": 29.1}"#.utf8))
        #expect(withoutAchievable == BenchmarkThresholds(acceptable: 29.1))
        // 291 of 1,000 meets 29.1 exactly, where the quotient 29.099999999999998 would not.
        let figure = UptakeFigure.counts(screened: 291, eligible: 1000)
        #expect(BenchmarkStatus.classify(figure, thresholds: withoutAchievable) == .acceptable)
        for t in [made, decoded] {
            for (s, e) in [(570, 1000), (569, 1000), (791, 1000), (790, 1000)] {
                let f = UptakeFigure.counts(screened: s, eligible: e)
                let expected: BenchmarkStatus = s >= 791 ? .achievable : s >= 570 ? .acceptable : .belowAcceptable
                #expect(BenchmarkStatus.classify(f, thresholds: t) == expected, "\(s) of \(e)")
            }
        }
        // A threshold no exact decimal holds is compared as a double, as before.
        let huge = BenchmarkThresholds(acceptable: 1e300)
        #expect(BenchmarkStatus.classify(figure, thresholds: huge) == .belowAcceptable)
    }
}
