/// The CSV report's rows (``Report/csvColumns``), written through a pointer (issue 11).
///
/// The bytes are exactly those of writing each field through ``CSVWriter`` (`CSVReportRowsTests`
/// compares them, field by field and row by row): the same quoting rule, numbers through the
/// same formatting (``ByteFormat/writeFixed(_:_:to:)`` is ``ByteFormat/appendFixed(_:_:to:)``'s
/// bytes at a pointer), nil and non-finite numbers as empty fields. `CSVWriter` appends to an
/// array, which checks the array's uniqueness and capacity on every append; here room is made once
/// a row for the most the row can take (``ByteBuffer/reserve(_:)``) and the fields are stored
/// straight after it. `CSVWriter` stays the writer of every other CSV (exports, the import's side
/// files): its callers write a few rows, and it is a plain copyable value.
struct CSVReportRows: ~Copyable {
    private var out: ByteBuffer
    /// The room made for the row being written: a field written past its share (a number written as
    /// `String(value)`) makes this much more room after it, so the rest of the row still fits.
    private var rowRoom = 0

    private init(out: consuming ByteBuffer) { self.out = out }

    /// Room for the row's fields that are not text: 17 numbers with decimals, 4 whole numbers, 2 periods
    /// and 4 true/false fields, the 35 fields' separators and the line end.
    static let numbersRoom = 17 * ByteFormat.maximumFixedBytes + 4 * ByteFormat.maximumIntegerBytes
        + 2 * ByteFormat.maximumPeriodBytes + 4 * 5 + 35 + 1

    /// Room for a text field of `s`: every byte a quote (doubled) and the two enclosing quotes.
    @inline(__always)
    static func textRoom(_ s: String) -> Int { 2 * s.utf8.count + 2 }

    /// Room made per row in a block's memory, beyond which the block is written on in memory of its
    /// own and copied once (the extract-shaped data average about 200 bytes a row).
    static let estimatedRowBytes = 256

    /// `prefix`, then the CSV rows of the summaries `summary(i)` for `i` in `range`.
    ///
    /// Written straight into the returned array's room (an estimate of the rows' size and one
    /// row's most; room not written stays untouched), so the bytes are not copied into an array;
    /// rows that outgrow it (very long names) are written on in memory of the writer's own and
    /// copied once.
    static func block(_ range: Range<Int>, prefix: [UInt8] = [], _ summary: (Int) -> SeriesSummary) -> [UInt8] {
        let room = prefix.count + estimatedRowBytes * range.count + numbersRoom + 1024
        var outgrown: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: room) { memory, initialized in
            var w = CSVReportRows(out: ByteBuffer(writingInto: memory))
            w.out.append(prefix)
            // Eight summaries made, then their rows written: made back to back, the processor runs one summary's
            // divisions and square roots while it makes the next, where before each row's writing waited for its own.
            withUnsafeTemporaryAllocation(of: SeriesSummary.self, capacity: 8) { made in
                var i = range.lowerBound
                while i < range.upperBound {
                    let n = Swift.min(8, range.upperBound - i)
                    for k in 0..<n { made.initializeElement(at: k, to: summary(i + k)) }
                    for k in 0..<n { w.write(made[k]) }
                    _ = made.baseAddress!.deinitialize(count: n)
                    i += n
                }
            }
            if w.out.isInLentMemory {
                initialized = w.out.count
            } else {
                outgrown = w.out.drain()
                initialized = 0
            }
        }
        return outgrown ?? bytes
    }

    /// Writes one row: `r`'s fields in ``Report/csvColumns``' order and a line end.
    mutating func write(_ r: SeriesSummary) {
        let s = r.start, e = r.end
        // The series' fields read where they are (`r.series` copied would retain and release its names and rows).
        let programme = r.series.programme?.rawValue ?? ""
        let verdict = r.reportedCheck?.verdict.rawValue ?? ""
        let benchmark = r.benchmark?.rawValue ?? ""
        let c = r.comparison.comparison
        let comparator: String
        switch r.comparison {
        case .compared(let x): comparator = x.label
        case .unavailable(let label, _): comparator = label
        case .isComparator: comparator = "(is a comparator)"
        case .noneGiven: comparator = ""
        }
        let marker = r.trend.marker.rawValue, reason = r.trend.reason.code
        rowRoom = Self.numbersRoom + Self.textRoom(r.series.partner) + Self.textRoom(r.series.proxyPopulation)
            + Self.textRoom(programme) + Self.textRoom(verdict) + Self.textRoom(benchmark) + Self.textRoom(comparator)
            + Self.textRoom(marker) + Self.textRoom(reason)
        out.reserve(rowRoom)

        firstText(r.series.partner)
        text(r.series.proxyPopulation)
        text(programme)
        integer(r.attributedReached)
        period(s?.period)
        integer(s?.eligible)
        fixed(s?.uptakePct, 2)
        period(e?.period)
        integer(e?.eligible)
        fixed(e?.uptakePct, 2)
        fixed(r.changePP, 2)
        fixed(r.changeRelPct, 2)
        fixed(r.changeInterval?.lower, 2)
        fixed(r.changeInterval?.upper, 2)
        flag(r.isSignificant)
        fixed(r.reachPct, 2)
        fixed(r.attributedReportedChangePct, r.attributedReportedChangeDecimals ?? 2)
        text(verdict)
        text(benchmark)
        fixed(s?.interval?.lower, 2)
        fixed(s?.interval?.upper, 2)
        fixed(e?.interval?.lower, 2)
        fixed(e?.interval?.upper, 2)
        integer(r.series.observations.count)
        text(comparator)
        fixed(c?.comparatorChange.difference, 2)
        fixed(c?.difference.difference, 2)
        fixed(c?.difference.lower, 2)
        fixed(c?.difference.upper, 2)
        flag(c.map { $0.difference.excludesZero })
        text(marker)
        text(reason)
        fixed(r.trend.chiSquared, 4)
        flag(s?.figure.map { $0.isExact })
        flag(e?.figure.map { $0.isExact })
        out.unchecked(10)
    }

    // MARK: - Fields (in the row's room; each but the first after a comma)

    /// The row's first field (no comma before it).
    @inline(__always)
    private mutating func firstText(_ value: String) {
        value.readUTF8 { buf in out.unchecked { Self.writeText(buf, to: $0) } }
    }

    @inline(__always)
    private mutating func text(_ value: String) {
        out.unchecked(UInt8(ascii: ","))
        value.readUTF8 { buf in out.unchecked { Self.writeText(buf, to: $0) } }
    }

    @inline(__always)
    private mutating func integer(_ value: Int?) {
        out.unchecked(UInt8(ascii: ","))
        guard let value else { return }
        out.unchecked { ByteFormat.writeInteger(value, to: $0) }
    }

    @inline(__always)
    private mutating func period(_ value: Period?) {
        out.unchecked(UInt8(ascii: ","))
        guard let value else { return }
        out.unchecked { ByteFormat.writePeriod(value, to: $0) }
    }

    @inline(__always)
    private mutating func flag(_ value: Bool?) {
        out.unchecked(UInt8(ascii: ","))
        guard let value else { return }
        out.unchecked { p in
            if value {
                p[0] = UInt8(ascii: "t"); p[1] = UInt8(ascii: "r"); p[2] = UInt8(ascii: "u"); p[3] = UInt8(ascii: "e")
                return 4
            }
            p[0] = UInt8(ascii: "f"); p[1] = UInt8(ascii: "a"); p[2] = UInt8(ascii: "l"); p[3] = UInt8(ascii: "s")
            p[4] = UInt8(ascii: "e")
            return 5
        }
    }

    @inline(__always)
    private mutating func fixed(_ value: Double?, _ decimals: Int) {
        out.unchecked(UInt8(ascii: ","))
        guard let value else { return }
        var tooLarge = false
        out.unchecked { p in
            guard let n = ByteFormat.writeFixed(value, decimals, to: p) else {
                tooLarge = true
                return 0
            }
            return n
        }
        if tooLarge { fallback(value) }
    }

    /// A number too large for whole digits, as ``ByteFormat/appendFixed(_:_:to:)`` writes it (`String(value)`),
    /// with room made for it and again for a whole row after it.
    @inline(never)
    private mutating func fallback(_ value: Double) {
        var text = String(value)
        text.withUTF8 { buf in
            out.reserve(buf.count + rowRoom)
            out.unchecked(buf)
        }
    }

    /// Writes `utf8` as a CSV field at `p`, as ``CSVWriter/field(_:)-(String)`` does: quoted when it holds a
    /// comma, quote, CR or LF or starts or ends with a space or tab, quotes doubled. At most `2 * count + 2`
    /// bytes; returns how many.
    @inline(__always)
    static func writeText(_ utf8: UnsafeBufferPointer<UInt8>, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard let from = utf8.baseAddress, utf8.count > 0 else { return 0 }
        let n = utf8.count
        guard CSVWriter.needsQuoting(utf8) else {
            p.initialize(from: from, count: n)
            return n
        }
        p[0] = UInt8(ascii: "\"")
        var i = 1
        for b in utf8 {
            p[i] = b
            i += 1
            if b == UInt8(ascii: "\"") {
                p[i] = b
                i += 1
            }
        }
        p[i] = UInt8(ascii: "\"")
        return i + 1
    }
}
