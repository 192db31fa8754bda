/// Uptake in one deprivation quantile of an area, from `uptake_by_deprivation.csv`.
public struct DeprivationQuantile: Hashable, Sendable {
    /// The quantile: 1 is the most deprived.
    public var quantile: Int
    /// Eligible population (always above 0: a zero population is rejected on loading).
    public var eligible: Int
    /// People screened, when the file gives it.
    public var screened: Int?
    /// Uptake in percent (0-100): `uptake_pct` when given, else `screened / eligible`.
    public var uptakePct: Double
    /// The line in `uptake_by_deprivation.csv`.
    public var line: Int

    /// Creates a quantile's figures.
    public init(quantile: Int, eligible: Int, screened: Int?, uptakePct: Double, line: Int) {
        self.quantile = quantile
        self.eligible = eligible
        self.screened = screened
        self.uptakePct = uptakePct
        self.line = line
    }
}

/// One area + programme (+ subgroup) + period split by deprivation quantile: the unit the SII and RII describe.
///
/// Only complete groups reach the dataset: every quantile 1...``quantileCount``
/// present once, in order (most deprived first).
public struct DeprivationGroup: Hashable, Sendable {
    /// The area (a local authority, an ICB, England).
    public var area: String
    /// The screening programme, when known.
    public var programme: ScreeningProgramme?
    /// A further split within the area and programme (an age band such as `25-49 yrs`), when the file has one.
    public var subgroup: String?
    /// The period.
    public var period: Period
    /// 5 (quintiles) or 10 (deciles), or another count the file states.
    public var quantileCount: Int
    /// The quantiles, most deprived (1) first.
    public var quantiles: [DeprivationQuantile]
    /// The source named on the group's first row.
    public var source: String?
    /// The group's first line in `uptake_by_deprivation.csv`.
    public var line: Int

    /// Creates a group.
    public init(area: String, programme: ScreeningProgramme?, subgroup: String? = nil, period: Period, quantileCount: Int,
                quantiles: [DeprivationQuantile], source: String? = nil, line: Int = 0) {
        self.area = area
        self.programme = programme
        self.subgroup = subgroup
        self.period = period
        self.quantileCount = quantileCount
        self.quantiles = quantiles
        self.source = source
        self.line = line
    }

    /// `quintiles`, `deciles` or `N quantiles`.
    public var quantileName: String {
        switch quantileCount {
        case 5: return "quintiles"
        case 10: return "deciles"
        default: return "\(quantileCount) quantiles"
        }
    }

    /// Uptake over the whole area: screened ÷ eligible summed over the quantiles, in percent.
    public var overallUptakePct: Double {
        var screened = 0.0, eligible = 0.0
        for q in quantiles {
            screened += q.uptakePct / 100 * Double(q.eligible)
            eligible += Double(q.eligible)
        }
        return eligible > 0 ? screened / eligible * 100 : 0
    }
}
