/// A screening programme, which decides the national benchmark that applies.
public enum ScreeningProgramme: String, Hashable, Sendable, Codable, CaseIterable {
    case breast, cervical, bowel
}

/// A VCS partner's record, from `partners.csv`.
public struct PartnerRecord: Hashable, Sendable, Codable {
    /// The partner's name, unique in the dataset.
    public var name: String
    /// The place it works in.
    public var area: String?
    /// The funding programme.
    public var programme: String?
    /// What sort of organisation.
    public var kind: String?
    /// Funding received, in pounds.
    public var fundingGBP: Double?
    /// Residents its project reached.
    public var residentsReached: Int?
    /// The relative change (%) its own evaluation published.
    public var reportedChangePct: Double?
    /// Decimals the reported change was published with (for the rounding check).
    public var reportedChangeDecimals: Int?
    /// A short description.
    public var summary: String?
    /// The source document.
    public var source: String?
    /// Further descriptive columns, in file order: (column name, value).
    public var extraFields: [ExtraField]
    /// The line in `partners.csv`.
    public var line: Int

    /// One further column of a partner record.
    public struct ExtraField: Hashable, Sendable, Codable {
        /// The column name from the header.
        public var name: String
        /// The value.
        public var value: String
    }

    /// Creates a record with only a name (the rest absent).
    public init(name: String, line: Int = 0) {
        self.name = name
        self.extraFields = []
        self.line = line
    }
}

/// One period's screening figures for a proxy population, from `uptake.csv`.
///
/// Stored in 24 bytes (a million of them are 24 MB, not 56): 32-bit counts and
/// line, and the uptake with NaN standing for "absent" inside the struct only;
/// every public property is an ordinary optional, so NaN never escapes. The
/// decimals `uptake_pct` was published with ride in the top four bits of the
/// period key (a period key is below 2^27).
public struct UptakeObservation: Hashable, Sendable {
    private let storedUptake: Double
    private let periodKey: Int32
    private let storedEligible: Int32
    private let storedScreened: Int32
    private var storedLine: Int32

    /// The largest count an observation holds (eligible or screened).
    /// (Computed, a constant: a stored global was read through a check of its initialisation on every row loaded.)
    public static var maximumCount: Int { Int(Int32.max) }

    private static let periodMask: Int32 = (1 << 27) - 1

    /// The period.
    public var period: Period { Period(uncheckedKey: periodKey & Self.periodMask) }
    /// The decimals the row's `uptake_pct` was written with, when the uptake is that published figure
    /// (nil when it comes from counts, or the decimals are unknown).
    public var uptakeDecimals: Int? {
        let d = Int(periodKey >> 27)
        return d == 0 ? nil : d - 1
    }
    /// Eligible population.
    public var eligible: Int { Int(storedEligible) }
    /// People screened, when the file gives it.
    public var screened: Int? { storedScreened < 0 ? nil : Int(storedScreened) }
    /// Uptake in percent (0-100): `uptake_pct` when given, else `screened / eligible`; nil when neither defines it (eligible 0).
    public var uptakePct: Double? { storedUptake.isNaN ? nil : storedUptake }
    /// The line in `uptake.csv`.
    public var line: Int { Int(storedLine) }

    /// Creates an observation; counts above ``maximumCount`` are clamped (the loader rejects them first).
    ///
    /// `uptakeDecimals` is how many decimals a published `uptake_pct` was
    /// written with (0...14; more are kept as 14); pass nil when the uptake
    /// comes from counts.
    public init(period: Period, eligible: Int, screened: Int?, uptakePct: Double?, line: Int, uptakeDecimals: Int? = nil) {
        let decimalsCode = uptakeDecimals.map { Int32(min(max($0, 0), 14) + 1) } ?? 0
        periodKey = period.key | decimalsCode << 27
        storedEligible = Int32(clamping: max(0, eligible))
        storedScreened = screened.map { Int32(clamping: max(0, $0)) } ?? -1
        storedUptake = uptakePct.flatMap { $0.isFinite ? $0 : nil } ?? .nan
        storedLine = Int32(clamping: line)
    }

    /// Moves the line number by `offset` (the second half of a file read in two, counted from 1).
    mutating func shiftLine(by offset: Int) { storedLine = Int32(clamping: Int(storedLine) + offset) }

    public static func == (a: UptakeObservation, b: UptakeObservation) -> Bool {
        a.periodKey == b.periodKey && a.storedEligible == b.storedEligible && a.storedScreened == b.storedScreened
            && a.storedLine == b.storedLine && a.uptakePct == b.uptakePct
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(periodKey)
        hasher.combine(storedEligible)
        hasher.combine(storedScreened)
        hasher.combine(storedLine)
        hasher.combine(uptakePct)
    }
}

/// A partner's proxy population tracked over periods: the unit of the uptake table.
public struct UptakeSeries: Hashable, Sendable {
    /// The VCS partner.
    public var partner: String
    /// The proxy population (a ward, a GP practice list, a group of residents).
    public var proxyPopulation: String
    /// Observations sorted by period, one per period.
    public var observations: UptakeObservations
    /// The source document named on the series' first row.
    public var source: String? {
        get { hasSource ? storedSource : nil }
        set {
            storedSource = newValue ?? ""
            hasSource = newValue != nil
        }
    }
    // The source held as a string and a flag, not an optional string: with an optional string among its fields, every
    // series made was built twice and one copy released (Swift 6.3 copies the value it initialises, retaining each
    // reference it holds, then destroys the original: four retains and four releases a series; docs/DECISIONS.md,
    // "A series made once").
    private var storedSource: String
    // The small fields last, and the decimals in 32 bits (-1: none), so a series is 72 bytes, not 96
    // (docs/DECISIONS.md, "Series held in fewer bytes").
    private var storedDecimals: Int32
    /// The screening programme, when known.
    public var programme: ScreeningProgramme?
    private var hasSource: Bool
    /// The most decimals any `uptake_pct` of the series was written with (nil when none was given):
    /// the rounding the reported-change check allows for. Held in 32 bits: a count past 2^31 − 1 (never a field's,
    /// which is below 2 GiB) is kept as 2^31 − 1.
    public var uptakeDecimals: Int? {
        get { storedDecimals < 0 ? nil : Int(storedDecimals) }
        set { storedDecimals = Self.stored(decimals: newValue) }
    }

    /// `decimals` as held: -1 for nil, a negative count as 0, one past 2^31 − 1 as 2^31 − 1.
    private static func stored(decimals: Int?) -> Int32 { decimals.map { Int32(clamping: Swift.max($0, 0)) } ?? -1 }

    /// Creates a series.
    public init(partner: String, proxyPopulation: String, programme: ScreeningProgramme?, observations: [UptakeObservation], source: String? = nil, uptakeDecimals: Int? = nil) {
        self.init(partner: partner, proxyPopulation: proxyPopulation, programme: programme,
                  rows: UptakeObservations(observations), source: source, uptakeDecimals: uptakeDecimals)
    }

    /// Creates a series over rows already made (a view of the loader's shared block).
    init(partner: String, proxyPopulation: String, programme: ScreeningProgramme?, rows: UptakeObservations, source: String?, uptakeDecimals: Int?) {
        self.partner = partner
        self.proxyPopulation = proxyPopulation
        self.programme = programme
        self.observations = rows
        storedSource = source ?? ""
        hasSource = source != nil
        storedDecimals = Self.stored(decimals: uptakeDecimals)
    }
}

/// One group's figure within an inequality indicator.
public struct IndicatorGroup: Hashable, Sendable, Codable {
    /// How a row's value is to be read.
    public enum Measure: String, Hashable, Sendable, Codable {
        /// A level for the group (life expectancy in years, a rate in %).
        case value
        /// A difference the source states directly.
        case gap
        /// A ratio the source states directly.
        case ratio
    }
    /// Which side of a comparison the group is on.
    public enum Role: String, Hashable, Sendable, Codable {
        case reference, comparison
    }
    /// The group described (`Blakenall (males)`).
    public var name: String
    /// The figure, or nil when the source gives none.
    public var value: Double?
    /// How to read `value`.
    public var measure: Measure
    /// The group's role in a computed gap.
    public var role: Role?
    /// The source's hedge (`up to`, `almost`).
    public var qualifier: String?
    /// The source's own wording.
    public var asStated: String?
    /// The line in `indicators.csv`.
    public var line: Int
}

/// An inequality indicator: a figure about a place, split by groups, with its provenance.
public struct Indicator: Hashable, Sendable, Codable {
    /// Stable id from the file.
    public var id: String
    /// What is measured.
    public var title: String
    /// The place.
    public var place: String?
    /// A grouping such as `life_expectancy` or `ethnicity`.
    public var category: String?
    /// The unit of the values.
    public var unit: String?
    /// The year or period the figures are for.
    public var year: String?
    /// Where the figures come from.
    public var source: String?
    /// What a reader must know before using the figures.
    public var caveats: String?
    /// The groups, in file order.
    public var groups: [IndicatorGroup]

    /// The comparison: absolute gap (comparison − reference) and ratio, when one reference and one comparison `value` row exist.
    public var computedComparison: (reference: IndicatorGroup, comparison: IndicatorGroup, gap: Double, ratio: Double?)? {
        let values = groups.filter { $0.measure == .value && $0.value != nil }
        guard let ref = values.first(where: { $0.role == .reference }),
              let cmp = values.first(where: { $0.role == .comparison }),
              let r = ref.value, let c = cmp.value else { return nil }
        return (ref, cmp, c - r, r == 0 ? nil : c / r)
    }
}

/// A partner survey result, from `surveys.csv`.
public struct SurveyResult: Hashable, Sendable, Codable {
    /// The partner that ran the survey.
    public var partner: String
    /// What was asked or measured.
    public var question: String
    /// The result in percent, when a figure is given.
    public var resultPct: Double?
    /// The source's hedge (`just over`).
    public var qualifier: String?
    /// The source's own wording.
    public var asStated: String?
    /// How many answered, when known.
    public var respondents: Int?
    /// The source document.
    public var source: String?
    /// The line in `surveys.csv`.
    public var line: Int
}

/// A case study, from one Markdown file in `case-studies/`.
public struct CaseStudy: Hashable, Sendable, Codable {
    /// The file name, e.g. `si-story.md`.
    public var file: String
    /// The title.
    public var title: String
    /// The place.
    public var place: String?
    /// Partners it mentions by name.
    public var partners: [String]
    /// Topic tags.
    public var tags: [String]
    /// The source document.
    public var source: String?
    /// The Markdown body.
    public var body: String
}

/// One item of a co-produced framework: a principle, behaviour, goal, enabler, partner or theme.
public struct PrincipleItem: Hashable, Sendable, Codable {
    /// The framework it belongs to.
    public var framework: String
    /// The area that co-produced it.
    public var area: String?
    /// What kind of item.
    public var kind: String
    /// The theme it sits under.
    public var theme: String?
    /// Position within the framework.
    public var order: Int?
    /// A short name.
    public var title: String?
    /// The text.
    public var text: String
    /// The source document.
    public var source: String?
    /// The line in `principles.csv`.
    public var line: Int
}
