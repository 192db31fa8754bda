/// How far one series' latest uptake sits from the benchmark and from its area's average.
public struct SeriesGap: Hashable, Sendable {
    /// The latest uptake the gaps are measured from, in percent.
    public var latestUptakePct: Double?
    /// Latest uptake minus the acceptable threshold, in percentage points (negative: below it).
    public var toAcceptablePP: Double?
    /// Latest uptake minus the achievable threshold, in percentage points.
    public var toAchievablePP: Double?
    /// The area whose average is compared (the partner's `area` in partners.csv).
    public var area: String?
    /// The period of the area's figures (the series' latest period, else the latest before it).
    public var areaPeriod: Period?
    /// The area's uptake over all deprivation quantiles, in percent, from `uptake_by_deprivation.csv`.
    public var areaAveragePct: Double?
    /// Latest uptake minus the area's average, in percentage points.
    public var toAreaPP: Double?

    /// Creates gaps.
    public init(latestUptakePct: Double? = nil, toAcceptablePP: Double? = nil, toAchievablePP: Double? = nil, area: String? = nil,
                areaPeriod: Period? = nil, areaAveragePct: Double? = nil, toAreaPP: Double? = nil) {
        self.latestUptakePct = latestUptakePct
        self.toAcceptablePP = toAcceptablePP
        self.toAchievablePP = toAchievablePP
        self.area = area
        self.areaPeriod = areaPeriod
        self.areaAveragePct = areaAveragePct
        self.toAreaPP = toAreaPP
    }
}

extension SeriesSummary {
    /// The gaps to the benchmark thresholds of the series' programme and to its area's average.
    ///
    /// The area's average exists where `uptake_by_deprivation.csv` has a group
    /// whose `area` is the partner's `area` and whose programme is the series'
    /// (without a subgroup), at the series' latest period or the latest before it.
    public func gaps(benchmarks: [ScreeningProgramme: DatasetMetadata.Benchmark], inequality: InequalityTable) -> SeriesGap {
        gaps(thresholds: series.programme.flatMap { benchmarks[$0]?.thresholds }, inequality: inequality)
    }

    /// ``gaps(benchmarks:inequality:)`` given the thresholds of the series' programme, looked up already (the JSON
    /// report keeps them per programme instead of hashing the programme for each of a million series).
    func gaps(thresholds: BenchmarkThresholds?, inequality: InequalityTable) -> SeriesGap {
        let latest = end ?? start
        var gap = SeriesGap(latestUptakePct: latest?.uptakePct)
        guard let pct = latest?.uptakePct else { return gap }
        if let t = thresholds {
            gap.toAcceptablePP = pct - t.acceptable
            gap.toAchievablePP = t.achievable.map { pct - $0 }
        }
        // The area read from the shared record, not through `partner`, which copies the whole record (every string retained).
        // No area figures at all (no uptake_by_deprivation.csv): the area is not read (its string retained and released).
        if !inequality.rows.isEmpty, let area = sharedPartner?.record.area, let period = latest?.period,
           let group = inequality.areaAverage(area: area, programme: series.programme, atOrBefore: period) {
            gap.area = area
            gap.areaPeriod = group.group.period
            gap.areaAveragePct = group.overallUptakePct
            gap.toAreaPP = pct - group.overallUptakePct
        }
        return gap
    }
}
