import Foundation
import Testing
@testable import UptakeCore

/// Issue 9: exact where the data is exact, a comparator, and trend tests where the series allows.
/// Reference values were computed independently in Python (numpy/scipy); the scripts are quoted per test.

private func load(_ files: [String: String]) -> Dataset {
    var files = files
    if files["dataset.toml"] == nil { files["dataset.toml"] = "title = \"Test\"\n" }
    return DatasetLoader.load(from: InMemorySource(origin: "test", files: files))
}

private let countsHeader = "partner,proxy_population,period,eligible,uptake_pct,screened,programme\n"

@Suite("Exact benchmark status")
struct ExactBenchmarkTests {
    @Test func decimalsAreRecoveredAsWritten() throws {
        #expect(ExactDecimal(29.1) == ExactDecimal(scaled: 291, decimals: 1))
        #expect(ExactDecimal(57.0) == ExactDecimal(scaled: 57, decimals: 0))
        #expect(ExactDecimal(70) == ExactDecimal(scaled: 70, decimals: 0))
        #expect(ExactDecimal(0.00001) == ExactDecimal(scaled: 1, decimals: 5))
        #expect(ExactDecimal(.nan) == nil)
    }

    @Test func countsAtAThresholdMeetIt() {
        // 57/100*100 is 56.99999999999999 in floating point; 291/1000*100 is 29.099999999999998.
        #expect(Double(57) / 100 * 100 < 57)
        #expect(Double(291) / 1000 * 100 < 29.1)
        #expect(BenchmarkStatus.classify(.counts(screened: 57, eligible: 100), thresholds: BenchmarkThresholds(acceptable: 57.0)) == .acceptable)
        #expect(BenchmarkStatus.classify(.counts(screened: 291, eligible: 1000), thresholds: BenchmarkThresholds(acceptable: 29.1)) == .acceptable)
        #expect(BenchmarkStatus.classify(.counts(screened: 290, eligible: 1000), thresholds: BenchmarkThresholds(acceptable: 29.1)) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(.counts(screened: 76, eligible: 100), thresholds: .bowelScreeningCoverage) == .achievable)
        // Large counts and many threshold decimals: 999,999,999 of 1,000,000,000 is exactly 99.9999999%.
        #expect(BenchmarkStatus.classify(.counts(screened: 999_999_999, eligible: 1_000_000_000), thresholds: BenchmarkThresholds(acceptable: 99.9999999)) == .acceptable)
        #expect(BenchmarkStatus.classify(.counts(screened: 999_999_998, eligible: 1_000_000_000), thresholds: BenchmarkThresholds(acceptable: 99.9999999)) == .belowAcceptable)
    }

    @Test func publishedFiguresAreComparedByTheirDigits() throws {
        let p = try #require(ExactDecimal(scaled: 291, decimals: 1))
        #expect(BenchmarkStatus.classify(.published(p), thresholds: BenchmarkThresholds(acceptable: 29.1)) == .acceptable)
        let q = try #require(ExactDecimal(scaled: 29099, decimals: 3))
        #expect(BenchmarkStatus.classify(.published(q), thresholds: BenchmarkThresholds(acceptable: 29.1)) == .belowAcceptable)
        #expect(BenchmarkStatus.classify(uptakePct: 29.1, thresholds: BenchmarkThresholds(acceptable: 29.1)) == .acceptable)
    }

    @Test func theTableUsesExactComparisonForDatasetThresholds() {
        let d = load([
            "dataset.toml": "[benchmarks.breast]\nacceptable = 57.0\nachievable = 80.0\n[benchmarks.bowel]\nacceptable = 29.1\n",
            "partners.csv": "partner\nA\n",
            "uptake.csv": countsHeader + "A,W,2024-01,100,,57,breast\nA,X,2024-01,1000,,291,bowel\n",
        ])
        #expect(UptakeTable(dataset: d).rows.map(\.benchmark) == [.acceptable, .acceptable])
    }
}

@Suite("Reported change, each figure at its own precision")
struct ReportedChangePrecisionTests {
    func figure(_ pct: String) throws -> UptakeFigure {
        let (v, d) = try #require(pct.parsedDecimal())
        return .published(try #require(ExactDecimal(scaled: Int64((v * Double(ExactDecimal.power10(d))).rounded()), decimals: d)))
    }

    @Test func aMiddlePeriodWithMoreDecimalsDoesNotTightenTheCheck() {
        let d = load([
            "partners.csv": "partner,reported_change_pct\nA,15.77\n",
            "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2023-12,195,30.8\nA,W,2024-03,200,33.125\nA,W,2024-07,257,35.6\n",
        ])
        #expect(UptakeTable(dataset: d).rows.first?.reportedCheck?.verdict == .withinRounding)
    }

    @Test func oneDecimalStartAndThreeDecimalEndEachRoundTheirOwnWay() throws {
        // python3: (35.5995/30.85-1)*100 = 15.39546…, (35.6005/30.75-1)*100 = 15.77398…
        let r = try #require(ReportedChange.check(start: try figure("30.8"), end: try figure("35.600"), reportedRelativePct: 15.77))
        #expect(r.verdict == .withinRounding)
        #expect(close(r.lowestPct, 15.395461912479735, 1e-9))
        #expect(close(r.highestPct, 15.773983739837384, 1e-9))
        #expect(r.explanation.contains("the start to 0.1, the end to 0.001"))
        // Both at three decimals the same report is impossible.
        let strict = try #require(ReportedChange.check(start: try figure("30.800"), end: try figure("35.600"), reportedRelativePct: 15.77))
        #expect(strict.verdict == .inconsistent)
    }

    @Test func countsAreExactEvenFromATinyStart() throws {
        let r = try #require(ReportedChange.check(start: .counts(screened: 1, eligible: 10_000_000), end: .counts(screened: 2, eligible: 10_000_000),
                                                  reportedRelativePct: 100, reportedDecimals: 0))
        #expect(r.verdict == .exact)
        #expect(r.pointEstimatePct == 100)
        #expect(r.explanation == "Reported +100% matches the counts: 1 of 10,000,000 → 2 of 10,000,000 gives +100%.")
    }

    @Test func countsAllowNoRounding() throws {
        let r = try #require(ReportedChange.check(start: .counts(screened: 1, eligible: 3), end: .counts(screened: 2, eligible: 3), reportedRelativePct: 99.98))
        #expect(r.verdict == .inconsistent)
        #expect(r.explanation == "Reported +99.98% is inconsistent with the counts: 1 of 3 → 2 of 3 gives +100.00% exactly (counts have no rounding).")
        let ok = try #require(ReportedChange.check(start: .counts(screened: 1, eligible: 3), end: .counts(screened: 2, eligible: 3), reportedRelativePct: 100.00))
        #expect(ok.verdict == .exact)
    }

    @Test func consistentWhenSomeAllowedValueRoundsToTheReport() throws {
        // 40.0 → 16.35 allows −59.19 … −59.06 (python3: (16.345/40.05-1)*100, (16.355/39.95-1)*100).
        let start = try figure("40.0"), end = try figure("16.35")
        #expect(try #require(ReportedChange.check(start: start, end: end, reportedRelativePct: -59, reportedDecimals: 0)).verdict == .exact)
        #expect(try #require(ReportedChange.check(start: start, end: end, reportedRelativePct: -59.2, reportedDecimals: 1)).verdict == .withinRounding)
        #expect(try #require(ReportedChange.check(start: start, end: end, reportedRelativePct: -59.3, reportedDecimals: 1)).verdict == .inconsistent)
        #expect(try #require(ReportedChange.check(start: start, end: end, reportedRelativePct: -60, reportedDecimals: 0)).verdict == .inconsistent)
    }

    @Test func aZeroStartIsReportedAsUndefined() {
        let d = load([
            "partners.csv": "partner,reported_change_pct\nA,12\n",
            "uptake.csv": countsHeader + "A,W,2023-12,120,,0,\nA,W,2024-07,120,,12,\n",
        ])
        let check = UptakeTable(dataset: d).rows.first?.reportedCheck
        #expect(check?.verdict == .undefined)
        #expect(check?.explanation == "Reported +12% cannot be checked: the start uptake is 0 of 120 (0%), so a relative change from it is undefined.")
        #expect(Report(dataset: d).render(.csv).contains(",undefined,"))
    }
}

@Suite("uptake.csv row rules")
struct UptakeRowRuleTests {
    @Test func countsWinAndADisagreeingPercentageIsAWarningNamingBoth() throws {
        let d = load(["partners.csv": "partner\nA\n", "uptake.csv": countsHeader + "A,W,2024-01,100,42.0,41,\n"])
        let warning = try #require(d.diagnostics.first)
        #expect(d.diagnostics.count == 1 && warning.severity == .warning && warning.line == 2 && warning.column == 5)
        #expect(warning.message.contains("uptake_pct 42.0") && warning.message.contains("screened 41 of eligible 100"))
        let o = try #require(d.series.first?.observations.first)
        #expect(o.uptakePct == 41 && o.figure == .counts(screened: 41, eligible: 100))
        let row = try #require(UptakeTable(dataset: d).rows.first)
        #expect(row.start?.interval == WilsonScore.interval(successes: 41, trials: 100).map { ProportionInterval(lower: $0.lower * 100, upper: $0.upper * 100) })
    }

    @Test func anAgreeingPercentageIsSilentAndTheCountIsStillUsed() {
        let d = load(["partners.csv": "partner\nA\n", "uptake.csv": countsHeader + "A,W,2024-01,3,33.3,1,\n"])
        #expect(d.diagnostics.isEmpty)
        #expect(d.series.first?.observations.first?.figure == .counts(screened: 1, eligible: 3))
    }

    @Test func anImpossiblePercentageIsANote() throws {
        // Seed 002: 35.6% of 257. 91/257 = 35.41%, 92/257 = 35.80%.
        let d = load(["partners.csv": "partner\nA\n", "uptake.csv": countsHeader + "A,W,2024-07,257,35.6,,\n"])
        let note = try #require(d.diagnostics.first)
        #expect(note.severity == .note && note.line == 2 && note.column == 5)
        #expect(note.message.contains("91 gives 35.41%, 92 gives 35.80%"))
        #expect(note.formatted.contains(": note: "))
        #expect(d.errorCount == 0 && d.warningCount == 0 && d.noteCount == 1)
        #expect(d.series.first?.observations.count == 1)
        #expect(CheckSummary(dataset: d).text.contains("0 errors, 0 warnings, 1 note: the dataset is valid."))
        #expect(d.diagnostics(for: try #require(d.series.first)).count == 1)
    }

    @Test func thePossibleOnesAreNotNoted() {
        let d = load(["partners.csv": "partner\nA\n",
                      "uptake.csv": countsHeader + "A,W,2023-12,195,30.8,,\nA,W,2024-07,1675,65.0,,\nA,W,2025-07,0,,0,\nA,X,2024-01,7,100,,\n"])
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map(\.formatted))")
    }

    /// The one-division decision agrees with trying every whole count from 0 to eligible, on every percentage of
    /// 0-2 decimals for small denominators, and on random ones (up to 6 decimals) for large denominators.
    @Test func theOneDivisionDecisionAgreesWithTryingEveryCount() throws {
        func tryEvery(_ d: NumberParsing.Decimal, _ e: Int) -> Bool {
            (0...e).contains { UptakeRowRules.agrees(pct: d, screened: $0, eligible: e) }
        }
        func check(_ d: NumberParsing.Decimal, _ e: Int) throws {
            let exact = try #require(UptakeRowRules.exact(d))
            let decided = UptakeRowRules.anyCountAgrees(exact, eligible: e)
            let brute = tryEvery(d, e)
            #expect(decided == brute, "\(d.value) at \(d.decimals) decimals of \(e)")
            #expect((UptakeRowRules.impossibility(pct: d, eligible: e) == nil) == brute, "\(d.value) of \(e)")
        }
        for e in 1...40 {
            for decimals in 0...2 {
                let steps = 100 * Int(ExactDecimal.power10(decimals))
                for m in stride(from: 0, through: steps, by: decimals == 2 ? 7 : 1) {
                    try check(NumberParsing.Decimal(value: Double(m) / Double(ExactDecimal.power10(decimals)), decimals: decimals), e)
                }
            }
        }
        var rng = SplitMix64(seed: 20261130)
        for _ in 0..<400 {
            let decimals = Int(rng.next() % 7)
            let m = Int(rng.next() % UInt64(100 * ExactDecimal.power10(decimals) + 1))
            let e = 1 + Int(rng.next() % 3000)
            try check(NumberParsing.Decimal(value: Double(m) / Double(ExactDecimal.power10(decimals)), decimals: decimals), e)
        }
        // Around the width at which every percentage has a count (2e = 200·10^d), where the decision needs no division.
        for (decimals, around, step) in [(0, 100, 1), (1, 1_000, 11), (2, 10_000, 997)] {
            let steps = 100 * Int(ExactDecimal.power10(decimals))
            for e in (around - 3)...(around + 3) {
                for m in stride(from: 0, through: steps, by: step) {
                    try check(NumberParsing.Decimal(value: Double(m) / Double(ExactDecimal.power10(decimals)), decimals: decimals), e)
                }
            }
        }
        // Beyond what 64-bit products hold, the caller is told to try counts one by one.
        let huge = try #require(UptakeRowRules.exact(NumberParsing.Decimal(value: 50, decimals: 0)))
        #expect(UptakeRowRules.anyCountAgrees(huge, eligible: UptakeObservation.maximumCount + 1) == nil)
        #expect(UptakeRowRules.anyCountAgrees(huge, eligible: UptakeObservation.maximumCount) == true)
    }

    /// The row loop's shortcut never skips a note: wherever it says a count certainly agrees, the full check finds one.
    @Test func theShortcutNeverSkipsANote() throws {
        var rng = SplitMix64(seed: 20261130)
        var shortcuts = 0
        for _ in 0..<20_000 {
            let decimals = Int(rng.next() % 8)
            let m = Int(rng.next() % UInt64(110 * ExactDecimal.power10(decimals) + 1))
            let e = Int(rng.next() % 3) == 0 ? Int(rng.next() % 3_000) : Int(rng.next() % 3_000_000)
            var text = String(m)
            if decimals > 0 {
                text = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            }
            let pct = try #require(Array(text.utf8).withUnsafeBufferPointer { NumberParsing.decimal($0, allowPercentSign: true) })
            if UptakeRowRules.certainlyPossible(pct, eligible: e) {
                shortcuts += 1
                #expect(UptakeRowRules.impossibility(pct: pct, eligible: e) == nil, "\(text) of \(e)")
                // Every count tried where that is quick (small denominators).
                #expect(e > 5_000 || (0...e).contains { UptakeRowRules.agrees(pct: pct, screened: $0, eligible: e) }, "\(text) of \(e)")
            }
        }
        #expect(shortcuts > 5_000)
        // Edges: just below the width at which every percentage has a count, 0%, 100%, over 100%, no digits kept.
        let at = { (t: String, e: Int) in UptakeRowRules.certainlyPossible(try #require(Array(t.utf8).withUnsafeBufferPointer { NumberParsing.decimal($0) }), eligible: e) }
        #expect(try at("35.6", 1_000) && !(try at("35.6", 999)) && (try at("0", 100)) && (try at("100", 100)) && !(try at("100.1", 5_000)))
        #expect(!UptakeRowRules.certainlyPossible(NumberParsing.Decimal(value: 50, decimals: 0), eligible: 1_000))
    }

    /// The digits the parser keeps give the exact decimal that multiplying its value back up gives.
    @Test func theParsedDigitsAreTheExactDecimal() throws {
        func exactFromValue(_ d: NumberParsing.Decimal) -> ExactDecimal? {
            UptakeRowRules.exact(NumberParsing.Decimal(value: d.value, decimals: d.decimals))
        }
        var texts = ["0", "-0", "-0.0", "+5", "37.1", "100", "100.000000", "0.000001", "99.999999", "1,234.5", "-3.25",
                     "000000000000037.1", "12345678901234567", "123456789012345.678", "50%", "12.5 %"]
        var rng = SplitMix64(seed: 20261130)
        for _ in 0..<2_000 {
            let decimals = Int(rng.next() % 8)
            let m = rng.next() % 10_000_000_000
            var t = String(m)
            if decimals > 0 {
                t = String(repeating: "0", count: max(0, decimals + 1 - t.count)) + t
                t.insert(".", at: t.index(t.endIndex, offsetBy: -decimals))
            }
            texts.append(rng.next() % 5 == 0 ? "-" + t : t)
        }
        for text in texts {
            let parsed = try #require(text.utf8CString.withUnsafeBufferPointer { c in
                c.withMemoryRebound(to: UInt8.self) { NumberParsing.decimal(UnsafeBufferPointer(rebasing: $0.dropLast()), allowPercentSign: true) }
            }, "\(text)")
            #expect(UptakeRowRules.exact(parsed) == exactFromValue(parsed), "\(text)")
        }
    }

    /// The one-pass parse of plain digits and a point gives what the general parse gives, on every kind of field.
    @Test func thePlainDecimalParseAgreesWithTheGeneralOne() {
        let alphabet = Array("0123456789....,,-+% e".utf8)
        var rng = SplitMix64(seed: 20261130)
        var texts: [[UInt8]] = ["", ".", "..", "0", "00", "37.1", ".5", "5.", "100.000000", "1234567890123456", "12345678901234567",
                                "1.234567890123456", "0.0000000000000001", "1,234.5", "-37.1", "+37.1", "37.1%", "3e1"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 19)
            texts.append((0..<length).map { _ in rng.next() % 4 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(48 + rng.next() % 10) })
        }
        for text in texts {
            text.withUnsafeBufferPointer { b in
                for percent in [false, true] {
                    let fast = NumberParsing.decimal(b, allowPercentSign: percent)
                    let general = NumberParsing.generalDecimal(b, allowPercentSign: percent)
                    let shown = String(decoding: text, as: UTF8.self)
                    #expect(fast?.value.bitPattern == general?.value.bitPattern, "\(shown)")
                    #expect(fast?.decimals == general?.decimals, "\(shown)")
                    #expect(fast?.digits == general?.digits, "\(shown)")
                }
            }
        }
    }

    @Test func severitiesOrderMostSevereFirst() {
        #expect(Diagnostic.Severity.error < .warning && Diagnostic.Severity.warning < .note && !(Diagnostic.Severity.note < .error))
    }

    @Test func theSampleDataHasOneNote() {
        let d = DatasetLoader.load(from: EmbeddedSampleData.source)
        #expect(d.noteCount == 1)
        #expect(d.diagnostics.first?.location == "uptake.csv:3:5")
    }
}

@Suite("Chi-squared test for trend and the Fingertips trend marker")
struct TrendMarkerTests {
    // Reference: R's prop.trend.test (stats package), reproduced in Python two ways (weighted lm "Sum Sq"
    // and the closed form of Fingertips' TrendMarkerCalculator); script scripts/stats-reference/trend.py (python3, numpy, scipy).

    @Test func matchesRsOwnExample() throws {
        // ?prop.trend.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
        // R prints X-squared = 8.2249, df = 1, p-value = 0.004132.
        let chi = try #require(TrendTest.chiSquared(successes: [83, 90, 129, 70], trials: [86, 93, 136, 82]))
        #expect(close(chi, 8.2249222852, 1e-9))
        #expect(close(try #require(TrendTest.pValue(chiSquared: chi)), 0.0041319, 1e-7))
    }

    @Test func matchesRosnersAgeAtFirstBirthExample() throws {
        // Rosner, Fundamentals of Biostatistics: breast cancer by age at first birth, scores 1…5.
        let chi = try #require(TrendTest.chiSquared(successes: [320, 1206, 1011, 463, 220], trials: [1742, 5638, 3904, 1555, 626]))
        #expect(close(chi, 129.0120417620, 1e-7))
    }

    @Test func undefinedCasesAreAbsent() {
        #expect(TrendTest.chiSquared(successes: [0, 0, 0], trials: [5, 5, 5]) == nil)
        #expect(TrendTest.chiSquared(successes: [5, 5], trials: [5, 5]) == nil)
        #expect(TrendTest.chiSquared(successes: [1], trials: [5]) == nil)
        #expect(TrendTest.chiSquared(successes: [1, 2], trials: [0, 5]) == nil)
        #expect(TrendMarker.criticalValue == 9.549535706083237)   // scipy.stats.chi2.ppf(0.998, 1)
    }

    func annual(_ x: [Int], _ n: [Int], startYear: Int = 2019) -> [UptakeObservation] {
        zip(x, n).enumerated().map { i, xn in
            UptakeObservation(period: Period(year: startYear + i, month: 3)!, eligible: xn.1, screened: xn.0,
                              uptakePct: Double(xn.0) / Double(xn.1) * 100, line: i + 2)
        }
    }

    @Test func rising() {
        let t = TrendMarker(observations: annual([500, 520, 540, 575, 600, 640], [1000, 1000, 1010, 1005, 1000, 1002]))
        #expect(t.marker == .increasing && t.reason == .significant)
        #expect(close(t.chiSquared, 37.5656572198, 1e-8))
        #expect(close(t.slope, 0.1246191177, 1e-9))
        #expect(t.periods.first == Period(year: 2020, month: 3))
    }

    @Test func falling() {
        let t = TrendMarker(observations: annual([700, 690, 660, 640, 610, 590], [1000, 1000, 1000, 1000, 1000, 1000]))
        #expect(t.marker == .decreasing)
        #expect(close(t.chiSquared, 27.0614316147, 1e-8))
    }

    @Test func flat() {
        let t = TrendMarker(observations: annual([300, 305, 298, 302, 299, 303], [500, 500, 500, 500, 500, 500]))
        #expect(t.marker == .noSignificantChange && t.reason == .notSignificant)
        #expect(close(t.chiSquared, 0.0075177871, 1e-9))
    }

    @Test func anOutlierCancelsTheTrend() {
        // χ² = 126.42 > 9.55, but without the last point the log-odds slope turns negative (−0.04186).
        let t = TrendMarker(observations: annual([420, 410, 400, 390, 380, 700], [1000, 1000, 1000, 1000, 1000, 1000]))
        #expect(t.marker == .noSignificantChange)
        #expect(t.reason == .outlier(Period(year: 2024, month: 3)!))
        #expect(close(t.chiSquared, 126.4189886481, 1e-7))
    }

    @Test func theGuidancesCriteria() {
        #expect(TrendMarker(observations: Array(annual([1, 2, 3, 4, 5, 6], [10, 10, 10, 10, 10, 10]).prefix(4))).reason == .fewerThanFivePoints(4))
        var noCounts = annual([500, 520, 540, 575, 600, 640], [1000, 1000, 1000, 1000, 1000, 1000])
        noCounts[3] = UptakeObservation(period: noCounts[3].period, eligible: 1000, screened: nil, uptakePct: 57.5, line: 5, uptakeDecimals: 1)
        #expect(TrendMarker(observations: noCounts).reason == .noCounts(Period(year: 2022, month: 3)!))
        // Only the latest five count: a missing count before them does not matter.
        noCounts[0] = UptakeObservation(period: noCounts[0].period, eligible: 1000, screened: nil, uptakePct: 50, line: 2, uptakeDecimals: 1)
        let monthly = (1...6).map { UptakeObservation(period: Period(year: 2024, month: $0)!, eligible: 100, screened: 40 + $0, uptakePct: nil, line: $0) }
        #expect(TrendMarker(observations: monthly).reason == .overlappingPeriods(Period(year: 2024, month: 2)!, Period(year: 2024, month: 3)!))
        var gap = annual([500, 520, 540, 575, 600, 640], [1000, 1000, 1000, 1000, 1000, 1000])
        gap[5] = UptakeObservation(period: Period(year: 2026, month: 3)!, eligible: 1000, screened: 640, uptakePct: 64, line: 7)
        #expect(TrendMarker(observations: gap).reason == .breakInSeries(Period(year: 2023, month: 3)!, Period(year: 2026, month: 3)!))
        #expect(TrendMarker(observations: annual([0, 10, 20, 30, 40], [100, 100, 100, 100, 100])).reason == .degenerate)
    }

    @Test func aSixPeriodSeriesShowsItsMarkerEverywhere() throws {
        let rows = [(2019, 500), (2020, 520), (2021, 540), (2022, 575), (2023, 600), (2024, 640)]
            .map { "A,W,\($0.0)-03,1000,,\($0.1),\n" }.joined()
        let d = load(["partners.csv": "partner\nA\n", "uptake.csv": countsHeader + rows])
        let row = try #require(UptakeTable(dataset: d).rows.first)
        #expect(row.trend.marker == .increasing)
        #expect(row.statement(labels: d.metadata).contains("Trend over the latest five years (2020-03 to 2024-03): increasing, by the Fingertips trend marker"))
        let report = Report(dataset: d)
        #expect(report.render(.csv).contains(",increasing,trend_at_99_8_percent,"))
        #expect(report.render(.json).contains("\"marker\": \"increasing\""))
        #expect(report.render(.text).contains("increasing"))
    }
}

@Suite("Comparator and difference in differences")
struct ComparatorTests {
    // Partner: seed 002's VCKC ward, 59.0% of 1,712 → 65.0% of 1,675. Comparator (test fixture only,
    // no seed gives one): 55.0% of 40,000 → 56.2% of 41,000. Reference, scripts/stats-reference/did.py
    // (scipy Wilson + Newcombe method 10 + MOVER): partner +6.0 (2.730858, 9.249859),
    // comparator +1.2 (0.515624, 1.884245), difference +4.8 (1.460018, 8.121138).
    static let toml = """
    [[comparators]]
    partner = "Bi-borough"
    proxy_population = "All eligible residents"
    label = "the bi-borough as a whole"
    """
    static let uptake = """
    partner,proxy_population,period,eligible,uptake_pct
    VCKC,Ward,2023-12,1712,59.0
    VCKC,Ward,2024-07,1675,65.0
    Bi-borough,All eligible residents,2023-12,40000,55.0
    Bi-borough,All eligible residents,2024-07,41000,56.2
    Solo,Notting Dale,2024-01,100,30.0
    Solo,Notting Dale,2024-07,100,31.0

    """
    let dataset = load(["dataset.toml": toml, "partners.csv": "partner\nVCKC\nSolo\n", "uptake.csv": uptake])

    @Test func differenceInDifferencesMatchesTheReference() throws {
        let row = try #require(UptakeTable(dataset: dataset).rows.first)
        let c = try #require(row.comparison.comparison)
        #expect(close(c.partnerChange.lower, 2.730858, 1e-6) && close(c.partnerChange.upper, 9.249859, 1e-6))
        #expect(close(c.comparatorChange.difference, 1.2, 1e-9))
        #expect(close(c.comparatorChange.lower, 0.515624, 1e-6) && close(c.comparatorChange.upper, 1.884245, 1e-6))
        #expect(close(c.difference.difference, 4.8, 1e-9))
        #expect(close(c.difference.lower, 1.460018, 1e-6) && close(c.difference.upper, 8.121138, 1e-6))
    }

    @Test func theSentenceSaysIt() throws {
        let row = try #require(UptakeTable(dataset: dataset).rows.first)
        #expect(row.statement(labels: dataset.metadata).contains(
            "+6.0 points against +1.2 for the bi-borough as a whole: 4.8 points more (difference in differences, 95% interval +1.5 to +8.1 points, which excludes no difference; indicative: it assumes the two changes are independent)."))
    }

    @Test func theComparatorIsMarkedAndNotCounted() {
        let table = UptakeTable(dataset: dataset)
        #expect(table.rows.map(\.isComparator) == [false, true, false])
        #expect(table.partnerRows.count == 2)
        #expect(table.headline.hasPrefix("2 series (and 1 comparator): 2 improved, 0 worse; 1 of 2 change intervals excludes no change"))
        // Not in partners.csv, yet no warning: a comparator is not a partner.
        #expect(dataset.diagnostics.isEmpty, "\(dataset.diagnostics.map(\.formatted))")
    }

    @Test func aComparatorWithoutTheDatesSaysWhy() throws {
        let solo = try #require(UptakeTable(dataset: dataset).rows.last)
        #expect(solo.statement(labels: dataset.metadata).contains("No comparison with the bi-borough as a whole: it has no figure for 2024-01."))
    }

    @Test func withoutAComparatorTheSentenceSaysNoneWasGiven() throws {
        let d = load(["partners.csv": "partner\nVCKC\n", "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nVCKC,Ward,2023-12,1712,59.0\nVCKC,Ward,2024-07,1675,65.0\n"])
        let row = try #require(UptakeTable(dataset: d).rows.first)
        #expect(row.comparison == .noneGiven)
        #expect(row.statement(labels: d.metadata).contains("No comparator was given"))
    }

    @Test func everyOutputCarriesTheComparison() {
        let report = Report(dataset: dataset)
        #expect(report.render(.csv).contains("the bi-borough as a whole,1.20,4.80,1.46,8.12,true,"))
        let json = report.render(.json)
        #expect(json.contains("\"did_pp\": 4.8") && json.contains("\"did_ci_low_pp\": 1.46"))
        #expect(report.render(.text).contains("4.8 points more"))
        #expect(report.render(.text).contains("+4.8 (+1.5 to +8.1)"))
        #expect(report.render(.text).contains("(comparator)"))
        #expect(report.render(.markdown).contains("4.8 points more"))
    }

    @Test func aComparatorNamingNoSeriesIsAWarningOnItsLine() throws {
        let d = load(["dataset.toml": "title = \"T\"\n\n" + Self.toml + "\n\n[[comparators]]\npartner = \"England\"\nproxy_population = \"All\"\nfor_partners = [\"Nobody\"]\n",
                      "partners.csv": "partner\nVCKC\nSolo\n", "uptake.csv": Self.uptake])
        let issues = d.diagnostics.filter { $0.file == "dataset.toml" }
        #expect(issues.count == 2)
        #expect(issues.allSatisfy { $0.line == 8 && $0.severity == .warning })
        #expect(issues.first?.message.contains("no series in uptake.csv has partner 'England'") == true)
        #expect(issues.last?.message.contains("'Nobody' has no series") == true)
        let bad = load(["dataset.toml": "[[comparators]]\nlabel = \"x\"\n", "partners.csv": "partner\nA\n", "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\nA,W,2024-01,10,10\n"])
        #expect(bad.diagnostics.contains { $0.line == 1 && $0.message.contains("needs partner and proxy_population") })
    }

    /// `for_proxy_populations`: the entry applies only to the proxy populations it lists; a general entry after it
    /// catches the rest, and a series is set against the first entry that fits.
    static let scopedUptake = """
    partner,proxy_population,period,eligible,uptake_pct
    VCKC,Ward,2023-12,1712,59.0
    VCKC,Ward,2024-07,1675,65.0
    VCKC,Other ward,2023-12,1000,50.0
    VCKC,Other ward,2024-07,1000,52.0
    Areas,Parent,2023-12,5000,58.0
    Areas,Parent,2024-07,5000,62.0
    Bi-borough,All eligible residents,2023-12,40000,55.0
    Bi-borough,All eligible residents,2024-07,41000,56.2

    """

    @Test func aComparatorForSomeProxyPopulationsAppliesOnlyToThemAndComesFirst() throws {
        let toml = "[[comparators]]\npartner = \"Areas\"\nproxy_population = \"Parent\"\nlabel = \"the parent\"\nfor_proxy_populations = [\n  \"Ward\",\n]\n\n" + Self.toml + "\n"
        let d = load(["dataset.toml": toml, "partners.csv": "partner\nVCKC\n", "uptake.csv": Self.scopedUptake])
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map(\.formatted))")
        #expect(d.metadata.comparators.map(\.forProxyPopulations) == [["Ward"], nil])
        let rows = UptakeTable(dataset: d).rows
        let ward = try #require(rows.first { $0.series.proxyPopulation == "Ward" })
        #expect(ward.comparison.comparison?.label == "the parent")
        #expect(abs((ward.comparison.comparison?.comparatorChange.difference ?? 0) - 4) < 1e-9)
        let other = try #require(rows.first { $0.series.proxyPopulation == "Other ward" })
        #expect(other.comparison.comparison?.label == "the bi-borough as a whole")
        // Both named series are comparators, compared with neither.
        #expect(rows.filter(\.isComparator).map(\.series.proxyPopulation).sorted() == ["All eligible residents", "Parent"])
        // The same entries in the other order: the general one comes first and takes every series.
        let swapped = load(["dataset.toml": Self.toml + "\n\n[[comparators]]\npartner = \"Areas\"\nproxy_population = \"Parent\"\nfor_proxy_populations = [\"Ward\"]\n",
                            "partners.csv": "partner\nVCKC\n", "uptake.csv": Self.scopedUptake])
        let ward2 = try #require(UptakeTable(dataset: swapped).rows.first { $0.series.proxyPopulation == "Ward" })
        #expect(ward2.comparison.comparison?.label == "the bi-borough as a whole")
    }

    @Test func forProxyPopulationsAndForPartnersMustBothMatch() throws {
        let toml = "[[comparators]]\npartner = \"Areas\"\nproxy_population = \"Parent\"\nfor_partners = [\"Nobody\"]\nfor_proxy_populations = [\"Ward\"]\n\n" + Self.toml + "\n"
        let d = load(["dataset.toml": toml, "partners.csv": "partner\nVCKC\n", "uptake.csv": Self.scopedUptake])
        let ward = try #require(UptakeTable(dataset: d).rows.first { $0.series.proxyPopulation == "Ward" })
        #expect(ward.comparison.comparison?.label == "the bi-borough as a whole")
    }

    @Test func forProxyPopulationsProblemsAreWarningsOnTheEntrysLine() throws {
        let toml = "title = \"T\"\n\n[[comparators]]\npartner = \"Areas\"\nproxy_population = \"Parent\"\nfor_proxy_populations = [\"Ward\", \"Nowhere\"]\n\n"
            + "[[comparators]]\npartner = \"Bi-borough\"\nproxy_population = \"All eligible residents\"\nfor_proxy_populations = \"Ward\"\n\n"
            + "[[comparators]]\npartner = \"VCKC\"\nproxy_population = \"Other ward\"\nfor_proxy_populations = [\"Ward\", 3]\n"
        let d = load(["dataset.toml": toml, "partners.csv": "partner\nVCKC\n", "uptake.csv": Self.scopedUptake])
        let issues = d.diagnostics.filter { $0.file == "dataset.toml" }
        #expect(issues.count == 3, "\(issues.map(\.formatted))")
        #expect(issues.allSatisfy { $0.severity == .warning })
        let unknown = try #require(issues.first { $0.message.contains("'Nowhere'") })
        #expect(unknown.line == 3)
        #expect(unknown.message == "comparators[0].for_proxy_populations: proxy population 'Nowhere' has no series in uptake.csv")
        let notArray = try #require(issues.first { $0.message.hasPrefix("comparators[1].for_proxy_populations") })
        #expect(notArray.line == 8)
        #expect(notArray.message.contains("should be an array of proxy population names; ignored"))
        let notStrings = try #require(issues.first { $0.message.hasPrefix("comparators[2].for_proxy_populations") })
        #expect(notStrings.line == 13)
        // Ignored, so those two entries apply to every proxy population.
        #expect(d.metadata.comparators.map(\.forProxyPopulations) == [["Ward", "Nowhere"], nil, nil])
    }

    @Test func moverIsTheSquareAndAddOfTheTwoIntervals() throws {
        let did = try #require(DifferenceInDifferences.interval(DifferenceInterval(difference: 5, lower: 2, upper: 9),
                                                                minus: DifferenceInterval(difference: 1, lower: 0, upper: 3)))
        #expect(did.difference == 4)
        #expect(close(did.lower, 4 - (9.0 + 4.0).squareRoot(), 1e-12))
        #expect(close(did.upper, 4 + (16.0 + 1.0).squareRoot(), 1e-12))
        #expect(DifferenceInDifferences.interval(DifferenceInterval(difference: 5, lower: 6, upper: 9), minus: did) == nil)
    }
}

@Suite("Honest headline")
struct HonestHeadlineTests {
    @Test func manySeriesNoteTheNumberExpectedByChance() {
        let rows = (0..<25).map { "P\($0),W,2024-01,100,40\nP\($0),W,2024-07,100,\(40 + $0 % 3)\n" }.joined()
        let d = load(["partners.csv": "partner\n" + (0..<25).map { "P\($0)\n" }.joined(), "uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n" + rows])
        let table = UptakeTable(dataset: d)
        #expect(table.expectedByChance == 1.25)
        #expect(table.headline.contains("with 25 intervals, about 1.3 would exclude no change by chance alone (1 in 20 at 95%)"))
        #expect(Report(dataset: d).render(.text).contains("by chance alone"))
    }

    @Test func theNumberExpectedByChanceIsGroupedLikeTheCountsBesideIt() {
        // 125,000 intervals: "about 6,250", not "about 6250" beside "125,000".
        #expect(NumberFormat.groupedTrimmed(6_250, 1) == "6,250")
        #expect(NumberFormat.groupedTrimmed(1.25, 1) == "1.3")
        #expect(NumberFormat.groupedTrimmed(12_345.46, 1) == "12,345.5")
        #expect(NumberFormat.groupedTrimmed(999.96, 1) == "1,000")
        #expect(NumberFormat.groupedTrimmed(-1_000.25, 2) == "-1,000.25")
        #expect(NumberFormat.groupedTrimmed(-0.04, 1) == "0")
        #expect(NumberFormat.groupedTrimmed(0, 1) == "0")
        let rows = (0..<20_020).map { "P\($0),W,2024-01,100,40\nP\($0),W,2024-07,100,41\n" }.joined()
        let d = load(["uptake.csv": "partner,proxy_population,period,eligible,uptake_pct\n" + rows])
        #expect(UptakeTable(dataset: d).headline.contains("with 20,020 intervals, about 1,001 would exclude no change"))
    }

    @Test func fewSeriesDoNot() {
        let table = UptakeTable(dataset: DatasetLoader.load(from: EmbeddedSampleData.source))
        #expect(table.headline == "3 series: 3 improved, 0 worse; 1 of 3 change intervals excludes no change (indicative: the dates are largely the same people).")
    }

    @Test(arguments: [ReportFormat.text, .markdown])
    func noTextSaysSignificantWithoutItsQualification(_ format: ReportFormat) {
        let text = Report(dataset: DatasetLoader.load(from: EmbeddedSampleData.source)).render(format)
        let stripped = text.replacingOccurrences(of: "no significant change", with: "")
        #expect(!stripped.lowercased().contains("significant"), "\(stripped)")
    }
}

@Suite("Exact decimals")
struct ExactDecimalTests {
    @Test func everyShortDecimalRoundTrips() throws {
        var rng = SplitMix64(seed: 0x9_0000)
        for _ in 0..<2000 {
            let d = Int.random(in: 0...6, using: &rng)
            let scaled = Int64.random(in: 0...100 * ExactDecimal.power10(d), using: &rng)
            let text = NumberFormat.fixed(Double(scaled) / Double(ExactDecimal.power10(d)), d)
            let parsed = try #require(Double(text))
            let exact = try #require(ExactDecimal(parsed))
            // The recovered decimal is the written one, without needless trailing zeros.
            #expect(ExactDecimal.compare(exact, try #require(ExactDecimal(scaled: scaled, decimals: d))) == 0, "\(text)")
            #expect(exact.value == parsed)
        }
        // 0.1 + 0.2 is 0.30000000000000004: more than 15 decimals are cut, never invented.
        #expect(try #require(ExactDecimal(0.1 + 0.2)).decimals <= ExactDecimal.maximumDecimals)
    }
}
