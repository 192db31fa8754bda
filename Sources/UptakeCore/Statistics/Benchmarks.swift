/// The acceptable and (optional) achievable thresholds of a screening standard, in percent (0–100).
///
/// NHS screening programme standards set an "acceptable" level every service
/// must reach and, for some programmes, a higher "achievable" level to aim
/// for. Thresholds are percentages (not fractions) because that is how the
/// standards and the seed data publish them. Codable so they can be read from
/// configuration alongside each programme.
public struct BenchmarkThresholds: Hashable, Sendable, Codable {
    /// The acceptable threshold: uptake at or above this meets the minimum standard.
    public let acceptable: Double
    /// The achievable threshold, if the standard sets one: uptake at or above this meets the aspirational level.
    public let achievable: Double?
    /// The thresholds as exact decimals, recovered once here (nil for one no exact decimal holds, or no achievable):
    /// classifying 125,000 series compares digits without recovering them each time.
    let exactAcceptable: ExactDecimal?
    let exactAchievable: ExactDecimal?

    /// Creates thresholds from percentages; pass nil for `achievable` when the standard has none.
    public init(acceptable: Double, achievable: Double? = nil) {
        self.acceptable = acceptable
        self.achievable = achievable
        exactAcceptable = ExactDecimal(acceptable)
        exactAchievable = achievable.flatMap { ExactDecimal($0) }
    }

    private enum CodingKeys: String, CodingKey { case acceptable, achievable }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(acceptable: try c.decode(Double.self, forKey: .acceptable),
                  achievable: try c.decodeIfPresent(Double.self, forKey: .achievable))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(acceptable, forKey: .acceptable)
        try c.encodeIfPresent(achievable, forKey: .achievable)
    }

    /// Equal when the percentages are (the exact forms follow from them).
    public static func == (a: BenchmarkThresholds, b: BenchmarkThresholds) -> Bool {
        a.acceptable == b.acceptable && a.achievable == b.achievable
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(acceptable)
        hasher.combine(achievable)
    }

    /// NHS Breast Screening Programme coverage (53–70): acceptable ≥ 70%, achievable ≥ 80%.
    ///
    /// Provided so that code and tests share one spelling of the national
    /// standard; configuration may still override it per programme.
    public static let breastScreeningCoverage = BenchmarkThresholds(acceptable: 70, achievable: 80)
    /// NHS Cervical Screening Programme coverage: acceptable ≥ 80%, no achievable level.
    ///
    /// The cervical standard sets a single threshold, which is why
    /// `achievable` is optional.
    public static let cervicalScreeningCoverage = BenchmarkThresholds(acceptable: 80, achievable: nil)
    /// NHS Bowel Cancer Screening Programme coverage (60–74), standards reporting from 1 April 2025: acceptable ≥ 62%, achievable ≥ 76%.
    ///
    /// Source: GOV.UK "Bowel cancer screening programme standards: reporting
    /// from 1 April 2025", BCSP-S01. Earlier years used lower thresholds, so
    /// historic data should be judged against the standard in force then.
    public static let bowelScreeningCoverage = BenchmarkThresholds(acceptable: 62, achievable: 76)
}

/// Where an uptake figure sits against a screening standard's thresholds.
///
/// Raw values are stable snake_case strings for export; ``label`` gives words
/// for display so status is never carried by colour alone.
public enum BenchmarkStatus: String, Hashable, Sendable, Codable {
    /// Below the acceptable threshold.
    case belowAcceptable = "below_acceptable"
    /// At or above acceptable, but below achievable (or no achievable level exists).
    case acceptable
    /// At or above the achievable threshold.
    case achievable

    /// Lower-case words for the status: "below acceptable", "acceptable", "achievable".
    ///
    /// Words, so status is never carried by colour alone (WCAG 1.4.1): the
    /// terminal may be monochrome, and some users cannot tell red from green.
    public var label: String {
        switch self {
        case .belowAcceptable: return "below acceptable"
        case .acceptable: return "acceptable"
        case .achievable: return "achievable"
        }
    }

    /// Classifies an uptake percentage (0–100) against thresholds; meeting a threshold exactly counts as reaching it.
    ///
    /// The standards are phrased "≥ 70%", so exactly 70 is acceptable. A
    /// non-finite uptake is classed `belowAcceptable`: it cannot be shown to
    /// meet a standard, and callers should not be able to pass NaN off as
    /// success.
    public static func classify(uptakePct: Double, thresholds: BenchmarkThresholds) -> BenchmarkStatus {
        if let figure = ExactDecimal(uptakePct).map(UptakeFigure.published) { return classify(figure, thresholds: thresholds) }
        return classifyApproximately(uptakePct: uptakePct, thresholds: thresholds)
    }

    /// Classifies an uptake figure exactly: counts by integer arithmetic, published figures by their digits.
    ///
    /// Each threshold is taken with its own decimals as written (70, 57.0,
    /// 29.1), so 57 of 100 meets 57.0 and 291 of 1,000 meets 29.1, where the
    /// floating-point quotient (56.99999999999999, 29.099999999999998) would not.
    public static func classify(_ figure: UptakeFigure, thresholds: BenchmarkThresholds) -> BenchmarkStatus {
        guard let acceptable = thresholds.exactAcceptable else {
            return classifyApproximately(uptakePct: figure.percent, thresholds: thresholds)
        }
        if thresholds.achievable != nil {
            guard let achievable = thresholds.exactAchievable else { return classifyApproximately(uptakePct: figure.percent, thresholds: thresholds) }
            if figure.meets(achievable) { return .achievable }
        }
        return figure.meets(acceptable) ? .acceptable : .belowAcceptable
    }

    /// The floating-point comparison, only for values no exact decimal can hold.
    static func classifyApproximately(uptakePct: Double, thresholds: BenchmarkThresholds) -> BenchmarkStatus {
        guard uptakePct.isFinite else { return .belowAcceptable }
        if let achievable = thresholds.achievable, uptakePct >= achievable { return .achievable }
        if uptakePct >= thresholds.acceptable { return .acceptable }
        return .belowAcceptable
    }
}
