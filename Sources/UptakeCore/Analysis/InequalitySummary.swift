import Dispatch

/// The slope and relative indices of inequality for one deprivation group, with what a chart of it needs.
///
/// Uptake is a proportion, so the SII is computed as `phe_sii` does with
/// `value_type = 2` (proportion), `multiplier = 100` (percentage points) and,
/// unless the dataset sets `[inequality] transform = true`, no transform: each
/// quantile's 95% limits are Wilson score limits (as Fingertips publishes), and
/// the simulation draws on the logit scale. With the transform the line is
/// fitted on the logit scale and its ends transformed back (a curve on screen).
public struct InequalitySummary: Sendable {
    /// One quantile as the chart draws it.
    public struct Point: Sendable {
        /// The quantile (1 = most deprived).
        public var quantile: Int
        /// Eligible population.
        public var eligible: Int
        /// Uptake in percent.
        public var uptakePct: Double
        /// The 95% Wilson score interval, in percent.
        public var interval: ProportionInterval?
        /// The midpoint of the quantile's cumulative population share (0 = most deprived end, 1 = least deprived end).
        public var relativeRank: Double
        /// The fitted line's uptake at this quantile's relative rank, in percent.
        public var fittedPct: Double?
        /// The line in `uptake_by_deprivation.csv`.
        public var line: Int
    }

    /// The group summarised.
    public let group: DeprivationGroup
    /// The quantiles, most deprived first.
    public let points: [Point]
    /// The fitted line (in percent) with SII in percentage points and RII; nil when undefined.
    public let fit: SlopeIndexOfInequality.Fit?
    /// The simulated 95% interval; nil when it cannot be simulated (see ``intervalNote``).
    public let interval: SlopeIndexOfInequality.Interval?
    /// Why there is no interval, when there is none.
    public let intervalNote: String?

    /// SII in percentage points: uptake at the least deprived end minus the most deprived end of the fitted line.
    public var siiPP: Double? { fit?.sii }
    /// RII: fitted uptake at the least deprived end ÷ at the most deprived end.
    public var rii: Double? { fit?.rii }
    /// Fitted uptake at the most deprived end (x = 0), in percent.
    public var fittedMostDeprivedPct: Double? { fit.map { $0.intercept * 100 } }
    /// Fitted uptake at the least deprived end (x = 1), in percent.
    public var fittedLeastDeprivedPct: Double? { fit.map { ($0.intercept + $0.slope) * 100 } }
    /// Uptake over the whole group (all quantiles together), in percent.
    public var overallUptakePct: Double { group.overallUptakePct }

    /// True when the SII's interval excludes zero.
    public var isSignificant: Bool? {
        guard let i = interval else { return nil }
        return i.siiLower > 0 || i.siiUpper < 0
    }

    /// Summarises `group`, simulating `repetitions` draws from `seed` (the same seed gives the same interval).
    /// With `transform`, the SII and RII are computed on the logit scale and transformed back (`phe_sii`'s `transform = TRUE`).
    public init(group: DeprivationGroup, repetitions: Int = InequalityTable.defaultRepetitions, seed: UInt64, transform: Bool = false) {
        var scratch = SlopeIndexOfInequality.SimulationScratch()
        self.init(group: group, repetitions: repetitions, seed: seed, transform: transform, scratch: &scratch)
    }

    init(group: DeprivationGroup, repetitions: Int, seed: UInt64, transform: Bool = false, scratch: inout SlopeIndexOfInequality.SimulationScratch) {
        self.group = group
        let populations = group.quantiles.map { Double($0.eligible) }
        let proportions = group.quantiles.map { $0.uptakePct / 100 }
        let ranks = SlopeIndexOfInequality.relativeRanks(populations: populations)
        let fit = transform
            ? SlopeIndexOfInequality.transformedFit(populations: populations, values: proportions, valueType: .proportion, multiplier: 100)
            : SlopeIndexOfInequality.fit(populations: populations, values: proportions, multiplier: 100)
        self.fit = fit
        var points: [Point] = []
        var errors: [Double] = []
        var note: String?
        for (i, q) in group.quantiles.enumerated() {
            let wilson = WilsonScore.interval(proportion: proportions[i], trials: populations[i])
            points.append(Point(quantile: q.quantile, eligible: q.eligible, uptakePct: q.uptakePct,
                                interval: wilson.map { ProportionInterval(lower: $0.lower * 100, upper: $0.upper * 100) },
                                relativeRank: ranks[i], fittedPct: fit.map { $0.fitted(at: ranks[i]) * 100 }, line: q.line))
            if let w = wilson, let se = SlopeIndexOfInequality.standardError(lower: w.lower, upper: w.upper, valueType: .proportion),
               SlopeIndexOfInequality.transform(proportions[i], .proportion) != nil {
                errors.append(se)
            } else if note == nil {
                note = "quantile \(q.quantile) has uptake of \(NumberFormat.trimmed(NumberFormat.fixed(q.uptakePct, 2)))%: a proportion of 0 or 1 has no logit, so no interval can be simulated (phe_sii cannot either)"
            }
        }
        self.points = points
        if fit == nil {
            interval = nil
            intervalNote = "the fitted line is undefined"
        } else if let note {
            interval = nil
            intervalNote = note
        } else {
            let sim = transform
                ? SlopeIndexOfInequality.transformedInterval(populations: populations, values: proportions, standardErrors: errors,
                                                             valueType: .proportion, multiplier: 100, repetitions: repetitions,
                                                             confidence: 0.95, seed: seed)
                : SlopeIndexOfInequality.simulatedInterval(populations: populations, values: proportions, standardErrors: errors,
                                                           valueType: .proportion, multiplier: 100, repetitions: repetitions,
                                                           confidence: 0.95, seed: seed, scratch: &scratch)
            interval = sim
            intervalNote = sim == nil ? "the simulation could not be run" : (sim?.riiLower == nil ? "no RII interval: a simulated fitted value at the most deprived end was not above 0" : nil)
        }
    }

    /// The SII in words, for meetings:
    /// "Uptake is 10.7 percentage points higher at the least deprived end than at the most deprived; 95% interval 10.2 to 11.2."
    public var siiStatement: String {
        guard let sii = siiPP else { return "No slope index: the fitted line is undefined." }
        var text: String
        let size = NumberFormat.fixed(abs(sii), 1)
        if size == "0.0" {
            text = "Uptake is about the same at the least and most deprived ends (slope index \(NumberFormat.signed(sii, 1)) percentage points)"
        } else if sii > 0 {
            text = "Uptake is \(size) percentage points higher at the least deprived end than at the most deprived"
        } else {
            text = "Uptake is \(size) percentage points lower at the least deprived end than at the most deprived"
        }
        if let i = interval {
            text += "; 95% interval \(NumberFormat.signed(i.siiLower, 1)) to \(NumberFormat.signed(i.siiUpper, 1))"
        } else if let note = intervalNote {
            text += " (no interval: \(note))"
        }
        return text + "."
    }

    /// The RII in words: "Uptake at the least deprived end is 1.16 times that at the most deprived; 95% interval 1.15 to 1.17."
    public var riiStatement: String {
        guard let rii, rii.isFinite, rii > 0 else { return "No relative index: the fitted uptake at the most deprived end is not above 0." }
        var text = "Uptake at the least deprived end is \(NumberFormat.fixed(rii, 2)) times that at the most deprived"
        if let lo = interval?.riiLower, let hi = interval?.riiUpper {
            text += "; 95% interval \(NumberFormat.fixed(lo, 2)) to \(NumberFormat.fixed(hi, 2))"
        }
        return text + "."
    }
}

/// The SII and RII of every deprivation group in a dataset.
public struct InequalityTable: Sendable {
    /// Simulated draws per group: `phe_sii`'s tests use 10,000 (its default is 100,000).
    public static let defaultRepetitions = 10_000
    /// The seed every report and screen uses, so intervals are the same on every run.
    public static let defaultSeed: UInt64 = 20_040_388 // Low & Low 2004, J Public Health 26:388

    /// One summary per group, in file order.
    public var rows: [InequalitySummary]

    /// Summarises every group of `dataset`.
    public init(dataset: Dataset, repetitions: Int = defaultRepetitions, seed: UInt64 = defaultSeed) {
        self.init(groups: dataset.deprivationGroups, repetitions: repetitions, seed: seed, transform: dataset.metadata.inequalityTransform)
    }

    /// Summarises `groups`; each group's draws come from a stream seeded by `seed` and the group's own key,
    /// so a group's interval does not change when other groups are added, removed or reordered.
    /// With `transform`, every group's SII and RII are computed on the logit scale (`[inequality] transform = true`).
    public init(groups: [DeprivationGroup], repetitions: Int = defaultRepetitions, seed: UInt64 = defaultSeed, transform: Bool = false) {
        // More chunks than cores, taken by whichever thread is free: on a shared machine one core is often
        // busy with something else, and two fixed halves would leave the other idle at the end. A group's
        // stream depends only on its own key, so the chunking never changes a result.
        let chunks = groups.count >= 8 ? min(groups.count / 4, 16) : 1
        let boxes = (0..<chunks).map { _ in ResultBox<[InequalitySummary]>([]) }
        let work: @Sendable (Int) -> Void = { c in
            var scratch = SlopeIndexOfInequality.SimulationScratch()
            let lower = groups.count * c / chunks, upper = groups.count * (c + 1) / chunks
            var out: [InequalitySummary] = []
            out.reserveCapacity(upper - lower)
            for i in lower..<upper {
                out.append(InequalitySummary(group: groups[i], repetitions: repetitions,
                                             seed: Self.seed(for: groups[i], base: seed), transform: transform, scratch: &scratch))
            }
            boxes[c].value = out
        }
        if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        rows = boxes.flatMap(\.value)
    }

    /// The stream seed of one group: FNV-1a of its key, mixed with the base seed.
    static func seed(for g: DeprivationGroup, base: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let key = [g.area, g.programme?.rawValue ?? "", g.subgroup ?? "", g.period.description].joined(separator: "\u{1F}")
        for b in key.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return SimulationRandom.mix(h ^ base)
    }

    /// The group's overall uptake for an area and programme: at `period`, else the latest period before it.
    public func areaAverage(area: String, programme: ScreeningProgramme?, atOrBefore period: Period) -> InequalitySummary? {
        var best: InequalitySummary?
        for r in rows where r.group.area == area && r.group.programme == programme && r.group.subgroup == nil && r.group.period <= period {
            if best == nil || r.group.period > best!.group.period { best = r }
        }
        return best
    }
}
