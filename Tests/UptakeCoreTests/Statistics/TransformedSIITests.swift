import Testing
@testable import UptakeCore

/// PHEindicatormethods' `transform = TRUE` records of `tests/testthat/testdata_SII.xlsx` (commit 093fd28, the same
/// workbook as `PHESIITestData`): records 306-325 (rates, log), 326-345 (proportions, logit), 346-365 (proportions,
/// multiplier −1) and 386-405 (rates, multiplier −1), copied with openpyxl. The limits there come from R's RNG with
/// 100,000 repetitions, so they are checked to simulation error, as `testSII.R` checks them.
struct TransformedCase {
    var records: String
    var valueType: SlopeIndexOfInequality.ValueType
    var multiplier: Double
    var population: [Double]
    var value: [Double]
    var lower: [Double]
    var upper: [Double]
    var sii: Double
    var rii: Double
    var intercept: Double
    var limits: (Double, Double, Double, Double)

    static let all: [TransformedCase] = [
        TransformedCase(records: "306-315 (rate (e.g. infant mortality) - log transform with intercept, area1)", valueType: .rate, multiplier: 1,
            population: [279012.0, 255993.0, 236961.0, 214315.0, 192812.0, 183546.0, 168593.0, 164822.0, 154836.0, 138165.0],
            value: [5.892219689475721, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.942568346458604, 2.82879950399132, 2.7648101907140012],
            lower: [5.614959662410748, 4.475920770781004, 3.586926055445024, 3.6140791140579505, 3.4166969870147965, 2.8977176350029272, 2.870493809285979, 2.6924041297904315, 2.57630573787527, 2.501420619088458],
            upper: [6.183085357576154, 5.0079519402470885, 4.0844291026854505, 4.1399822998098585, 3.9573934822289045, 3.4103317188858107, 3.4038909874130083, 3.2159015715579464, 3.1059621495836955, 3.05584866618335],
            sii: -3.15590713895456, rii: 0.4418848436076823, intercept: 5.65458060546947, limits: (-3.4809615490242884, -2.833237344763632, 0.4082744080360723, 0.4785663265006931)),
        TransformedCase(records: "316-325 (rate (e.g. infant mortality) - log transform with intercept, area2)", valueType: .rate, multiplier: 1,
            population: [13837.0, 14519.0, 14940.0, 14599.0, 12311.0, 21675.0, 20065.0, 19750.0, 24713.0, 20112.0],
            value: [4.89675, 4.5678, 4.67666, 4.35666, 3.9, 3.8, 3.5, 3.2, 3.21, 2.8],
            lower: [4.77675, 4.4478, 4.55666, 4.23666, 3.78, 3.6799999999999997, 3.38, 3.08, 3.09, 2.6799999999999997],
            upper: [4.97675, 4.6478, 4.75666, 4.43666, 3.98, 3.88, 3.58, 3.2800000000000002, 3.29, 2.88],
            sii: -2.2954691808474057, rii: 0.5446144759737053, intercept: 5.040716183843519, limits: (-2.423223688852598, -2.168075785150564, 0.527074544156842, 0.5627749745405388)),
        TransformedCase(records: "326-335 (proportion (e.g. child obesity) - logit transform with intercept, area1)", valueType: .proportion, multiplier: 1,
            population: [34353.0, 32112.0, 27715.0, 25372.0, 23889.0, 23260.0, 23180.0, 24193.0, 23609.0, 24488.0],
            value: [0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.174808489262841, 0.16663800515907098, 0.156039689387403, 0.146571322283305, 0.140370197805921, 0.120875530872264],
            lower: [0.207830499225555, 0.209827711465288, 0.19937351725899902, 0.187066648694241, 0.170044640703038, 0.16190410576997, 0.151425075468518, 0.142170753783533, 0.13599767093637602, 0.11685200990738201],
            upper: [0.216476300812899, 0.218803170788612, 0.208862933590925, 0.19675673996565, 0.17967690552753499, 0.17148199783416998, 0.160768288675927, 0.151084110529924, 0.144859737537153, 0.125017980504761],
            sii: -0.1096462611125906, rii: 0.5341775743253946, intercept: 0.2353821007088711, limits: (-0.11490838449464633, -0.10443087776045443, 0.5185333850074628, 0.5501741213468927)),
        TransformedCase(records: "336-345 (proportion (e.g. child obesity) - logit transform with intercept, area2)", valueType: .proportion, multiplier: 1,
            population: [36111.0, 31803.0, 26681.0, 24184.0, 23023.0, 21506.0, 22197.0, 23679.0, 23271.0, 23464.0],
            value: [0.12079421782836301, 0.117410307203723, 0.11363891908099401, 0.105896460469732, 0.10007383920427401, 0.09411327071514931, 0.08730909582376001, 0.0836606275602855, 0.0797559193846418, 0.0696812137742925],
            lower: [0.117473271937339, 0.11391851782536101, 0.109886239767609, 0.102080757108839, 0.09626388594689321, 0.0902830437346462, 0.0836665612937408, 0.08020120762600881, 0.0763441201710209, 0.0664933849950753],
            upper: [0.12419583434331499, 0.120994510822713, 0.117502836842961, 0.10983734511402099, 0.104017228033421, 0.09808847293030461, 0.09109444792373561, 0.0872551115710111, 0.0833064392278473, 0.0730099206057122],
            sii: -0.05970061643992898, rii: 0.5472074426131981, intercept: 0.1318498183461289, limits: (-0.06392425493727208, -0.05546135190988595, 0.524843254382713, 0.5707105710428643)),
        TransformedCase(records: "346-355 (proportion (e.g. child obesity) - logit transform with negative multiplier, area1)", valueType: .proportion, multiplier: -1,
            population: [34353.0, 32112.0, 27715.0, 25372.0, 23889.0, 23260.0, 23180.0, 24193.0, 23609.0, 24488.0],
            value: [0.21212121212121202, 0.214281265570503, 0.204077214504781, 0.19186504808450303, 0.174808489262841, 0.16663800515907098, 0.156039689387403, 0.146571322283305, 0.140370197805921, 0.120875530872264],
            lower: [0.207830499225555, 0.209827711465288, 0.19937351725899902, 0.187066648694241, 0.170044640703038, 0.16190410576997, 0.151425075468518, 0.142170753783533, 0.13599767093637602, 0.11685200990738201],
            upper: [0.216476300812899, 0.218803170788612, 0.208862933590925, 0.19675673996565, 0.17967690552753499, 0.17148199783416998, 0.160768288675927, 0.151084110529924, 0.144859737537153, 0.125017980504761],
            sii: 0.1096462611125906, rii: 1.8720366560930344, intercept: 0.2353821007088711, limits: (0.10443087776045443, 0.11490838449464633, 1.8176063925941832, 1.9285161359197882)),
        TransformedCase(records: "356-365 (proportion (e.g. child obesity) - logit transform with negative multiplier, area2)", valueType: .proportion, multiplier: -1,
            population: [36111.0, 31803.0, 26681.0, 24184.0, 23023.0, 21506.0, 22197.0, 23679.0, 23271.0, 23464.0],
            value: [0.12079421782836301, 0.117410307203723, 0.11363891908099401, 0.105896460469732, 0.10007383920427401, 0.09411327071514931, 0.08730909582376001, 0.0836606275602855, 0.0797559193846418, 0.0696812137742925],
            lower: [0.117473271937339, 0.11391851782536101, 0.109886239767609, 0.102080757108839, 0.09626388594689321, 0.0902830437346462, 0.0836665612937408, 0.08020120762600881, 0.0763441201710209, 0.0664933849950753],
            upper: [0.12419583434331499, 0.120994510822713, 0.117502836842961, 0.10983734511402099, 0.104017228033421, 0.09808847293030461, 0.09109444792373561, 0.0872551115710111, 0.0833064392278473, 0.0730099206057122],
            sii: 0.05970061643992898, rii: 1.827460524338784, intercept: 0.1318498183461289, limits: (0.05546135190988595, 0.06392425493727208, 1.752201642546574, 1.9053307661849175)),
        TransformedCase(records: "386-395 (rate (e.g. infant mortality) - log transform with negative multiplier, area1)", valueType: .rate, multiplier: -1,
            population: [279012.0, 255993.0, 236961.0, 214315.0, 192812.0, 183546.0, 168593.0, 164822.0, 154836.0, 138165.0],
            value: [5.892219689475721, 4.7345044591063035, 3.827634083245766, 3.8681380211371112, 3.6771570234217785, 3.1436261209723995, 3.1258711808912585, 2.942568346458604, 2.82879950399132, 2.7648101907140012],
            lower: [5.614959662410748, 4.475920770781004, 3.586926055445024, 3.6140791140579505, 3.4166969870147965, 2.8977176350029272, 2.870493809285979, 2.6924041297904315, 2.57630573787527, 2.501420619088458],
            upper: [6.183085357576154, 5.0079519402470885, 4.0844291026854505, 4.1399822998098585, 3.9573934822289045, 3.4103317188858107, 3.4038909874130083, 3.2159015715579464, 3.1059621495836955, 3.05584866618335],
            sii: 3.15590713895456, rii: 2.2630330378288055, intercept: 5.65458060546947, limits: (2.833237344763632, 3.4809615490242884, 2.0895745158504204, 2.449333047374468)),
        TransformedCase(records: "396-405 (rate (e.g. infant mortality) - log transform with negative multiplier, area2)", valueType: .rate, multiplier: -1,
            population: [13837.0, 14519.0, 14940.0, 14599.0, 12311.0, 21675.0, 20065.0, 19750.0, 24713.0, 20112.0],
            value: [4.89675, 4.5678, 4.67666, 4.35666, 3.9, 3.8, 3.5, 3.2, 3.21, 2.8],
            lower: [4.77675, 4.4478, 4.55666, 4.23666, 3.78, 3.6799999999999997, 3.38, 3.08, 3.09, 2.6799999999999997],
            upper: [4.97675, 4.6478, 4.75666, 4.43666, 3.98, 3.88, 3.58, 3.2800000000000002, 3.29, 2.88],
            sii: 2.2954691808474057, rii: 1.8361612555599447, intercept: 5.040716183843519, limits: (2.168075785150564, 2.423223688852598, 1.7769091470643676, 1.8972648386950541)),
    ]
}

@Suite("SII and RII on a transformed scale (phe_sii transform = TRUE)")
struct TransformedSIITests {
    typealias SII = SlopeIndexOfInequality

    @Test("point estimates match phe_sii's transformed records to 1e-6")
    func points() throws {
        for c in TransformedCase.all {
            let fit = try #require(SII.transformedFit(populations: c.population, values: c.value, valueType: c.valueType, multiplier: c.multiplier))
            #expect(abs(fit.sii - c.sii) < 1e-6, "\(c.records): sii \(fit.sii) vs \(c.sii)")
            #expect(abs(fit.rii - c.rii) < 1e-6, "\(c.records): rii \(fit.rii) vs \(c.rii)")
            #expect(abs(fit.intercept * abs(c.multiplier) - c.intercept) < 1e-6, "\(c.records): intercept")
            // The fitted curve runs through the transformed-back ends.
            #expect(abs(fit.fitted(at: 0) - fit.intercept) < 1e-12)
            #expect(abs(fit.fitted(at: 1) - (fit.intercept + fit.slope)) < 1e-12)
        }
    }

    @Test("simulated limits agree with phe_sii's (100,000 draws) to simulation error")
    func limits() throws {
        for c in TransformedCase.all {
            let se = try c.lower.indices.map { try #require(SII.standardError(lower: c.lower[$0], upper: c.upper[$0], valueType: c.valueType)) }
            let ci = try #require(SII.transformedInterval(populations: c.population, values: c.value, standardErrors: se, valueType: c.valueType,
                                                          multiplier: c.multiplier, repetitions: 100_000, seed: 7))
            let siiWidth = abs(c.limits.1 - c.limits.0), riiWidth = abs(c.limits.3 - c.limits.2)
            #expect(abs(ci.siiLower - c.limits.0) < 0.1 * siiWidth, "\(c.records): sii lower \(ci.siiLower) vs \(c.limits.0)")
            #expect(abs(ci.siiUpper - c.limits.1) < 0.1 * siiWidth, "\(c.records): sii upper \(ci.siiUpper) vs \(c.limits.1)")
            let rl = try #require(ci.riiLower), ru = try #require(ci.riiUpper)
            #expect(abs(rl - c.limits.2) < 0.1 * riiWidth, "\(c.records): rii lower \(rl) vs \(c.limits.2)")
            #expect(abs(ru - c.limits.3) < 0.1 * riiWidth, "\(c.records): rii upper \(ru) vs \(c.limits.3)")
        }
    }

    @Test("no transformed fit for a normal value type, or a proportion of 0 or 1")
    func refusals() {
        let c = TransformedCase.all[2]
        #expect(SII.transformedFit(populations: c.population, values: c.value, valueType: .normal) == nil)
        var values = c.value
        values[0] = 1
        #expect(SII.transformedFit(populations: c.population, values: values, valueType: .proportion) == nil)
    }
}

@Suite("[inequality] transform in dataset.toml")
struct InequalityTransformOptionTests {
    static let deprivation = "area,programme,period,quantile,eligible,screened\n"
        + (1...5).map { "Synthetic area,breast,2024-03,\($0),\(1000 + 100 * $0),\(500 + 60 * $0)" }.joined(separator: "\n") + "\n"

    func load(_ toml: String) -> Dataset {
        let uptake = "partner,proxy_population,period,eligible,screened,programme\nP,Q,2024-03,100,50,breast\n"
        return DatasetLoader.load(from: InMemorySource(origin: "test", rawFiles: [
            "dataset.toml": Array(toml.utf8), "uptake.csv": Array(uptake.utf8),
            "partners.csv": Array("partner\nP\n".utf8), "uptake_by_deprivation.csv": Array(Self.deprivation.utf8)]))
    }

    @Test("transform = true computes the SII on the logit scale; the default and false do not")
    func option() throws {
        let plain = load("title = \"Synthetic\"\n"), off = load("title = \"Synthetic\"\n[inequality]\ntransform = false\n")
        let on = load("title = \"Synthetic\"\n[inequality]\ntransform = true\n")
        #expect(!plain.metadata.inequalityTransform && !off.metadata.inequalityTransform && on.metadata.inequalityTransform)
        #expect(on.diagnostics.filter { $0.file == "dataset.toml" }.isEmpty, "\(on.diagnostics.map(\.formatted))")
        let a = try #require(InequalityTable(dataset: plain).rows.first), b = try #require(InequalityTable(dataset: on).rows.first)
        let g = a.group
        let populations = g.quantiles.map { Double($0.eligible) }, values = g.quantiles.map { $0.uptakePct / 100 }
        let expected = try #require(SlopeIndexOfInequality.transformedFit(populations: populations, values: values, valueType: .proportion, multiplier: 100))
        #expect(b.siiPP == expected.sii)
        #expect(a.siiPP != b.siiPP)
        #expect(b.fit?.transformedLine != nil && a.fit?.transformedLine == nil)
        #expect(b.interval != nil)
    }

    @Test("a transform that is not true or false, or an unknown key, is a warning naming dataset.toml")
    func warnings() {
        let d = load("title = \"Synthetic\"\n[inequality]\ntransform = \"yes\"\nmethod = 1\n")
        #expect(!d.metadata.inequalityTransform)
        #expect(d.diagnostics.contains { $0.file == "dataset.toml" && $0.message.contains("inequality.transform should be true or false") })
        #expect(d.diagnostics.contains { $0.file == "dataset.toml" && $0.message.contains("unknown key 'inequality.method'") })
    }
}
