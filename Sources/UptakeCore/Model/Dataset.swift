/// Everything loaded from one dataset directory, with the problems found on the way.
public struct Dataset: Sendable, Equatable {
    /// From `dataset.toml`.
    public var metadata: DatasetMetadata
    /// From `partners.csv`, in file order.
    public var partners: [PartnerRecord] { didSet { seriesPartners = nil } }
    /// From `uptake.csv`: one series per partner × proxy population, in order of first appearance.
    public var series: [UptakeSeries] { didSet { seriesPartners = nil } }
    /// Which partner each series names and that partner's record, as the loader found them (nil when it did not, or
    /// once `series` or `partners` changed): the uptake table then counts each partner's series and finds its record
    /// without hashing 125,000 names again. Derived, so it never makes two datasets differ.
    var seriesPartners: SeriesPartners?
    /// From `indicators.csv`.
    public var indicators: [Indicator]
    /// From `uptake_by_deprivation.csv`: complete groups only, in order of first appearance.
    public var deprivationGroups: [DeprivationGroup] = []
    /// From `surveys.csv`.
    public var surveys: [SurveyResult]
    /// From `case-studies/`.
    public var caseStudies: [CaseStudy]
    /// From `principles.csv`.
    public var principles: [PrincipleItem]
    /// Every problem found, in file then line order.
    public var diagnostics: [Diagnostic]
    /// Rows read, accepted and rejected per file.
    public var fileSummaries: [FileSummary]
    /// Where the data came from (a directory path, or `embedded sample data`).
    public var origin: String

    /// Creates a dataset.
    public init(metadata: DatasetMetadata = DatasetMetadata(), partners: [PartnerRecord] = [], series: [UptakeSeries] = [],
                indicators: [Indicator] = [], surveys: [SurveyResult] = [], caseStudies: [CaseStudy] = [],
                principles: [PrincipleItem] = [], diagnostics: [Diagnostic] = [], fileSummaries: [FileSummary] = [],
                origin: String = "") {
        self.metadata = metadata
        self.partners = partners
        self.series = series
        self.indicators = indicators
        self.surveys = surveys
        self.caseStudies = caseStudies
        self.principles = principles
        self.diagnostics = diagnostics
        self.fileSummaries = fileSummaries
        self.origin = origin
    }

    /// Number of error diagnostics.
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    /// Number of warning diagnostics (notes are not warnings).
    public var warningCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .warning ? 1 : 0) } }
    /// Number of note diagnostics: figures that load but cannot be reproduced exactly.
    public var noteCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .note ? 1 : 0) } }

    /// The diagnostics about one series' rows in `uptake.csv` (for its partner record), in line order.
    public func diagnostics(for series: UptakeSeries) -> [Diagnostic] {
        let lines = Set(series.observations.map(\.line))
        return diagnostics.filter { $0.file == "uptake.csv" && $0.line.map(lines.contains) == true }
    }

    /// "2 errors, 1 warning, 1 note": the counts in words (notes only when there are some).
    public var diagnosticCountsText: String {
        let e = errorCount, w = warningCount, n = noteCount
        var s = NumberFormat.count(e, "error") + ", " + NumberFormat.count(w, "warning")
        if n > 0 { s += ", " + NumberFormat.count(n, "note") }
        return s
    }

    /// The partner record with this name, if any.
    public func partner(named name: String) -> PartnerRecord? { partners.first { $0.name == name } }
}

/// Each series' partner as a dense number, and each number's record in `partners.csv`, from the loader's interned
/// names (``Dataset/seriesPartners``). Made only when every partner name is ASCII, where equal bytes are exactly equal
/// names: `String`'s `==` would also join canonically equivalent spellings, which bytes do not.
struct SeriesPartners: Sendable, Equatable {
    /// Series `i` names partner `ofSeries[i]`.
    let ofSeries: [Int32]
    /// Partner `id`'s index in `Dataset.partners` (-1: no record).
    let record: [Int32]

    /// Derived data: equal whatever it holds, so it never makes two datasets differ.
    static func == (a: SeriesPartners, b: SeriesPartners) -> Bool { true }
}
