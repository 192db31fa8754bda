/// What the dataset says about itself, from `dataset.toml`.
public struct DatasetMetadata: Hashable, Sendable, Codable {
    /// The funding programme's envelope.
    public struct Funding: Hashable, Sendable, Codable {
        /// Number of partners funded.
        public var partners: Int?
        /// Smallest grant.
        public var minGBP: Double?
        /// Largest grant.
        public var maxGBP: Double?
        /// Total funding.
        public var totalGBP: Double?
        /// Where the figures come from.
        public var source: String?
        /// The largest amount in pounds accepted anywhere (10^12, a thousand billion): beyond it a
        /// figure is refused with a diagnostic, so no display conversion can overflow.
        public static let maximumGBP = 1e12
    }
    /// A source document the dataset cites.
    public struct Source: Hashable, Sendable, Codable {
        /// Short id used in `source` columns.
        public var id: String
        /// Title.
        public var title: String
        /// Anything a reader should know.
        public var note: String?
    }
    /// A benchmark with its provenance.
    public struct Benchmark: Hashable, Sendable, Codable {
        /// The thresholds.
        public var thresholds: BenchmarkThresholds
        /// Where they come from.
        public var source: String?
    }

    /// A series of `uptake.csv` that is the comparator for others (the area as a whole, England), from `[[comparators]]`.
    public struct Comparator: Hashable, Sendable, Codable {
        /// The `partner` value of the comparator series in `uptake.csv`.
        public var partner: String
        /// The `proxy_population` value of the comparator series.
        public var proxyPopulation: String
        /// Words for sentences: "the bi-borough as a whole" (default: "partner (proxy population)").
        public var label: String?
        /// The partners it is the comparator for (nil: every series that is not itself a comparator).
        public var forPartners: [String]?
        /// The proxy populations it is the comparator for (nil: any); with `forPartners` too, a series must match both.
        public var forProxyPopulations: [String]?
        /// The line of its `[[comparators]]` header in dataset.toml, for diagnostics.
        public var line: Int?

        /// Creates a comparator naming a series.
        public init(partner: String, proxyPopulation: String, label: String? = nil, forPartners: [String]? = nil,
                    forProxyPopulations: [String]? = nil, line: Int? = nil) {
            self.partner = partner
            self.proxyPopulation = proxyPopulation
            self.label = label
            self.forPartners = forPartners
            self.forProxyPopulations = forProxyPopulations
            self.line = line
        }

        /// The words used in sentences.
        public var displayLabel: String { label ?? "\(partner) (\(proxyPopulation))" }

        /// Whether this comparator applies to a series of `partner`.
        public func applies(toPartner name: String) -> Bool { forPartners.map { $0.contains(name) } ?? true }

        /// Whether this comparator applies to a series of proxy population `name` (its `for_proxy_populations` lists it, or it has none).
        public func applies(toProxyPopulation name: String) -> Bool { forProxyPopulations.map { $0.contains(name) } ?? true }
    }

    /// Dataset title.
    public var title: String = "Untitled dataset"
    /// Area covered.
    public var area: String?
    /// Programme name.
    public var programme: String?
    /// Where the dataset comes from.
    public var source: String?
    /// What the programme is for, in the source's words.
    public var description: String?
    /// How the programme is evaluated (e.g. how proxy populations are traced), in the source's words.
    public var evaluation: String?
    /// A note for readers.
    public var note: String?
    /// Funding envelope.
    public var funding: Funding?
    /// Display labels for period values (`2023-12` → `Dec 2023`).
    public var periodLabels: [String: String] = [:]
    /// National benchmarks by screening programme.
    public var benchmarks: [ScreeningProgramme: Benchmark] = [:]
    /// Source documents.
    public var sources: [Source] = []
    /// Comparator series, in file order (the first that applies to a series is used).
    public var comparators: [Comparator] = []
    /// `[inequality] transform = true`: the SII and RII are computed on the logit scale and transformed back,
    /// as `phe_sii`'s `transform = TRUE` (default false: on uptake's own scale, as Fingertips publishes).
    public var inequalityTransform = false

    /// Creates empty metadata.
    public init() {}

    /// The label for a period: the dataset's own, else `YYYY-MM[-DD]`.
    public func label(for period: Period) -> String {
        periodLabels[period.description] ?? period.description
    }
}
