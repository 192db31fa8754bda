import Foundation

/// The slope index of inequality (SII) and relative index of inequality (RII),
/// computed as PHEindicatormethods' `phe_sii` computes them (no transform).
///
/// The quantiles are ordered from most deprived (1) to least deprived. Each is
/// placed at the midpoint of its share of the cumulative population (its
/// relative rank `b`, 0...1), and a straight line is fitted by least squares to
/// `sqrt(a)·y = β₀·sqrt(a) + β₁·b·sqrt(a)`, where `a` is the quantile's share of
/// the population: weighted least squares with population weights. The SII is
/// the slope `β₁` (the fitted value at the least deprived end, x = 1, minus the
/// fitted value at the most deprived end, x = 0) times a multiplier; the RII is
/// `(β₀ + β₁) / β₀`, inverted when the multiplier is negative (as `phe_sii`
/// does for the polarity).
///
/// Intervals are by simulation, as `phe_sii`'s `SimulationFunc`: each
/// quantile's value is drawn from a normal distribution with its own mean and
/// standard error, on the logit scale for proportions and the log scale for
/// rates (then transformed back), the line is refitted for every draw, and the
/// 2.5th and 97.5th ordered draws (positions `round(R·0.025)` and
/// `round(R·0.975)`, 1-based, R's rounding) are the 95% limits. The random
/// numbers are ours (SplitMix64 and a ziggurat normal sampler, seeded), so the
/// limits match `phe_sii` only to simulation error; the point estimates match
/// exactly.
public enum SlopeIndexOfInequality {
    /// The kind of indicator, `phe_sii`'s `value_type`: it decides the scale the simulation draws on.
    public enum ValueType: Int, Sendable {
        /// Any other value (life expectancy): drawn on its own scale.
        case normal = 0
        /// A rate: drawn on the log scale.
        case rate = 1
        /// A proportion (0...1): drawn on the logit scale.
        case proportion = 2
    }

    /// A fitted line and the indices it gives.
    public struct Fit: Hashable, Sendable {
        /// The slope index: fitted value at the least deprived end minus the most deprived end, times the multiplier.
        public var sii: Double
        /// The relative index: fitted value at the least deprived end ÷ at the most deprived end (inverted for a negative multiplier).
        public var rii: Double
        /// The fitted value at the most deprived end (x = 0), in the values' own units (no multiplier).
        public var intercept: Double
        /// The fitted slope in the values' own units (no multiplier).
        public var slope: Double

        /// For a fit on a transformed scale (``transformedFit(populations:values:valueType:multiplier:)``): the
        /// straight line on that scale (logit or log); the fitted values are this line transformed back, a curve.
        public var transformedLine: TransformedLine?

        /// The fitted value at relative rank `x` (0 = most deprived end, 1 = least deprived end), in the values' own units.
        public func fitted(at x: Double) -> Double {
            if let t = transformedLine { return t.value(at: x) }
            return intercept + slope * x
        }
    }

    /// A straight line on the logit (proportions) or log (rates) scale: `phe_sii`'s fit with `transform = TRUE`.
    public struct TransformedLine: Hashable, Sendable {
        /// The line at x = 0 (most deprived end), on the transformed scale.
        public var intercept: Double
        /// The slope on the transformed scale.
        public var slope: Double
        /// `.proportion` (logit) or `.rate` (log).
        public var valueType: ValueType

        /// The line at `x`, transformed back to the values' own units.
        public func value(at x: Double) -> Double { SlopeIndexOfInequality.backTransform(intercept + slope * x, valueType) }
    }

    /// Simulated confidence limits for the SII and RII.
    public struct Interval: Hashable, Sendable {
        /// Lower limit of the SII.
        public var siiLower: Double
        /// Upper limit of the SII.
        public var siiUpper: Double
        /// Lower limit of the RII (nil when a simulated intercept was not positive, so a ratio means nothing).
        public var riiLower: Double?
        /// Upper limit of the RII.
        public var riiUpper: Double?
        /// Simulated draws the limits come from.
        public var repetitions: Int
        /// The confidence level (0.95).
        public var confidence: Double
    }

    /// Relative ranks: the midpoint of each quantile's share of the cumulative population,
    /// in the order given (`phe_sii`'s internal `FindXValues`).
    ///
    /// With shares 0.12 and 0.10 the first two ranks are 0.06 and 0.17.
    public static func relativeRanks(populations: [Double]) -> [Double] {
        let total = populations.reduce(0, +)
        var cumulative = 0.0
        return populations.map { p in
            let share = p / total
            defer { cumulative += share }
            return cumulative + share / 2
        }
    }

    /// The least-squares coefficients: intercept = Σ c0ᵢ·yᵢ and slope = Σ c1ᵢ·yᵢ.
    ///
    /// These are the rows of `(MMᵀ)⁻¹M` multiplied by `sqrt(a)`, the matrix
    /// `SimulationFunc` applies to every simulated column. Nil when fewer than
    /// two quantiles or the populations do not define a line.
    static func coefficients(populations: [Double]) -> (c0: [Double], c1: [Double])? {
        guard populations.count >= 2, populations.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let total = populations.reduce(0, +)
        let a = populations.map { $0 / total }
        let b = relativeRanks(populations: populations)
        var s11 = 0.0, s12 = 0.0, s22 = 0.0
        for i in a.indices {
            s11 += a[i]
            s12 += a[i] * b[i]
            s22 += a[i] * b[i] * b[i]
        }
        let det = s11 * s22 - s12 * s12
        guard det > 0, det.isFinite else { return nil }
        let c0 = a.indices.map { a[$0] * (s22 - s12 * b[$0]) / det }
        let c1 = a.indices.map { a[$0] * (s11 * b[$0] - s12) / det }
        return (c0, c1)
    }

    /// The SII and RII of `values` (one per quantile, most deprived first) with their `populations`.
    ///
    /// `multiplier` scales the SII (100 turns proportions into percentage
    /// points); a negative one also inverts the RII, as in `phe_sii`. Nil when
    /// the line is undefined (fewer than two quantiles, a population that is not
    /// positive, a value that is not finite).
    public static func fit(populations: [Double], values: [Double], multiplier: Double = 1) -> Fit? {
        guard populations.count == values.count, values.allSatisfy(\.isFinite),
              let (c0, c1) = coefficients(populations: populations) else { return nil }
        var intercept = 0.0, slope = 0.0
        for i in values.indices {
            intercept += c0[i] * values[i]
            slope += c1[i] * values[i]
        }
        var rii = (intercept + slope) / intercept
        if multiplier < 0 { rii = 1 / rii }
        return Fit(sii: multiplier * slope, rii: rii, intercept: intercept, slope: slope)
    }

    /// The SII and RII computed on a transformed scale and transformed back, `phe_sii` with `transform = TRUE`
    /// (R/SII_function.R): values go to the logit (proportions) or log (rates) scale, the weighted line is fitted
    /// there, and the fitted values at the two ends are transformed back. SII = (g(β₀ + β₁) − g(β₀)) × multiplier,
    /// RII = g(β₀ + β₁) / g(β₀) (inverted for a negative multiplier), with g the inverse transform; `intercept` is
    /// g(β₀) and `slope` g(β₀ + β₁) − g(β₀), in the values' own units. Nil for `.normal` (phe_sii refuses it) or
    /// when a value has no logit or log (a proportion of 0 or 1, a rate of 0).
    public static func transformedFit(populations: [Double], values: [Double], valueType: ValueType, multiplier: Double = 1) -> Fit? {
        guard valueType != .normal, populations.count == values.count else { return nil }
        var transformed: [Double] = []
        for v in values {
            guard let t = transform(v, valueType) else { return nil }
            transformed.append(t)
        }
        guard let line = fit(populations: populations, values: transformed) else { return nil }
        let low = backTransform(line.intercept, valueType), high = backTransform(line.intercept + line.slope, valueType)
        var rii = high / low
        if multiplier < 0 { rii = 1 / rii }
        return Fit(sii: (high - low) * multiplier, rii: rii, intercept: low, slope: high - low,
                   transformedLine: TransformedLine(intercept: line.intercept, slope: line.slope, valueType: valueType))
    }

    /// The inverse of ``transform(_:_:)``: e^x for rates, 1 / (1 + e^−x) for proportions.
    static func backTransform(_ x: Double, _ type: ValueType) -> Double {
        switch type {
        case .normal: return x
        case .rate: return exp(x)
        case .proportion: return 1 / (1 + exp(-x))
        }
    }

    /// Simulated limits for a ``transformedFit(populations:values:valueType:multiplier:)``, as `phe_sii` computes
    /// them with `transform = TRUE`: the slope is simulated on the transformed scale (no transforming back per
    /// draw), and its limits `s` become a line through the fitted midpoint m = β₀ + β₁/2, from m − s/2 to
    /// m + s/2, transformed back at both ends. The RII limits come from the same two lines (phe_sii does not use
    /// simulated RIIs here). `standardErrors` are on the transformed scale (``standardError(lower:upper:valueType:)``).
    ///
    /// One departure: for rates phe_sii swaps the limits when `multiplier < 1` (not `< 0`), which for a multiplier
    /// from 0 to 1 puts the lower limit above the upper; here the limits are swapped for a negative multiplier only,
    /// as for proportions. Every test record of phe_sii uses a multiplier of 1 or −1, where the two agree.
    public static func transformedInterval(populations: [Double], values: [Double], standardErrors: [Double], valueType: ValueType,
                                           multiplier: Double = 1, repetitions: Int = 10_000, confidence: Double = 0.95,
                                           seed: UInt64) -> Interval? {
        guard valueType != .normal, let fitted = transformedFit(populations: populations, values: values, valueType: valueType),
              let line = fitted.transformedLine else { return nil }
        let transformed = values.compactMap { transform($0, valueType) }
        guard let slopes = simulatedInterval(populations: populations, values: transformed, standardErrors: standardErrors,
                                             valueType: .normal, multiplier: 1, repetitions: repetitions, confidence: confidence,
                                             seed: seed) else { return nil }
        let middle = line.intercept + line.slope / 2
        func ends(_ s: Double) -> (low: Double, high: Double) {
            (backTransform(middle - s / 2, valueType), backTransform(middle + s / 2, valueType))
        }
        let lower = ends(slopes.siiLower), upper = ends(slopes.siiUpper)
        let (a, b) = multiplier < 0 ? (upper, lower) : (lower, upper)
        var riiA = a.high / a.low, riiB = b.high / b.low
        if multiplier < 0 { (riiA, riiB) = (1 / riiA, 1 / riiB) }
        let defined = [riiA, riiB].allSatisfy { $0.isFinite && $0 > 0 }
        return Interval(siiLower: (a.high - a.low) * multiplier, siiUpper: (b.high - b.low) * multiplier,
                        riiLower: defined ? riiA : nil, riiUpper: defined ? riiB : nil, repetitions: repetitions, confidence: confidence)
    }

    /// The standard error `phe_sii` derives from 95% limits: `(upper − lower) / qnorm(0.975) / 2`,
    /// after transforming the value and limits to the simulation's scale (logit or log).
    public static func standardError(lower: Double, upper: Double, valueType: ValueType) -> Double? {
        guard let l = transform(lower, valueType), let u = transform(upper, valueType) else { return nil }
        let se = (u - l) / NormalDistribution.z95 / 2
        return se.isFinite && se >= 0 ? se : nil
    }

    /// A value on the simulation's scale: itself, its log (rate) or its logit (proportion); nil where that is not finite.
    static func transform(_ v: Double, _ type: ValueType) -> Double? {
        let t: Double
        switch type {
        case .normal: t = v
        case .rate: t = log(v)
        case .proportion: t = log(v / (1 - v))
        }
        return t.isFinite ? t : nil
    }

    /// Simulated `confidence` limits, `phe_sii`'s `SimulationFunc` with `transform = FALSE`.
    ///
    /// `values` are on their own scale (proportions as fractions), `standardErrors`
    /// on the simulation's scale (see ``standardError(lower:upper:valueType:)``).
    /// The same `seed` gives the same limits. Nil when `repetitions` < 1000
    /// (`phe_sii`'s minimum) or any input is unusable (a proportion of exactly 0
    /// or 1 has no logit, so it cannot be simulated).
    public static func simulatedInterval(populations: [Double], values: [Double], standardErrors: [Double], valueType: ValueType,
                                         multiplier: Double = 1, repetitions: Int = 10_000, confidence: Double = 0.95,
                                         seed: UInt64) -> Interval? {
        var scratch = SimulationScratch()
        return simulatedInterval(populations: populations, values: values, standardErrors: standardErrors, valueType: valueType,
                                 multiplier: multiplier, repetitions: repetitions, confidence: confidence, seed: seed, scratch: &scratch)
    }

    /// Reusable buffers for ``simulatedInterval``, so many groups can be simulated without reallocating.
    struct SimulationScratch {
        /// Per draw: the simulated intercept, then the SII.
        var sii: [Double] = []
        /// Per draw: the simulated slope, then the RII.
        var rii: [Double] = []
        /// One block of normal draws, quantile by quantile (`blockSize` draws of quantile 0, then of quantile 1, …).
        var normals: [Double] = []
        /// The two heaps of ``OrderStatistics/tails(_:_:_:heap:)``.
        var heap: [Double] = []
    }

    /// Draws simulated per block: the block's normals (10 quantiles × 1,024 × 8 bytes) stay in the core's own cache.
    static let blockSize = 1024

    static func simulatedInterval(populations: [Double], values: [Double], standardErrors: [Double], valueType: ValueType,
                                  multiplier: Double, repetitions: Int, confidence: Double, seed: UInt64,
                                  scratch: inout SimulationScratch) -> Interval? {
        let k = values.count
        guard repetitions >= 1000, confidence > 0.5, confidence < 1, standardErrors.count == k,
              let (c0, c1) = coefficients(populations: populations) else { return nil }
        var means = [Double](repeating: 0, count: k)
        for i in 0..<k {
            guard let m = transform(values[i], valueType), standardErrors[i].isFinite, standardErrors[i] >= 0 else { return nil }
            means[i] = m
        }
        if scratch.sii.count != repetitions {
            scratch.sii = [Double](repeating: 0, count: repetitions)
            scratch.rii = [Double](repeating: 0, count: repetitions)
        }
        if scratch.normals.count != k * blockSize { scratch.normals = [Double](repeating: 0, count: k * blockSize) }
        var rng = SimulationRandom(seed: seed)
        let tables = ZigguratNormal.tables
        let expTable = TableExp.table()
        var defined = (sii: true, rii: true)
        expTable.withUnsafeBufferPointer { et in
            tables.k.withUnsafeBufferPointer { zk in
                tables.w.withUnsafeBufferPointer { zw in
                    scratch.sii.withUnsafeMutableBufferPointer { siiOut in
                        scratch.rii.withUnsafeMutableBufferPointer { riiOut in
                            scratch.normals.withUnsafeMutableBufferPointer { zs in
                                means.withUnsafeBufferPointer { mu in
                                    standardErrors.withUnsafeBufferPointer { sd in
                                        c0.withUnsafeBufferPointer { w0 in
                                            c1.withUnsafeBufferPointer { w1 in
                                                defined = simulate(k: k, repetitions: repetitions, valueType: valueType, multiplier: multiplier,
                                                                   mu: mu, sd: sd, w0: w0, w1: w1, rng: &rng, zk: zk, zw: zw, et: et,
                                                                   normals: zs, sii: siiOut, rii: riiOut)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard defined.sii else { return nil }
        let (lowerPos, upperPos) = limitPositions(repetitions: repetitions, confidence: confidence)
        let (sl, su) = OrderStatistics.tails(scratch.sii, lowerPos, upperPos, heap: &scratch.heap)
        var rl: Double?, ru: Double?
        if defined.rii {
            let (a, b) = OrderStatistics.tails(scratch.rii, lowerPos, upperPos, heap: &scratch.heap)
            rl = a
            ru = b
        }
        return Interval(siiLower: sl, siiUpper: su, riiLower: rl, riiUpper: ru, repetitions: repetitions, confidence: confidence)
    }

    /// The simulation proper, in blocks of ``blockSize`` draws: writes each draw's SII and RII into `sii` and `rii`
    /// and says whether every SII, and every RII, was defined.
    ///
    /// The normal variates are generated in the same order as one draw after another (draw r's quantiles 0…k−1,
    /// then draw r+1's), so a seed gives the same stream as a draw-by-draw loop; they are stored quantile by
    /// quantile, so the transform and the weighted sums run down contiguous columns with per-column constants.
    /// Each draw's intercept and slope are summed over quantiles in order 0…k−1, as a draw-by-draw loop would,
    /// so the results are the same to the last bit.
    @inline(never)
    static func simulate(k: Int, repetitions: Int, valueType: ValueType, multiplier: Double,
                         mu: UnsafeBufferPointer<Double>, sd: UnsafeBufferPointer<Double>,
                         w0: UnsafeBufferPointer<Double>, w1: UnsafeBufferPointer<Double>, rng: inout SimulationRandom,
                         zk: UnsafeBufferPointer<UInt32>, zw: UnsafeBufferPointer<Double>, et: UnsafeBufferPointer<Double>,
                         normals: UnsafeMutableBufferPointer<Double>,
                         sii: UnsafeMutableBufferPointer<Double>, rii: UnsafeMutableBufferPointer<Double>) -> (sii: Bool, rii: Bool) {
        var g = rng
        defer { rng = g }
        let zp = normals.baseAddress!, kp = zk.baseAddress!, wp = zw.baseAddress!, tp = et.baseAddress!
        let intercepts = sii.baseAddress!, slopes = rii.baseAddress!
        var start = 0
        while start < repetitions {
            let n = Swift.min(blockSize, repetitions - start)
            // Normals, draw by draw as the stream gives them, stored column by column.
            for r in 0..<n {
                for i in 0..<k {
                    // The ziggurat's fast path inline (about 99% of draws); the rest go to the exact slow path.
                    let u = g.next()
                    let iz = Int(truncatingIfNeeded: u & 127)
                    let hz = Int32(truncatingIfNeeded: u >> 32)
                    zp[i &* blockSize &+ r] = hz.magnitude < kp[iz] ? Double(hz) * wp[iz] : ZigguratNormal.slow(&g, hz: hz, iz: iz)
                }
            }
            let ic = intercepts + start, sl = slopes + start
            for r in 0..<n {
                ic[r] = 0
                sl[r] = 0
            }
            // Each column: to the value's own scale, then into the weighted sums.
            for i in 0..<k {
                let column = zp + i &* blockSize
                let m = mu[i], s = sd[i], a = w0[i], b = w1[i]
                switch valueType {
                case .normal:
                    for r in 0..<n {
                        let y = m + s * column[r]
                        ic[r] += a * y
                        sl[r] += b * y
                    }
                case .rate:
                    // Two values at a time (``TableExp/exp(_:_:)-(SIMD2<Double>,_)``): the same operations, so the same bits.
                    let mv = SIMD2<Double>(repeating: m), sv = SIMD2<Double>(repeating: s)
                    var r = 0
                    while r + 2 <= n {
                        let z = UnsafeRawPointer(column + r).loadUnaligned(as: SIMD2<Double>.self)
                        UnsafeMutableRawPointer(column + r).storeBytes(of: TableExp.exp(mv + sv * z, tp), as: SIMD2<Double>.self)
                        r += 2
                    }
                    if r < n { column[r] = TableExp.exp(m + s * column[r], et) }
                    for r in 0..<n {
                        ic[r] += a * column[r]
                        sl[r] += b * column[r]
                    }
                case .proportion:
                    // Two passes: the table `exp` (a gather, so one value at a time), then the division and the
                    // sums, which the compiler runs two values at a time (`divpd`): the division was the loop's
                    // slowest instruction. Same operations on the same values, so the same bits.
                    // The `exp` pass two values at a time: ``TableExp/exp(_:_:)-(SIMD2<Double>,_)`` does the scalar version's
                    // operations lane by lane (SSE2), so the same bits, with the table read by two scalar loads.
                    let mv = SIMD2<Double>(repeating: m), sv = SIMD2<Double>(repeating: s)
                    var r = 0
                    while r + 2 <= n {
                        let z = UnsafeRawPointer(column + r).loadUnaligned(as: SIMD2<Double>.self)
                        UnsafeMutableRawPointer(column + r).storeBytes(of: TableExp.exp(-(mv + sv * z), tp), as: SIMD2<Double>.self)
                        r += 2
                    }
                    if r < n { column[r] = TableExp.exp(-(m + s * column[r]), et) }
                    for r in 0..<n {
                        let y = 1 / (1 + column[r])
                        ic[r] += a * y
                        sl[r] += b * y
                    }
                }
            }
            start += n
        }
        // The indices of every draw, in place of the intercept and slope.
        var siiDefined = true, riiDefined = true
        for r in 0..<repetitions {
            let intercept = intercepts[r], slope = slopes[r]
            var ratio = (intercept + slope) / intercept
            if multiplier < 0 { ratio = 1 / ratio }
            if !(intercept > 0) || !ratio.isFinite { riiDefined = false }
            let index = slope * multiplier
            if !index.isFinite { siiDefined = false }
            intercepts[r] = index.isFinite ? index : 0
            slopes[r] = ratio.isNaN ? 0 : ratio
        }
        return (siiDefined, riiDefined)
    }

    /// The 0-based positions of the lower and upper limits among `repetitions` sorted draws,
    /// `round(R·(1−c'))` and `round(R·c')` with `c' = c + (1−c)/2`, 1-based and rounded half to even as R does.
    static func limitPositions(repetitions: Int, confidence: Double) -> (Int, Int) {
        let upperShare = confidence + (1 - confidence) / 2
        let r = Double(repetitions)
        let lower = Int((r * (1 - upperShare)).rounded(.toNearestOrEven))
        let upper = Int((r * upperShare).rounded(.toNearestOrEven))
        return (min(max(lower, 1), repetitions) - 1, min(max(upper, 1), repetitions) - 1)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator of 64-bit numbers.
///
/// Used for the SII simulation so that a seed gives the same intervals on every machine and run.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number strictly inside (0, 1).
    @inline(__always)
    mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// Mixes `value` into a seed (one SplitMix64 step), for deriving independent streams.
    public static func mix(_ value: UInt64) -> UInt64 {
        var g = SimulationRandom(seed: value)
        return g.next()
    }
}

/// Standard normal draws by Marsaglia and Tsang's ziggurat (2000), 128 layers.
///
/// The layer comes from the low 7 bits of a 64-bit draw and the signed 32-bit
/// position from the high bits, so the two are independent (Doornik's remark
/// on the original). About 99% of draws need one multiplication and one
/// comparison; the rest fall back to the exact wedge or tail.
enum ZigguratNormal {
    static let r = 3.442619855899
    struct Tables: Sendable {
        var k = [UInt32](repeating: 0, count: 128)
        var w = [Double](repeating: 0, count: 128)
        var f = [Double](repeating: 0, count: 128)
    }

    static let tables: Tables = {
        var t = Tables()
        let m1 = 2147483648.0
        let vn = 9.91256303526217e-3
        var dn = r
        var tn = dn
        let q = vn / exp(-0.5 * dn * dn)
        t.k[0] = UInt32((dn / q) * m1)
        t.k[1] = 0
        t.w[0] = q / m1
        t.w[127] = dn / m1
        t.f[0] = 1
        t.f[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
            t.k[i + 1] = UInt32((dn / tn) * m1)
            tn = dn
            t.f[i] = exp(-0.5 * dn * dn)
            t.w[i] = dn / m1
        }
        return t
    }()

    /// One standard normal draw.
    @inline(__always)
    static func next(_ g: inout SimulationRandom) -> Double {
        let u = g.next()
        let iz = Int(u & 127)
        let hz = Int32(truncatingIfNeeded: u >> 32)
        let t = tables
        if hz.magnitude < t.k[iz] { return Double(hz) * t.w[iz] }
        return slow(&g, hz: hz, iz: iz)
    }

    static func slow(_ g: inout SimulationRandom, hz startHz: Int32, iz startIz: Int) -> Double {
        let t = tables
        var hz = startHz, iz = startIz
        while true {
            let x = Double(hz) * t.w[iz]
            if iz == 0 {
                var xt: Double, y: Double
                repeat {
                    xt = -log(g.nextOpenUnit()) / r
                    y = -log(g.nextOpenUnit())
                } while y + y < xt * xt
                return hz > 0 ? r + xt : -r - xt
            }
            if t.f[iz] + g.nextOpenUnit() * (t.f[iz - 1] - t.f[iz]) < exp(-0.5 * x * x) { return x }
            let u = g.next()
            iz = Int(u & 127)
            hz = Int32(truncatingIfNeeded: u >> 32)
            if hz.magnitude < t.k[iz] { return Double(hz) * t.w[iz] }
        }
    }
}

/// Order statistics without a full sort.
enum OrderStatistics {
    /// The values that would sit at 0-based positions `i` ≤ `j` if `values` were sorted ascending, for positions in
    /// the tails (the 2.5th and 97.5th percentiles): one pass with a max-heap of the `i + 1` smallest values and a
    /// min-heap of the `n − j` largest. Most values are compared with the two heap tops only (a predictable branch),
    /// where quickselect compares and swaps every value several times. Leaves `values` as they are.
    static func tails(_ values: [Double], _ i: Int, _ j: Int, heap: inout [Double]) -> (Double, Double) {
        let n = values.count
        precondition(0 <= i && i <= j && j < n)
        let lowCount = i + 1, highCount = n - j
        if heap.count < lowCount + highCount { heap = [Double](repeating: 0, count: lowCount + highCount) }
        return values.withUnsafeBufferPointer { v in
            heap.withUnsafeMutableBufferPointer { h in
                let low = h.baseAddress!, high = h.baseAddress! + lowCount
                // The low heap keeps its largest value on top (a max-heap); the high heap, as negated values, too.
                for k in 0..<lowCount { low[k] = v[k] }
                for k in 0..<highCount { high[k] = -v[n - 1 - k] }
                buildMaxHeap(low, lowCount)
                buildMaxHeap(high, highCount)
                for k in lowCount..<n where v[k] < low[0] { replaceTop(low, lowCount, v[k]) }
                for k in 0..<(n - highCount) where -v[k] < high[0] { replaceTop(high, highCount, -v[k]) }
                return (low[0], -high[0])
            }
        }
    }

    private static func buildMaxHeap(_ h: UnsafeMutablePointer<Double>, _ count: Int) {
        var k = count / 2 - 1
        while k >= 0 {
            siftDown(h, count, k)
            k -= 1
        }
    }

    @inline(__always)
    private static func replaceTop(_ h: UnsafeMutablePointer<Double>, _ count: Int, _ value: Double) {
        h[0] = value
        siftDown(h, count, 0)
    }

    private static func siftDown(_ h: UnsafeMutablePointer<Double>, _ count: Int, _ start: Int) {
        var parent = start
        let value = h[parent]
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, h[child + 1] > h[child] { child += 1 }
            if !(h[child] > value) { break }
            h[parent] = h[child]
            parent = child
        }
        h[parent] = value
    }

    /// The values that would sit at 0-based positions `i` ≤ `j` if `values` were sorted ascending.
    /// Reorders `values` (quickselect), in O(n) on average.
    static func select(_ values: inout [Double], _ i: Int, _ j: Int) -> (Double, Double) {
        values.withUnsafeMutableBufferPointer { v in
            let a = nth(v, i, 0, v.count - 1)
            let b = j == i ? a : nth(v, j, i + 1, v.count - 1)
            return (a, b)
        }
    }

    private static func nth(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int, _ lo0: Int, _ hi0: Int) -> Double {
        var lo = lo0, hi = hi0
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            // Median of three as the pivot.
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
        }
        return v[k]
    }
}

/// `exp` by a 64-entry table of 2^(j/64) and a degree-5 polynomial: within 2e-15 relative (a few ulps) of libm's `exp`
/// (checked in the tests), and about twice as fast in the simulation's inner loop, where it is a third of the time.
enum TableExp {
    /// The table 2^(j/64), j = 0..<64.
    static func table() -> [Double] { (0..<64).map { exp2(Double($0) / 64) } }

    /// e^x for finite x; arguments beyond ±700 are clamped (e^±700 is already far beyond anything simulated).
    @inline(__always)
    static func exp(_ x: Double, _ table: UnsafeBufferPointer<Double>) -> Double {
        let x = Swift.min(Swift.max(x, -700), 700)
        // Round x·64/ln 2 to the nearest integer, ties to even, by adding and subtracting 1.5·2^52: the sum's last
        // bits are the integer (|x·64/ln 2| < 2^51). Unlike `rounded()`, which is a call to `rint` on x86-64's
        // baseline instruction set, this is two additions; the result is the same.
        let shifted = x * 92.33248261689366 + 0x1.8p52   // 64 / ln 2
        let k = shifted - 0x1.8p52
        let ki = Int(truncatingIfNeeded: Int64(bitPattern: shifted.bitPattern &- (0x1.8p52 as Double).bitPattern))
        // r = x − k·ln2/64, with ln2/64 split in two so the product is exact.
        let r = (x - k * 0.010830417275428772) - k * 7.420820373124637e-09
        let p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))))
        let scaled = table[ki & 63] * p
        let bits = scaled.bitPattern &+ (UInt64(bitPattern: Int64(ki >> 6)) << 52)
        return Double(bitPattern: bits)
    }

    /// ``exp(_:_:)`` of two values: each lane goes through the same IEEE operations in the same order (no fused
    /// multiply-add on the baseline x86-64 target), so each result has the same bits as the scalar version; the
    /// arithmetic runs two lanes per SSE2 instruction and the table is read by two scalar loads.
    @inline(__always)
    static func exp(_ v: SIMD2<Double>, _ table: UnsafePointer<Double>) -> SIMD2<Double> {
        let x = pointwiseMin(pointwiseMax(v, SIMD2<Double>(repeating: -700)), SIMD2<Double>(repeating: 700))
        let shifted = x * 92.33248261689366 + 0x1.8p52
        let k = shifted - 0x1.8p52
        let ki = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- Int64(bitPattern: (0x1.8p52 as Double).bitPattern)
        let r = (x - k * 0.010830417275428772) - k * 7.420820373124637e-09
        let c6: Double = 1.0 / 6, c24: Double = 1.0 / 24, c120: Double = 1.0 / 120
        var p = c24 + r * c120
        p = c6 + r * p
        p = 0.5 + r * p
        p = 1 + r * p
        p = 1 + r * p
        let t = SIMD2<Double>(table[Int(ki[0] & 63)], table[Int(ki[1] & 63)])
        let scaled = t * p
        let high = unsafeBitCast(ki &>> 6, to: SIMD2<UInt64>.self) &<< 52
        return unsafeBitCast(unsafeBitCast(scaled, to: SIMD2<UInt64>.self) &+ high, to: SIMD2<Double>.self)
    }
}
