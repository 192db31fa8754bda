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

        fileprivate func deallocate() {
            period.deallocate()
            label.deallocate()
            opening.deallocate()
            next.deallocate()
        }
    }

    /// Literals made once for a whole report, before its series are written, and read by every block's writer (on
    /// either thread) without being copied or changed: a report's blocks see the same few periods, and making a period's
    /// literals (13,000 instructions) costs as much as writing some twenty periods, so each of a million-row report's
    /// 2,000 pieces making its own eight was 7% of the JSON report's work.
    final class Shared: @unchecked Sendable {
        fileprivate let cache: PeriodCache<Literals>

        /// The literals of the first distinct periods (up to ``PeriodCache/scanned``) of `series`, labelled by `metadata`.
        init(metadata: DatasetMetadata, series: some Sequence<UptakeSeries>) {
            var cache = PeriodCache<Literals>(), count = 0
            outer: for s in series {
                for o in s.observations where cache.find(o.period) == nil {
                    cache.insert(PeriodLiterals.make(o.period, metadata: metadata), for: o.period)
                    count += 1
                    if count == PeriodCache<Literals>.scanned { break outer }
                }
            }
            self.cache = cache
        }

        deinit { cache.forEach { $0.deallocate() } }
    }

    private let metadata: DatasetMetadata
    private let shared: Shared?
    private var cache = PeriodCache<Literals>()

    /// Literals labelled by `metadata`'s period labels; those `shared` has are read from it, any others made here.
    init(metadata: DatasetMetadata, shared: Shared? = nil) {
        self.metadata = metadata
        self.shared = shared
    }

    deinit { cache.forEach { $0.deallocate() } }

    /// The literals of `period`, made on first use.
    @inline(__always)
    mutating func literals(_ period: Period) -> Literals {
        if let shared, let known = shared.cache.find(period) { return known }
        if let known = cache.find(period) { return known }
        let made = Self.make(period, metadata: metadata)
        cache.insert(made, for: period)
        return made
    }

    /// `period`'s literals, labelled by `metadata`, in memory of their own (freed with ``Literals/deallocate()``).
    @inline(never)
    fileprivate static func make(_ period: Period, metadata: DatasetMetadata) -> Literals {
        let k = JSONSeriesWriter.Members.shared
        let quotedPeriod = JSONWriter.quotedBytes(period.description), quotedLabel = JSONWriter.quotedBytes(metadata.label(for: period))
        let fields = Array(k.period.bytes) + quotedPeriod + Array(k.label.bytes) + quotedLabel + Array(k.eligible.bytes)
        return Literals(period: .stored(quotedPeriod), label: .stored(quotedLabel),
                        opening: .stored(Array(k.periodOpenFirst.bytes) + fields),
                        next: .stored(Array(k.periodClose.bytes) + Array(k.periodOpen.bytes) + fields))
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
