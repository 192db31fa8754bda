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
    private var cache = PeriodCache<Literals>()

    /// Literals labelled by `metadata`'s period labels.
    init(metadata: DatasetMetadata) { self.metadata = metadata }

    /// The literals of `period`, made on first use.
    mutating func literals(_ period: Period) -> Literals {
        cache.value(for: period) {
            Literals(period: JSONWriter.quotedBytes(period.description), label: JSONWriter.quotedBytes(metadata.label(for: $0)))
        }
    }
}

/// Something made once per period (its literals, its label's bytes) and found again without hashing.
///
/// A dataset has a handful of periods and a report asks for them millions of times: the first
/// ``scanned`` periods seen are found by a short scan of their keys, any others through a dictionary.
struct PeriodCache<Value> {
    private var keys: [Int32] = []
    private var values: [Value] = []
    private var others: [Int32: Value] = [:]

    /// How many periods are found by scanning.
    static var scanned: Int { 16 }

    /// The value of `period`, made by `make` the first time it is asked for.
    @inline(__always)
    mutating func value(for period: Period, _ make: (Period) -> Value) -> Value {
        let key = period.key
        if let i = keys.firstIndex(of: key) { return values[i] }
        if let known = others[key] { return known }
        let value = make(period)
        if keys.count < Self.scanned {
            keys.append(key)
            values.append(value)
        } else {
            others[key] = value
        }
        return value
    }
}

extension PeriodCache: Sendable where Value: Sendable {}
