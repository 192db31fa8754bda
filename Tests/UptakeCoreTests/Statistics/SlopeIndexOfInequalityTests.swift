import Foundation
import Testing
@testable import UptakeCore

/// PHEindicatormethods' published SII test data: `tests/testthat/testdata_SII.xlsx`
/// (sheet `testdata_SII`, read by `data-raw/LoadTestdata.R` and used by
/// `tests/testthat/testSII.R`), github.com/ukhsa-collaboration/PHEindicatormethods
/// at commit 093fd28. Vectors copied from the workbook with openpyxl; the
/// expected `sii`, `rii` and limits are the workbook's columns P-U of the
/// group's first record. The limits there come from R's RNG with 100,000
/// repetitions; ours come from a different generator, so they are checked to
/// simulation error only, as `testSII.R` itself checks them (`tolerance = 0.05`).
enum PHESIITestData {
    struct Group {
        var records: String
        var valueType: SlopeIndexOfInequality.ValueType
        var multiplier: Double = 1
        var population: [Double]
        var count: [Double]? = nil
        var value: [Double]
        var lower: [Double]
        var upper: [Double]
        var se: [Double]
        var sii: Double
        var rii: Double
        var intercept: Double? = nil
        var limits: (Double, Double, Double, Double)?
    }

    static let lifeExpectancyArea1 = Group(
        records: "1-10 (value_type 0, area1)", valueType: .normal,
        population: [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
        value: [75.9334590103081, 78.3442382727843, 83.8360631041654, 83.6375399664931, 80.4655031529559, 81.1156759857022, 81.6930835718562, 84.1900062060987, 80.5955641081472, 86.2894349578624],
        lower: [72.7220530546453, 75.2509802190802, 80.8697295124759, 80.157578356036, 77.1308785969275, 78.0499986811178, 79.011578491948, 81.4457282769343, 75.827185168894, 83.2190593454592],
        upper: [79.1448649659708, 81.4374963264884, 86.8023966958549, 87.1175015769501, 83.8001277089842, 84.1813532902866, 84.3745886517644, 86.9342841352631, 85.3639430474004, 89.3598105702656],
        se: [1.638472426358545, 1.578192884542907, 1.5134355059640296, 1.7754906175801293, 1.7013390591981388, 1.56412107376755, 1.3681148366878566, 1.4001418005940802, 2.4328463975781616, 1.5665181695934678],
        sii: 6.934616473668819, rii: 1.0888180804446217, intercept: 78.07663078231671,
        limits: (3.127594617650817, 10.7586873680794, 1.0383690591642838, 1.1412993360251238))

    static let lifeExpectancyArea2 = Group(
        records: "11-20 (value_type 0, area2)", valueType: .normal,
        population: [21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312],
        value: [70.54853186, 71.57155734, 72.48698671, 73.51985519, 73.14605425, 76.15898712, 78.65444871, 80.56476961, 80.85486627, 79.9711253],
        lower: [70.09853186, 71.12155734, 72.03698671, 73.06985519, 72.69605425, 75.70898712, 78.20444871, 80.11476961, 80.40486627, 79.5211253],
        upper: [70.99853186, 72.14, 73.21, 73.7, 75.8, 78.76, 79.77, 81.21, 81.30486627, 80.9],
        se: [0.22959183673469533, 0.2598068010204095, 0.2992380841836735, 0.16075122704081746, 0.7918228954081618, 0.7783196122448984, 0.39937532908163315, 0.2793955076530606, 0.22959183673469533, 0.3517537500000029],
        sii: 12.547846636351798, rii: 1.180885620848795, intercept: 69.36895579356593,
        limits: (11.936156426792138, 13.163020132396579, 1.1713706914325628, 1.1904396357244886))

    static let quintilesArea1 = Group(
        records: "61-65 (quintiles, area1)", valueType: .normal,
        population: [7291, 7997, 6105, 7666, 5790],
        value: [75.9334590103081, 78.3442382727843, 83.8360631041654, 83.6375399664931, 80.4655031529559],
        lower: [], upper: [], se: [1.638472426358545, 1.578192884542907, 1.5134355059640296, 1.7754906175801293, 1.7013390591981388],
        sii: 7.919334147100874, rii: 1.1037116952527257)

    static let quintilesArea2 = Group(
        records: "66-70 (quintiles, area2)", valueType: .normal,
        population: [21675, 20065, 19750, 24713, 20112],
        value: [70.54853186, 71.57155734, 72.48698671, 73.51985519, 73.14605425],
        lower: [], upper: [], se: [0.22959183673469533, 0.2598068010204095, 0.2992380841836735, 0.16075122704081746, 0.7918228954081618],
        sii: 3.6215563376545648, rii: 1.0513892712719326)

    static let rateArea1 = Group(
        records: "71-80 (value_type 1, area1)", valueType: .rate,
        population: [279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836, 138165],
        value: [5.892219689475721, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.942568346458604, 2.82879950399132, 2.7648101907140012],
        lower: [5.614959662410748, 4.475920770781004, 3.586926055445024, 3.6140791140579505, 3.4166969870147965, 2.8977176350029272, 2.870493809285979, 2.6924041297904315, 2.57630573787527, 2.501420619088458],
        upper: [6.183085357576154, 5.0079519402470885, 4.0844291026854505, 4.1399822998098585, 3.9573934822289045, 3.4103317188858107, 3.4038909874130083, 3.2159015715579464, 3.1059621495836955, 3.05584866618335],
        se: [0.02458749781093432, 0.028651772387909245, 0.03313428067829554, 0.03465674221781768, 0.03747737394554521, 0.041552591866051265, 0.04347834474318538, 0.045324801522114426, 0.04769567606225466, 0.05107105401330555],
        sii: -3.2752012326471758, rii: 0.40600068953980034, intercept: 5.513813189631011,
        limits: (-3.5868233016744155, -2.9653170017272723, 0.36888170199068804, 0.44624776652446996))

    static let rateArea2 = Group(
        records: "81-90 (value_type 1, area2)", valueType: .rate,
        population: [13837, 14519, 14940, 14599, 12311, 21675, 20065, 19750, 24713, 20112],
        value: [4.89675, 4.5678, 4.67666, 4.35666, 3.9, 3.8, 3.5, 3.2, 3.21, 2.8],
        lower: [4.77675, 4.4478, 4.55666, 4.23666, 3.78, 3.6799999999999997, 3.38, 3.08, 3.09, 2.6799999999999997],
        upper: [4.97675, 4.6478, 4.75666, 4.43666, 3.98, 3.88, 3.58, 3.2800000000000002, 3.29, 2.88],
        se: [0.010463435871035195, 0.01122050955493271, 0.010958123027823953, 0.011766994423542733, 0.013152502465522992, 0.013500612615903717, 0.014665074213694304, 0.01604944525779827, 0.015999100476435324, 0.01836058663905341],
        sii: -2.287678902778742, rii: 0.5352517697987614,
        limits: (-2.3985255584029543, -2.1761883614121236, 0.5173431258491631, 0.5537394889497282))

    static let proportionArea1 = Group(
        records: "91-100 (value_type 2, area1)", valueType: .proportion,
        population: [34353, 32112, 27715, 25372, 23889, 23260, 23180, 24193, 23609, 24488],
        count: [7287, 6881, 5656, 4868, 4176, 3876, 3617, 3546, 3314, 2960],
        value: [0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.174808489262841, 0.16663800515907098, 0.156039689387403, 0.146571322283305, 0.140370197805921, 0.120875530872264],
        lower: [0.207830499225555, 0.209827711465288, 0.19937351725899902, 0.187066648694241, 0.170044640703038, 0.16190410576997, 0.151425075468518, 0.142170753783533, 0.13599767093637602, 0.11685200990738201],
        upper: [0.216476300812899, 0.218803170788612, 0.208862933590925, 0.19675673996565, 0.17967690552753499, 0.17148199783416998, 0.160768288675927, 0.151084110529924, 0.144859737537153, 0.125017980504761],
        se: [0.013197018471840493, 0.013599402535469379, 0.014903436058054755, 0.015942525582502205, 0.01703390526979317, 0.017593885815626962, 0.018098141690297317, 0.018176743057472546, 0.01873422095544007, 0.019601724030759937],
        sii: -0.10720032333730493, rii: 0.5334015306465507, intercept: 0.22974855336720032,
        limits: (-0.11220857220984691, -0.1021798062145461, 0.5171273196358018, 0.5501538412913004))

    static let proportionArea2 = Group(
        records: "101-110 (value_type 2, area2)", valueType: .proportion,
        population: [36111, 31803, 26681, 24184, 23023, 21506, 22197, 23679, 23271, 23464],
        count: [4362, 3734, 3032, 2561, 2304, 2024, 1938, 1981, 1856, 1635],
        value: [0.12079421782836301, 0.117410307203723, 0.11363891908099401, 0.105896460469732, 0.10007383920427401, 0.09411327071514931, 0.08730909582376001, 0.0836606275602855, 0.0797559193846418, 0.0696812137742925],
        lower: [0.117473271937339, 0.11391851782536101, 0.109886239767609, 0.102080757108839, 0.09626388594689321, 0.0902830437346462, 0.0836665612937408, 0.08020120762600881, 0.0763441201710209, 0.0664933849950753],
        upper: [0.12419583434331499, 0.120994510822713, 0.117502836842961, 0.10983734511402099, 0.104017228033421, 0.09808847293030461, 0.09109444792373561, 0.0872551115710111, 0.0833064392278473, 0.0730099206057122],
        se: [0.016146775138005474, 0.017418243061058977, 0.019288400690570365, 0.020895990883188453, 0.02195906395930766, 0.023351345596214483, 0.02377464167013697, 0.02346839135649071, 0.024194175488285865, 0.02563725693767251],
        sii: -0.0581854710713103, rii: 0.5470128461555435,
        limits: (-0.06216629570885849, -0.05417454773129435, 0.5237145074007454, 0.5714617043537692))

    static let all = [lifeExpectancyArea1, lifeExpectancyArea2, quintilesArea1, quintilesArea2, rateArea1, rateArea2, proportionArea1, proportionArea2]

    /// Records 111-150 repeat records 91-110 with `multiplier = 100` and `-100`.
    static let multiplied: [(Group, Double, Double, Double, (Double, Double, Double, Double))] = [
        (proportionArea1, 100, -10.720032333730494, 0.5334015306465507, (-11.22085722098469, -10.21798062145461, 0.5171273196358018, 0.5501538412913004)),
        (proportionArea2, 100, -5.81854710713103, 0.5470128461555435, (-6.216629570885849, -5.4174547731294345, 0.5237145074007454, 0.5714617043537692)),
        (proportionArea1, -100, 10.720032333730494, 1.874760274474414, (10.21798062145461, 11.22085722098469, 1.8176733941416052, 1.933759757083172)),
        (proportionArea2, -100, 5.81854710713103, 1.8281106321873277, (5.4174547731294345, 6.216629570885849, 1.7498985362997128, 1.909437271392602)),
    ]
}

@Suite("Slope and relative index of inequality (phe_sii)")
struct SlopeIndexOfInequalityTests {
    typealias SII = SlopeIndexOfInequality

    @Test("point estimates match phe_sii's test data to 1e-6")
    func pointEstimates() throws {
        for g in PHESIITestData.all {
            let fit = try #require(SII.fit(populations: g.population, values: g.value, multiplier: g.multiplier), "\(g.records)")
            #expect(abs(fit.sii - g.sii) < 1e-6, "\(g.records): sii \(fit.sii) vs \(g.sii)")
            #expect(abs(fit.rii - g.rii) < 1e-6, "\(g.records): rii \(fit.rii) vs \(g.rii)")
            if let i = g.intercept { #expect(abs(fit.intercept - i) < 1e-6, "\(g.records): intercept") }
        }
    }

    @Test("multipliers 100 and -100 (records 111-150) to 1e-6")
    func multipliers() throws {
        for (g, m, sii, rii, _) in PHESIITestData.multiplied {
            let fit = try #require(SII.fit(populations: g.population, values: g.value, multiplier: m))
            #expect(abs(fit.sii - sii) < 1e-6)
            #expect(abs(fit.rii - rii) < 1e-6)
        }
    }

    @Test("relative ranks are midpoints of cumulative population shares (phe_sii's documented 0.06, 0.17)")
    func relativeRanks() {
        let ranks = SII.relativeRanks(populations: [12, 10, 78])
        #expect(abs(ranks[0] - 0.06) < 1e-12)
        #expect(abs(ranks[1] - 0.17) < 1e-12)
        #expect(abs(ranks[2] - 0.61) < 1e-12)
    }

    /// For `value_type = 0` the workbook's `StandardError` column is `(UpperCL − LowerCL) / 1.96 / 2`; phe_sii applies
    /// the same formula with `qnorm(0.975)`, so ours times `qnorm(0.975)` equals the column times 1.96. For rates and proportions the column holds standard errors from another source (phe_sii's tests pass
    /// them as `se =` and expect the same limits as from the CLs only to `tolerance = 0.05`), so they are not compared.
    @Test("the standard error derived from the limits is the workbook's StandardError column (value_type 0)")
    func standardErrors() {
        for g in PHESIITestData.all where !g.lower.isEmpty && g.valueType == .normal {
            for i in g.value.indices {
                let se = SII.standardError(lower: g.lower[i], upper: g.upper[i], valueType: g.valueType)
                #expect(se != nil && abs(se! * NormalDistribution.z95 - g.se[i] * 1.96) < 1e-9, "\(g.records) quantile \(i + 1)")
            }
        }
    }

    @Test("simulated limits agree with phe_sii's (100,000 draws) to simulation error")
    func simulatedLimits() throws {
        var cases = PHESIITestData.all.compactMap { g in g.limits.map { (g, g.multiplier, $0) } }
        cases += PHESIITestData.multiplied.map { ($0.0, $0.1, $0.4) }
        for (g, m, limits) in cases {
            let ci = try #require(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se,
                                                        valueType: g.valueType, multiplier: m, repetitions: 100_000, seed: 7))
            let siiWidth = abs(limits.1 - limits.0)
            let riiWidth = abs(limits.3 - limits.2)
            // Within a tenth of the published interval's width (phe_sii's own test allows 5% of the value).
            #expect(abs(ci.siiLower - limits.0) < 0.1 * siiWidth, "\(g.records) ×\(m): sii lower \(ci.siiLower) vs \(limits.0)")
            #expect(abs(ci.siiUpper - limits.1) < 0.1 * siiWidth, "\(g.records) ×\(m): sii upper \(ci.siiUpper) vs \(limits.1)")
            let rl = try #require(ci.riiLower), ru = try #require(ci.riiUpper)
            #expect(abs(rl - limits.2) < 0.1 * riiWidth, "\(g.records) ×\(m): rii lower \(rl) vs \(limits.2)")
            #expect(abs(ru - limits.3) < 0.1 * riiWidth, "\(g.records) ×\(m): rii upper \(ru) vs \(limits.3)")
        }
    }

    @Test("the same seed gives the same limits; another seed, slightly different ones")
    func seeded() throws {
        let g = PHESIITestData.proportionArea1
        let a = try #require(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se, valueType: .proportion, multiplier: 100, seed: 42))
        let b = try #require(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se, valueType: .proportion, multiplier: 100, seed: 42))
        let c = try #require(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se, valueType: .proportion, multiplier: 100, seed: 43))
        #expect(a == b)
        #expect(a != c)
        #expect(a.repetitions == 10_000)
    }

    /// The simulation runs in blocks, column by column; this is the plain draw-by-draw loop it replaced (one normal
    /// per quantile per draw from the same stream, the line refitted per draw). The two must agree to the last bit,
    /// including a last block shorter than the rest (2,500 = 2 × 1,024 + 452) and every value type.
    @Test("the blocked simulation equals a draw-by-draw loop to the last bit")
    func blockedEqualsDrawByDraw() throws {
        let et = TableExp.table()
        for (g, m) in [(PHESIITestData.proportionArea1, 100.0), (PHESIITestData.rateArea1, 1), (PHESIITestData.lifeExpectancyArea1, 1),
                       (PHESIITestData.proportionArea2, -100)] {
            let reps = 2500, seed: UInt64 = 99
            let ci = try #require(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se,
                                                        valueType: g.valueType, multiplier: m, repetitions: reps, seed: seed))
            let (c0, c1) = try #require(SII.coefficients(populations: g.population))
            let means = try g.value.map { try #require(SII.transform($0, g.valueType)) }
            var rng = SimulationRandom(seed: seed)
            var siis: [Double] = [], riis: [Double] = []
            et.withUnsafeBufferPointer { et in
                for _ in 0..<reps {
                    var intercept = 0.0, slope = 0.0
                    for i in means.indices {
                        let z = means[i] + g.se[i] * ZigguratNormal.next(&rng)
                        let y: Double
                        switch g.valueType {
                        case .normal: y = z
                        case .rate: y = TableExp.exp(z, et)
                        case .proportion: y = 1 / (1 + TableExp.exp(-z, et))
                        }
                        intercept += c0[i] * y
                        slope += c1[i] * y
                    }
                    var rii = (intercept + slope) / intercept
                    if m < 0 { rii = 1 / rii }
                    siis.append(slope * m)
                    riis.append(rii)
                }
            }
            siis.sort()
            riis.sort()
            let (lo, hi) = SII.limitPositions(repetitions: reps, confidence: 0.95)
            #expect(ci.siiLower == siis[lo] && ci.siiUpper == siis[hi], "\(g.records) ×\(m)")
            #expect(ci.riiLower == riis[lo] && ci.riiUpper == riis[hi], "\(g.records) ×\(m)")
        }
    }

    @Test("fewer than 1000 repetitions, a proportion of 0 or 1, or a zero population: no interval")
    func refusals() {
        let g = PHESIITestData.proportionArea1
        #expect(SII.simulatedInterval(populations: g.population, values: g.value, standardErrors: g.se, valueType: .proportion, repetitions: 999, seed: 1) == nil)
        var values = g.value
        values[3] = 0
        #expect(SII.simulatedInterval(populations: g.population, values: values, standardErrors: g.se, valueType: .proportion, seed: 1) == nil)
        var pops = g.population
        pops[0] = 0
        #expect(SII.fit(populations: pops, values: g.value) == nil)
    }

    @Test("limit positions follow R: round(R·0.025) and round(R·0.975), 1-based")
    func positions() {
        #expect(SII.limitPositions(repetitions: 10_000, confidence: 0.95) == (249, 9749))
        #expect(SII.limitPositions(repetitions: 100_000, confidence: 0.95) == (2499, 97499))
        #expect(SII.limitPositions(repetitions: 1000, confidence: 0.99) == (4, 994))
    }

    @Test("ziggurat draws have mean 0, variance 1 and normal tail shares")
    func ziggurat() {
        var g = SimulationRandom(seed: 2024)
        let n = 1_000_000
        var sum = 0.0, sumSq = 0.0, beyond196 = 0, beyond3 = 0
        for _ in 0..<n {
            let z = ZigguratNormal.next(&g)
            sum += z
            sumSq += z * z
            if abs(z) > 1.959963984540054 { beyond196 += 1 }
            if abs(z) > 3.442619855899 { beyond3 += 1 }
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean) < 0.005)
        #expect(abs(variance - 1) < 0.005)
        #expect(abs(Double(beyond196) / Double(n) - 0.05) < 0.001)
        // P(|Z| > r) = 2·(1 − Φ(3.4426)) ≈ 0.000576: the tail path is exercised and right.
        #expect(abs(Double(beyond3) / Double(n) - 0.000576) < 0.0001)
    }

    @Test("the two-heap tails find the same order statistics as a sort, ties included")
    func tails() {
        var g = SimulationRandom(seed: 6)
        var heap: [Double] = []
        for n in [1, 2, 3, 10, 1000, 10_000, 10_001] {
            for spread in [UInt64(3), 1_000_000] {
                let values = (0..<n).map { _ in Double(g.next() % spread) - Double(spread / 2) }
                let sorted = values.sorted()
                for (i, j) in [(n / 40, n - 1 - n / 40), (0, n - 1), (n / 2, n / 2), (0, 0), (n - 1, n - 1)] {
                    let (a, b) = OrderStatistics.tails(values, i, j, heap: &heap)
                    #expect(a == sorted[i] && b == sorted[j], "n = \(n), spread \(spread), positions \(i), \(j)")
                }
            }
        }
    }

    @Test("quickselect finds the same order statistics as a sort")
    func selection() {
        var g = SimulationRandom(seed: 5)
        for n in [1, 2, 3, 10, 1000, 10_001] {
            var values = (0..<n).map { _ in Double(g.next() % 100) }
            let sorted = values.sorted()
            let i = n / 40, j = n - 1 - n / 40
            let (a, b) = OrderStatistics.select(&values, i, j)
            #expect(a == sorted[i] && b == sorted[j], "n = \(n)")
        }
    }
}

@Suite("Table exp")
struct TableExpTests {
    @Test("within 2e-15 relative (a few ulps) of libm's exp from -40 to 40, and sane at the clamps")
    func matchesLibm() {
        let table = TableExp.table()
        table.withUnsafeBufferPointer { t in
            var x = -40.0
            var worst = 0.0
            while x <= 40 {
                let e = Foundation.exp(x)
                worst = max(worst, abs(TableExp.exp(x, t) - e) / e)
                x += 0.000731
            }
            #expect(worst < 2e-15, "worst relative error \(worst)")
            #expect(TableExp.exp(0, t) == 1)
            #expect(TableExp.exp(-800, t) > 0 && TableExp.exp(800, t).isFinite)
        }
    }

    @Test("two lanes at a time give the scalar version's bits, lane by lane, across the range and at the clamps")
    func twoLanesSameBits() {
        let table = TableExp.table()
        table.withUnsafeBufferPointer { t in
            var g = SimulationRandom(seed: 7)
            var values: [Double] = [0, -0.0, -700, 700, -800, 800, -700.0000001, 1e-300, -1e-300, 0.5, -0.5]
            for _ in 0..<200_000 { values.append((Double(g.next() >> 11) * 0x1p-53 - 0.5) * 80) }
            for _ in 0..<1_000 { values.append((Double(g.next() >> 11) * 0x1p-53 - 0.5) * 1600) }
            var mismatches = 0
            for i in stride(from: 0, to: values.count - 1, by: 2) {
                let pair = TableExp.exp(SIMD2(values[i], values[i + 1]), t.baseAddress!)
                if pair[0].bitPattern != TableExp.exp(values[i], t).bitPattern || pair[1].bitPattern != TableExp.exp(values[i + 1], t).bitPattern {
                    mismatches += 1
                }
            }
            #expect(mismatches == 0)
        }
    }
}
