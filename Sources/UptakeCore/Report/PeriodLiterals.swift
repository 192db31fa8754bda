/// A period and its display label as the JSON report writes them, escaped once per period.
///
/// A million-row report has a million periods but only a handful of distinct ones, so
/// each block of series keeps the few it has seen instead of formatting every one.
struct PeriodLiterals: Sendable {
    /// The literals of one period: `"2024-03"` and its label (`"Mar 2024"`, or the period again).
    struct Literals: Sendable {
        /// The period's JSON string literal, quotes included.
        let period: [UInt8]
        /// The label's JSON string literal, quotes included.
        let label: [UInt8]
    }

    private let metadata: DatasetMetadata
    private var seen: [Int32: Literals] = [:]

    /// Literals labelled by `metadata`'s period labels.
    init(metadata: DatasetMetadata) { self.metadata = metadata }

    /// The literals of `period`, made on first use.
    mutating func literals(_ period: Period) -> Literals {
        if let known = seen[period.key] { return known }
        let made = Literals(period: JSONWriter.quotedBytes(period.description),
                            label: JSONWriter.quotedBytes(metadata.label(for: period)))
        seen[period.key] = made
        return made
    }
}
