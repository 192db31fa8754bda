/// The items of the JSON report's `series` array, written straight into bytes.
///
/// The bytes are exactly those of writing each series through ``JSONWriter`` in its place in the
/// report (`StreamedJSONReportTests` compares them with the writer-built report): the series array
/// is always the second level of the document, and every object in a series has a fixed shape, so
/// each member's comma, line break, indent and quoted key is a constant made once (``Members``),
/// and a member costs one copy and its value. Values are written by ``JSONWriter``'s own byte
/// functions (``JSONWriter/writeNumber(_:decimals:to:)``, ``JSONWriter/mayNeedEscaping(_:)``,
/// ``ByteFormat/writeInteger(_:to:)``), so the two cannot format anything differently, into a
/// ``ByteBuffer`` (room made once for each run of pieces of known greatest size, ``Cursor``; no per-byte
/// checks). A million periods make no `String` and look up no key.
struct JSONSeriesWriter: ~Copyable {
    /// The bytes written so far (one block of series).
    private var out: ByteBuffer
    private let members: Members
    private let metadata: DatasetMetadata
    private let inequality: InequalityTable
    private var periods: PeriodLiterals
    /// The benchmark thresholds of each programme that has them (a few: found by a scan, not by hashing).
    private let benchmarkThresholds: [(programme: ScreeningProgramme, thresholds: BenchmarkThresholds)]
    private var sentence = ByteSentence()
    /// The trend's sentence, written once for `trend.sentence` and copied into `statement`, which ends with it.
    private var trendSentence = ByteSentence()

    /// The JSON of `report`'s series in `range` (`range.lowerBound == 0`: the array's first items).
    ///
    /// Written straight into the returned array's room, made for an estimate of the block's size
    /// (3 KB a series, 640 bytes a period and twice its names: more than the sample and the
    /// extract-shaped data need; room not written stays untouched virtual memory), so the bytes
    /// are not copied into an array. A block that outgrows it (very long names, labels or
    /// sentences) is written on in memory of the writer's own and copied once.
    static func block(_ report: Report, _ range: Range<Int>, literals: PeriodLiterals.Shared? = nil) -> [UInt8] {
        let rows = report.table.rows
        return block(report, range, literals: literals) { rows[$0] }
    }

    /// The same with series `i`'s summary made by `summary` (once each): `uptake report --format json`
    /// makes a block's summaries as it writes them instead of holding every summary. `literals`: the report's periods'
    /// literals, made once for every block.
    static func block(_ report: Report, _ range: Range<Int>, literals: PeriodLiterals.Shared? = nil,
                      summary: (Int) -> SeriesSummary) -> [UInt8] {
        let rows = range.map(summary)
        var estimate = 0
        // Read through the summary, not a copy of its series (a copy retains and releases the series' four references).
        for r in rows { estimate += r.jsonRoomEstimate }
        var outgrown: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: estimate) { room, initialized in
            var w = JSONSeriesWriter(report: report, literals: literals, out: ByteBuffer(writingInto: room))
            for (k, r) in rows.enumerated() { w.write(r, first: range.lowerBound + k == 0) }
            if w.out.isInLentMemory {
                initialized = w.out.count
            } else {
                outgrown = w.drain()
                initialized = 0
            }
        }
        return outgrown ?? bytes
    }

    /// An empty writer for `report`'s series, writing into `out`, reading the period literals `literals` has.
    private init(report: Report, literals: PeriodLiterals.Shared?, out: consuming ByteBuffer) {
        self.out = out
        members = Members.shared
        metadata = report.dataset.metadata
        inequality = report.inequality
        periods = PeriodLiterals(metadata: report.dataset.metadata, shared: literals)
        benchmarkThresholds = report.dataset.metadata.benchmarks.map { ($0.key, $0.value.thresholds) }
    }

    /// The benchmark thresholds of `programme` (``SeriesSummary/gaps(benchmarks:inequality:)``'s lookup).
    private func thresholds(_ programme: ScreeningProgramme?) -> BenchmarkThresholds? {
        guard let programme else { return nil }
        return benchmarkThresholds.first { $0.programme == programme }?.thresholds
    }

    /// Hands over the bytes written so far and empties the buffer.
    private mutating func drain() -> [UInt8] { out.drain() }

    /// Where the series array's items sit in the report: the top-level object is level 1, the
    /// `series` array level 2, so a series' members are at level 3 and a period's at level 5.
    static let seriesLevel = 2

    /// The constant parts: each member's separator, line break, indent and key; the brackets
    /// opening and closing each object and array at its level; the values that never change.
    ///
    /// The constants are stored once for the life of the process (``constant(_:)``) and read
    /// through pointers, so copying one retains nothing.
    final class Members: @unchecked Sendable {
        /// Bytes stored for the life of the process, readable for 128 bytes past their start (``Padded``).
        typealias Constant = Padded

        static let shared = Members()

        /// `bytes`, stored for the life of the process (the few hundred bytes of ``shared``).
        static func constant(_ bytes: [UInt8]) -> Constant { Padded.stored(bytes) }

        /// `,` (unless `first`), a line break, the indent of `level` and `"name": `: what
        /// ``JSONWriter`` writes before a member's value.
        static func member(_ name: String, level: Int, first: Bool = false) -> [UInt8] {
            item(level: level, first: first) + JSONWriter.quotedBytes(name) + Array(": ".utf8)
        }

        /// `,` (unless `first`), a line break and the indent of `level`: before an array's item.
        static func item(level: Int, first: Bool) -> [UInt8] {
            (first ? [] : [UInt8(ascii: ",")]) + [10] + Array(repeating: 0x20, count: 2 * level)
        }

        /// A line break, the indent of `level` and `bracket`: closing an object or array with members.
        static func close(_ bracket: Character, level: Int) -> [UInt8] {
            [10] + Array(repeating: 0x20, count: 2 * level) + Array(String(bracket).utf8)
        }

        // A series, at level 3 inside its `{` at level 2.
        let seriesOpen: Constant, seriesOpenFirst: Constant, seriesClose: Constant
        let partner: Constant, proxyPopulation: Constant, programme: Constant, reached: Constant, periods: Constant
        let changePP: Constant, changeRelPct: Constant, changeCILow: Constant, changeCIHigh: Constant, significant: Constant
        let intervalNote: Constant, intervalVerdict: Constant, isComparator: Constant, comparison: Constant, trend: Constant
        let reachPct: Constant, reportedChangePct: Constant, reportedCheck: Constant, benchmark: Constant
        let gapToAcceptable: Constant, gapToAchievable: Constant, areaAverage: Constant, gapToArea: Constant
        let statement: Constant, source: Constant
        /// `]` or `}` closing a member's array or object at level 3.
        let memberObjectClose: Constant
        /// The last period's object and the `periods` array closed.
        let lastPeriodClose: Constant

        // A period, at level 5 inside its `{` at level 4.
        let periodOpen: Constant, periodOpenFirst: Constant, periodClose: Constant
        let period: Constant, label: Constant, eligible: Constant, screened: Constant, uptakePct: Constant
        let ciLow: Constant, ciHigh: Constant, line: Constant
        /// The `exact` key, its value (null, false, true) and the `published_decimals` key after it, as one copy.
        let exactNull: Constant, exactFalse: Constant, exactTrue: Constant

        // The comparison, trend and reported check objects, at level 4.
        let comparator: Constant, comparatorPartner: Constant, comparatorProxy: Constant, comparatorChange: Constant
        let comparatorChangeLow: Constant, comparatorChangeHigh: Constant, didPP: Constant, didLow: Constant, didHigh: Constant
        let didExcludesZero: Constant, method: Constant, unavailable: Constant
        let marker: Constant, reason: Constant, chiSquared: Constant, slope: Constant, trendPeriods: Constant, trendSentence: Constant
        let trendPeriod: Constant, trendPeriodFirst: Constant, trendPeriodsClose: Constant
        let verdict: Constant, pointEstimate: Constant, lowest: Constant, highest: Constant, explanation: Constant

        // Values that are the same in every series.
        let intervalNoteText: Constant, methodText: Constant, null: Constant, `true`: Constant, `false`: Constant

        private init() {
            let s = JSONSeriesWriter.seriesLevel, m = s + 1, o = s + 2, p = s + 3
            seriesOpen = Self.constant(Self.item(level: s, first: false) + Array("{".utf8))
            seriesOpenFirst = Self.constant(Self.item(level: s, first: true) + Array("{".utf8))
            seriesClose = Self.constant(Self.close("}", level: s))
            partner = Self.constant(Self.member("partner", level: m, first: true))
            proxyPopulation = Self.constant(Self.member("proxy_population", level: m))
            programme = Self.constant(Self.member("programme", level: m))
            reached = Self.constant(Self.member("reached", level: m))
            periods = Self.constant(Self.member("periods", level: m) + Array("[".utf8))
            changePP = Self.constant(Self.member("change_pp", level: m))
            changeRelPct = Self.constant(Self.member("change_rel_pct", level: m))
            changeCILow = Self.constant(Self.member("change_ci_low_pp", level: m))
            changeCIHigh = Self.constant(Self.member("change_ci_high_pp", level: m))
            significant = Self.constant(Self.member("significant", level: m))
            intervalNote = Self.constant(Self.member("interval_note", level: m))
            intervalVerdict = Self.constant(Self.member("interval_verdict", level: m))
            isComparator = Self.constant(Self.member("is_comparator", level: m))
            comparison = Self.constant(Self.member("comparison", level: m))
            trend = Self.constant(Self.member("trend", level: m) + Array("{".utf8))
            reachPct = Self.constant(Self.member("reach_pct", level: m))
            reportedChangePct = Self.constant(Self.member("reported_change_pct", level: m))
            reportedCheck = Self.constant(Self.member("reported_check", level: m))
            benchmark = Self.constant(Self.member("benchmark", level: m))
            gapToAcceptable = Self.constant(Self.member("gap_to_acceptable_pp", level: m))
            gapToAchievable = Self.constant(Self.member("gap_to_achievable_pp", level: m))
            areaAverage = Self.constant(Self.member("area_average_pct", level: m))
            gapToArea = Self.constant(Self.member("gap_to_area_pp", level: m))
            statement = Self.constant(Self.member("statement", level: m))
            source = Self.constant(Self.member("source", level: m))
            memberObjectClose = Self.constant(Self.close("}", level: m))
            lastPeriodClose = Self.constant(Self.close("}", level: o) + Self.close("]", level: m))

            periodOpen = Self.constant(Self.item(level: o, first: false) + Array("{".utf8))
            periodOpenFirst = Self.constant(Self.item(level: o, first: true) + Array("{".utf8))
            periodClose = Self.constant(Self.close("}", level: o))
            period = Self.constant(Self.member("period", level: p, first: true))
            label = Self.constant(Self.member("label", level: p))
            eligible = Self.constant(Self.member("eligible", level: p))
            screened = Self.constant(Self.member("screened", level: p))
            uptakePct = Self.constant(Self.member("uptake_pct", level: p))
            ciLow = Self.constant(Self.member("ci_low_pct", level: p))
            ciHigh = Self.constant(Self.member("ci_high_pct", level: p))
            line = Self.constant(Self.member("line", level: p))
            let exactKey = Self.member("exact", level: p), decimalsKey = Self.member("published_decimals", level: p)
            exactNull = Self.constant(exactKey + JSONWriter.null + decimalsKey)
            exactFalse = Self.constant(exactKey + Array("false".utf8) + decimalsKey)
            exactTrue = Self.constant(exactKey + Array("true".utf8) + decimalsKey)

            comparator = Self.constant(Self.member("comparator", level: o, first: true))
            comparatorPartner = Self.constant(Self.member("comparator_partner", level: o))
            comparatorProxy = Self.constant(Self.member("comparator_proxy_population", level: o))
            comparatorChange = Self.constant(Self.member("comparator_change_pp", level: o))
            comparatorChangeLow = Self.constant(Self.member("comparator_change_ci_low_pp", level: o))
            comparatorChangeHigh = Self.constant(Self.member("comparator_change_ci_high_pp", level: o))
            didPP = Self.constant(Self.member("did_pp", level: o))
            didLow = Self.constant(Self.member("did_ci_low_pp", level: o))
            didHigh = Self.constant(Self.member("did_ci_high_pp", level: o))
            didExcludesZero = Self.constant(Self.member("did_excludes_zero", level: o))
            method = Self.constant(Self.member("method", level: o))
            unavailable = Self.constant(Self.member("unavailable", level: o))
            marker = Self.constant(Self.member("marker", level: o, first: true))
            reason = Self.constant(Self.member("reason", level: o))
            chiSquared = Self.constant(Self.member("chi_squared", level: o))
            slope = Self.constant(Self.member("log_odds_slope", level: o))
            trendPeriods = Self.constant(Self.member("periods", level: o) + Array("[".utf8))
            trendSentence = Self.constant(Self.member("sentence", level: o))
            trendPeriod = Self.constant(Self.item(level: p, first: false))
            trendPeriodFirst = Self.constant(Self.item(level: p, first: true))
            trendPeriodsClose = Self.constant(Self.close("]", level: o))
            verdict = Self.constant(Self.member("verdict", level: o, first: true))
            pointEstimate = Self.constant(Self.member("point_estimate_pct", level: o))
            lowest = Self.constant(Self.member("lowest_pct", level: o))
            highest = Self.constant(Self.member("highest_pct", level: o))
            explanation = Self.constant(Self.member("explanation", level: o))

            intervalNoteText = Self.constant(JSONWriter.quotedBytes("indicative: Newcombe hybrid score interval treating the two snapshots as independent, though they are largely the same people"))
            null = Self.constant(JSONWriter.null)
            `true` = Self.constant(Array("true".utf8))
            `false` = Self.constant(Array("false".utf8))
            methodText = Self.constant(JSONWriter.quotedBytes("difference of two Newcombe hybrid score changes, interval by MOVER (Zou & Donner 2008); assumes the two changes are independent"))
        }
    }

    @inline(__always) private mutating func put(_ constant: Padded) {
        run(Cursor.room(constants: 0, numbers: 0, longer: constant)) { $0.put(constant) }
    }
    @inline(__always) private mutating func put(_ literal: [UInt8]) { out.append(literal) }
    @inline(__always) private mutating func byte(_ b: UInt8) {
        out.reserve(1)
        out.unchecked(b)
    }

    /// ``JSONWriter/number(_:_:decimals:)``'s bytes.
    @inline(__always) private mutating func number(_ v: Double?, decimals: Int = 4) {
        run(Cursor.room(constants: 0, numbers: 1)) { $0.number(v, decimals: decimals) }
    }

    /// ``JSONWriter/integer(_:_:)``'s bytes.
    @inline(__always) private mutating func integer(_ v: Int?) {
        run(Cursor.room(constants: 0, numbers: 1)) { $0.integer(v) }
    }

    /// ``JSONWriter/string(_:_:)``'s bytes.
    @inline(__always) private mutating func string(_ s: String?) {
        guard let s else { return put(members.null) }
        s.readUTF8 { quoted($0) }
    }

    /// UTF-8 as a JSON string literal, escaped as ``JSONWriter`` escapes it.
    @inline(__always) private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) { Self.quote(utf8, into: &out) }

    /// ``quoted(_:)`` into `out` (static, so the sentence's bytes can be read while `out` is written).
    @inline(__always) private static func quote(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        if JSONWriter.mayNeedEscaping(utf8) {
            var b: [UInt8] = []
            JSONWriter.appendQuoted(utf8: utf8, to: &b)
            return out.append(b)
        }
        out.reserve(utf8.count + 2)
        out.unchecked(UInt8(ascii: "\""))
        out.unchecked(utf8)
        out.unchecked(UInt8(ascii: "\""))
    }

    private mutating func sentenceBytes() {
        sentence.withBytes { Self.quote($0, into: &out) }
    }

    /// A period's object (``SeriesSummary/Point``'s members; `first`: the `periods` array's first item), the previous one
    /// closed before it, written through a ``Cursor`` (a million periods).
    private mutating func period(_ period: Period, first: Bool, eligible: Int, screened: Int?, uptakePct: Double?,
                                 interval: ProportionInterval?, line: Int, figure: UptakeFigure.Kind?) {
        let k = members
        // The object opened (the previous one closed) up to the `eligible` value: one copy, made once per period.
        let literals = periods.literals(period)
        let opening = first ? literals.opening : literals.next
        let exact = figure.map { $0.isExact ? k.exactTrue : k.exactFalse } ?? k.exactNull, decimals = figure?.publishedDecimals
        run(Cursor.room(constants: 6, numbers: 7, longer: opening)) { c in
            c.put(opening); c.integer(eligible)
            c.put(k.screened); c.integer(screened)
            c.put(k.uptakePct); c.number(uptakePct)
            c.put(k.ciLow); c.number(interval?.lower)
            c.put(k.ciHigh); c.number(interval?.upper)
            c.put(k.line); c.integer(line)
            c.put(exact); c.integer(decimals)
        }
    }

    /// Writes what `body` writes through a ``Cursor``, in room made once for at most `room` bytes
    /// (``Cursor/room(constants:numbers:longer:)``).
    @inline(__always) private mutating func run(_ room: Int, _ body: (inout Cursor) -> Void) {
        let null = members.null
        out.reserve(room)
        out.unchecked { start in
            var c = Cursor(at: start, null: null)
            body(&c)
            return c.at - start
        }
    }

    /// Where a run of pieces of known greatest size (constants, numbers, booleans) is written, in room made once for the
    /// run (``run(_:_:)``): each piece is stored at the cursor and moves it, with no check of the room and no load and
    /// store of the buffer's count between pieces. Constants as ``Padded/store(at:)`` copies them; values as ``JSONWriter``
    /// writes them.
    private struct Cursor {
        var at: UnsafeMutablePointer<UInt8>
        let null: Padded

        /// Room for `constants` constants and booleans of up to 128 bytes, `numbers` numbers or whole numbers (or their
        /// `null`), and `longer`, a constant that may be longer than 128 bytes. Each piece moves the cursor by at most its
        /// count (a constant's, at most 128; a number's, at most ``maximumNumberBytes``), and a piece stores at most 128
        /// bytes from where it starts (a ``Padded`` copy, `null` too), so the run ends within the sum of the counts and
        /// 128 bytes more.
        static func room(constants: Int, numbers: Int, longer: Padded? = nil) -> Int {
            constants * Padded.readable + numbers * maximumNumberBytes + (longer?.bytes.count ?? 0) + Padded.readable
        }

        /// The most a number takes: ``JSONWriter/writeNumber(_:decimals:to:)``'s, a whole number's, or one too large
        /// for its digits as `String(value)` writes it (at most 24 bytes).
        static let maximumNumberBytes = max(JSONWriter.maximumNumberBytes, ByteFormat.maximumIntegerBytes, 24)

        /// `constant` stored at the cursor (``Padded/store(at:)``).
        @inline(__always) mutating func put(_ constant: Padded) {
            constant.store(at: at)
            at += constant.bytes.count
        }

        @inline(__always) mutating func integer(_ v: Int?) {
            guard let v else { return put(null) }
            at += ByteFormat.writeInteger(v, to: at)
        }

        @inline(__always) mutating func number(_ v: Double?, decimals: Int = 4) {
            guard let v, v.isFinite else { return put(null) }
            if let n = JSONWriter.writeNumber(v, decimals: decimals, to: at) {
                at += n
            } else {
                var b: [UInt8] = []
                JSONWriter.appendLargeNumber(v, decimals: decimals, to: &b)
                b.withUnsafeBufferPointer { at.update(from: $0.baseAddress!, count: $0.count) }
                at += b.count
            }
        }

        @inline(__always) mutating func bool(_ v: Bool?, _ k: Members) {
            guard let v else { return put(null) }
            put(v ? k.true : k.false)
        }
    }

    /// Writes `r` as the next item of the series array (`first`: the array's first item).
    mutating func write(_ r: SeriesSummary, first: Bool) {
        let k = members
        put(first ? k.seriesOpenFirst : k.seriesOpen)
        put(k.partner); string(r.series.partner)
        put(k.proxyPopulation); string(r.series.proxyPopulation)
        put(k.programme); string(r.series.programme?.rawValue)
        put(k.reached); integer(r.attributedReached)
        put(k.periods)
        // Every period with its interval (``SeriesSummary/points``), without an array of them: the two ends are the
        // summary's own points (the same figures and interval), the periods between are read from the observations.
        let observations = r.series.observations
        let last = observations.count - 1
        /// The summary's own point for period `i` (the ends), or nil for a period between.
        func endPoint(_ i: Int) -> SeriesSummary.Point? { i == 0 ? r.start : i == last ? r.end : nil }
        // The intervals of the periods between the two ends, all computed before any is written: each is a chain of a
        // division, a square root and two divisions, and back to back the processor runs the chains at once, where
        // between two periods' writing it waited for each in turn (the interval was 10% of this part's samples).
        withUnsafeTemporaryAllocation(of: ProportionInterval?.self, capacity: Swift.max(observations.count, 1)) { intervals in
            // The 95% critical value read once, not once an interval (a global's check and call each).
            let z = NormalDistribution.z95
            // Every period without a point of the summary's (the ends have theirs; a summary without one is covered).
            for i in observations.indices where endPoint(i) == nil {
                // ``SeriesSummary/point(_:)``'s interval, read from the observation without making the point.
                intervals.initializeElement(at: i, to: SeriesSummary.wilson(observations[i], z: z).map {
                    ProportionInterval(lower: $0.lower * 100, upper: $0.upper * 100)
                })
            }
            for i in observations.indices {
                if let p = endPoint(i) {
                    period(p.period, first: i == 0, eligible: p.eligible, screened: p.screened, uptakePct: p.uptakePct, interval: p.interval,
                           line: p.line, figure: p.figure?.kind)
                } else {
                    let o = observations[i]
                    period(o.period, first: i == 0, eligible: o.eligible, screened: o.screened, uptakePct: o.uptakePct,
                           interval: intervals[i], line: o.line, figure: o.figureKind)
                }
            }
        }
        if observations.isEmpty { byte(UInt8(ascii: "]")) } else { put(k.lastPeriodClose) }
        let change = r.changeInterval
        run(Cursor.room(constants: 8, numbers: 4, longer: k.intervalNoteText)) { c in
            c.put(k.changePP); c.number(r.changePP)
            c.put(k.changeRelPct); c.number(r.changeRelPct)
            c.put(k.changeCILow); c.number(change?.lower)
            c.put(k.changeCIHigh); c.number(change?.upper)
            c.put(k.significant); c.bool(r.isSignificant, k)
            c.put(k.intervalNote); c.put(change == nil ? k.null : k.intervalNoteText)
            c.put(k.intervalVerdict)
        }
        string(r.intervalVerdict)
        run(Cursor.room(constants: 3, numbers: 0)) { c in
            c.put(k.isComparator); c.bool(r.isComparator, k)
            c.put(k.comparison)
        }
        switch r.comparison {
        case .compared(let c):
            byte(UInt8(ascii: "{"))
            put(k.comparator); string(c.label)
            put(k.comparatorPartner); string(c.comparatorPartner)
            put(k.comparatorProxy); string(c.comparatorProxyPopulation)
            run(Cursor.room(constants: 10, numbers: 6, longer: k.methodText)) { w in
                w.put(k.comparatorChange); w.number(c.comparatorChange.difference)
                w.put(k.comparatorChangeLow); w.number(c.comparatorChange.lower)
                w.put(k.comparatorChangeHigh); w.number(c.comparatorChange.upper)
                w.put(k.didPP); w.number(c.difference.difference)
                w.put(k.didLow); w.number(c.difference.lower)
                w.put(k.didHigh); w.number(c.difference.upper)
                w.put(k.didExcludesZero); w.bool(c.difference.excludesZero, k)
                w.put(k.method); w.put(k.methodText)
                w.put(k.memberObjectClose)
            }
        case .unavailable(let label, let reason):
            byte(UInt8(ascii: "{"))
            put(k.comparator); string(label)
            put(k.unavailable); string(reason)
            put(k.memberObjectClose)
        case .noneGiven, .isComparator:
            put(k.null)
        }
        put(k.trend)
        put(k.marker); string(r.trend.marker.rawValue)
        put(k.reason); string(r.trend.reason.code)
        run(Cursor.room(constants: 3, numbers: 2)) { c in
            c.put(k.chiSquared); c.number(r.trend.chiSquared)
            c.put(k.slope); c.number(r.trend.slope, decimals: 6)
            c.put(k.trendPeriods)
        }
        for (i, p) in r.trend.periods.enumerated() {
            put(i == 0 ? k.trendPeriodFirst : k.trendPeriod)
            put(periods.literals(p).period)
        }
        if r.trend.periods.isEmpty { byte(UInt8(ascii: "]")) } else { put(k.trendPeriodsClose) }
        trendSentence.removeAll()
        r.trend.writeSentence(labels: metadata, into: &trendSentence)
        put(k.trendSentence); trendSentence.withBytes { Self.quote($0, into: &out) }
        run(Cursor.room(constants: 4, numbers: 2)) { c in
            c.put(k.memberObjectClose)
            c.put(k.reachPct); c.number(r.reachPct)
            c.put(k.reportedChangePct); c.number(r.attributedReportedChangePct)
            c.put(k.reportedCheck)
        }
        if let c = r.reportedCheck {
            byte(UInt8(ascii: "{"))
            put(k.verdict); string(c.verdict.rawValue)
            put(k.pointEstimate); number(c.pointEstimatePct)
            put(k.lowest); number(c.lowestPct)
            put(k.highest); number(c.highestPct)
            put(k.explanation); string(c.explanation)
            put(k.memberObjectClose)
        } else {
            put(k.null)
        }
        put(k.benchmark); string(r.benchmark?.rawValue)
        let gap = r.gaps(thresholds: thresholds(r.series.programme), inequality: inequality)
        sentence.removeAll()
        let trendBytes = trendSentence.bytes
        r.writeStatement(labels: metadata, into: &sentence) { $0.append(trendBytes) }
        run(Cursor.room(constants: 5, numbers: 4)) { c in
            c.put(k.gapToAcceptable); c.number(gap.toAcceptablePP)
            c.put(k.gapToAchievable); c.number(gap.toAchievablePP)
            c.put(k.areaAverage); c.number(gap.areaAveragePct)
            c.put(k.gapToArea); c.number(gap.toAreaPP)
            c.put(k.statement)
        }
        sentenceBytes()
        put(k.source); string(r.series.source)
        put(k.seriesClose)
    }
}

/// Bytes in memory of their own with at least ``readable`` bytes readable from their start whatever their count (zeros
/// after them), read through a pointer so that handing them out retains and releases nothing: the JSON report's
/// constant pieces (``JSONSeriesWriter/Members``, ``PeriodLiterals``), which a writer copies with four fixed 16-byte
/// moves (``store(at:)``) instead of a loop sized by the count, and the sentences' period labels
/// (``SentenceSink``).
struct Padded {
    /// How many bytes from the start may be read.
    static let readable = 128

    let bytes: UnsafeBufferPointer<UInt8>

    /// `bytes` copied into memory of their own, padded with zeros to at least ``readable`` bytes. Kept for the life of the
    /// process (the writer's constants) or freed with ``deallocate()`` (a report's period literals).
    static func stored(_ bytes: [UInt8]) -> Padded {
        let room = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(bytes.count, readable))
        room.initialize(repeating: 0)
        _ = room.update(fromContentsOf: bytes)
        return Padded(bytes: UnsafeBufferPointer(start: room.baseAddress, count: bytes.count))
    }

    func deallocate() { bytes.deallocate() }

    /// Stores the bytes at `target`, which must have room for 128 bytes or the count, whichever is more. Nearly every
    /// constant is a member's separator, indent and key (under 64 bytes) or a period's opening (about 110): four or
    /// eight fixed 16-byte moves whatever the count, no loop (the bytes past the count are written over by what comes
    /// next); a longer one is copied.
    @inline(__always)
    func store(at target: UnsafeMutablePointer<UInt8>) {
        let n = bytes.count
        guard n <= Self.readable else { return target.update(from: bytes.baseAddress!, count: n) }
        let source = UnsafeRawPointer(bytes.baseAddress!), to = UnsafeMutableRawPointer(target)
        @inline(__always) func move(_ offset: Int) {
            to.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset,
                          as: SIMD16<UInt8>.self)
        }
        move(0); move(16); move(32); move(48)
        if n > 64 { move(64); move(80); move(96); move(112) }
    }
}

extension SeriesSummary {
    /// The room ``JSONSeriesWriter/block(_:_:literals:summary:)`` reserves for this series: 3 KB for its fields and
    /// statement, 640 bytes a period, its names twice over (escaped). Read in place: a copy of `series` would retain and
    /// release its names and rows.
    var jsonRoomEstimate: Int {
        3_072 + 640 * series.observations.count + 2 * (series.partner.utf8.count + series.proxyPopulation.utf8.count)
    }
}
