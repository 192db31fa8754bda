/// A period and its display label as the JSON report writes them, escaped once per period.
///
/// A million-row report has a million periods but only a handful of distinct ones, so
/// each block of series keeps the few it has seen instead of formatting every one.
struct PeriodLiterals: ~Copyable {
    /// The literals of one period: `"2024-03"` and its label (`"Mar 2024"`, or the period again), in memory the
    /// ``PeriodLiterals`` owns (valid while it lives): handing them out retains and releases nothing.
    struct Literals {
        /// The period's JSON string literal, quotes included.
        let period: Padded
        /// The label's JSON string literal, quotes included.
        let label: Padded
        /// A period object's bytes up to its `eligible` value, as the first item of `periods`: the object opened,
        /// `"period"` and `"label"` with their values, and the `"eligible"` key. Every period of a million has
        /// them, so they are one copy instead of five.
        let opening: Padded
        /// ``opening`` as a later item: the previous period's object closed first.
        let next: Padded
    }

    private let metadata: DatasetMetadata
    private var cache = PeriodCache<Literals>()

    /// Literals labelled by `metadata`'s period labels.
    init(metadata: DatasetMetadata) { self.metadata = metadata }

    deinit {
        cache.forEach {
            $0.period.deallocate()
            $0.label.deallocate()
            $0.opening.deallocate()
            $0.next.deallocate()
        }
    }

    /// The literals of `period`, made on first use.
    mutating func literals(_ period: Period) -> Literals {
        if let known = cache.find(period) { return known }
        let k = JSONSeriesWriter.Members.shared
        let quotedPeriod = JSONWriter.quotedBytes(period.description), quotedLabel = JSONWriter.quotedBytes(metadata.label(for: period))
        let fields = Array(k.period.bytes) + quotedPeriod + Array(k.label.bytes) + quotedLabel + Array(k.eligible.bytes)
        let made = Literals(period: .stored(quotedPeriod), label: .stored(quotedLabel),
                            opening: .stored(Array(k.periodOpenFirst.bytes) + fields),
                            next: .stored(Array(k.periodClose.bytes) + Array(k.periodOpen.bytes) + fields))
        cache.insert(made, for: period)
        return made
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
        if let known = find(period) { return known }
        let value = make(period)
        insert(value, for: period)
        return value
    }

    /// The value kept for `period`, if any.
    @inline(__always)
    func find(_ period: Period) -> Value? {
        let key = period.key
        if let i = keys.firstIndex(of: key) { return values[i] }
        return others[key]
    }

    /// Keeps `value` for `period` (which has none yet).
    mutating func insert(_ value: Value, for period: Period) {
        if keys.count < Self.scanned {
            keys.append(period.key)
            values.append(value)
        } else {
            others[period.key] = value
        }
    }

    /// Calls `body` with every value kept.
    func forEach(_ body: (Value) -> Void) {
        values.forEach(body)
        others.values.forEach(body)
    }
}

extension PeriodCache: Sendable where Value: Sendable {}
