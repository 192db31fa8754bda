/// The uptake table of the text and Markdown reports, built on two threads straight into bytes.
///
/// It writes exactly the bytes of ``TextTable/render(headers:rows:rightAligned:markdown:ascii:)``
/// on ``Report/textRowCells(_:metadata:markdown:withComparator:)`` (`StreamedTextReportTests`
/// compare them), without a `String` per cell where it can: a row whose partner, proxy
/// population and period labels are printable ASCII is written in bytes, its cells measured
/// by counting characters (each is one column: ASCII, and the em dash `—` that stands for
/// no value, `-` in ASCII). Any other row is built as strings and measured grapheme by
/// grapheme, as before.
///
/// Two passes over blocks of rows: the first makes every block's summaries (``summary``) and
/// their final cells (sanitised, escaped, in ASCII stand-ins when asked, cut to
/// ``TextTable/maximumTextCellWidth``) and its columns' widths; the second pads each block's
/// rows to the table's widths and hands them to the sink in order, releasing each block's
/// cells once written. The summaries are kept for the statements that follow the table
/// (``Summaries``) and for the headline before it: made with their block's cells, not in a pass of their own.
struct UptakeTextTable: Sendable {
    /// How many series (rows) there are.
    let count: Int
    /// Series `i`'s summary, made once for each row on either thread (``UptakeTable/Plan/summary(_:)``, or a
    /// table's row already made).
    let summary: @Sendable (Int) -> SeriesSummary
    /// Labels for the periods.
    let metadata: DatasetMetadata
    /// Column headers, as the report names them (before the ASCII fallback).
    let headers: [String]
    /// Markdown rather than aligned text.
    let markdown: Bool
    /// ASCII stand-ins for everything that is not ASCII.
    let ascii: Bool
    /// Whether the "Vs comparator" column is there.
    let withComparator: Bool

    /// Right-aligned columns: reached, change, relative change, reach.
    static let rightAlignedColumns: Set<Int> = [2, 5, 6, 10]
    /// Rows per block (about 300 KB of table).
    static let blockRows = 2048
    /// Rows below which everything runs on the calling thread.
    static let minimumRowsForThreads = 8192

    /// One block's final cells, one after another, with how long and how wide each is.
    struct Cells: Sendable {
        var bytes: [UInt8] = []
        /// Each cell's byte count and width in 16 bits (a quarter of the memory of two `Int`s: 125,000 rows of 13
        /// cells held until the table is written); ``long`` stands for 65,535 or more, kept in ``longLengths`` and
        /// ``longWidths`` by the cell's index (a name that long, which Markdown does not cut).
        var lengths: [UInt16] = []
        var widths: [UInt16] = []
        var longLengths: [Int: Int] = [:]
        var longWidths: [Int: Int] = [:]
        /// The widest cell of each column in this block.
        var columnWidths: [Int]
        /// Where the cell being written starts.
        var cellStart = 0
        /// The column of the cell being written.
        var column = 0

        init(columns: Int) { columnWidths = Array(repeating: 0, count: columns) }

        /// Stands for a byte count or width of 65,535 or more.
        static let long = UInt16.max

        /// How many cells.
        var count: Int { lengths.count }

        /// Appends the next cell's byte count and width.
        mutating func append(length: Int, width: Int) {
            let k = lengths.count
            if length < Int(Self.long) { lengths.append(UInt16(truncatingIfNeeded: length)) } else {
                lengths.append(Self.long)
                longLengths[k] = length
            }
            if width < Int(Self.long) { widths.append(UInt16(truncatingIfNeeded: width)) } else {
                widths.append(Self.long)
                longWidths[k] = width
            }
        }

        /// Cell `k`'s byte count, `stored` being `lengths[k]`.
        @inline(__always) func length(_ k: Int, _ stored: UInt16) -> Int { stored == Self.long ? longLengths[k] ?? 0 : Int(stored) }
        /// Cell `k`'s width, `stored` being `widths[k]`.
        @inline(__always) func width(_ k: Int, _ stored: UInt16) -> Int { stored == Self.long ? longWidths[k] ?? 0 : Int(stored) }
    }

    /// A block handed from the first pass to the second: its cells, emptied once written, and its summaries.
    final class Slot: @unchecked Sendable {
        var cells: Cells?
        let summaries: [SeriesSummary]
        init(_ made: (cells: Cells, summaries: [SeriesSummary])) {
            cells = made.cells
            summaries = made.summaries
        }
    }

    /// The summaries the table was made from, by row, in the blocks they were made in.
    struct Summaries: Sendable {
        /// Rows per block (every block but the last is full).
        let blockSize: Int
        let blocks: [[SeriesSummary]]
        /// How many rows.
        let count: Int

        /// Row `i`'s summary.
        subscript(i: Int) -> SeriesSummary { blocks[i / blockSize][i % blockSize] }

        /// Whether any row's partner has several series.
        var anyPartnerHasSeveralSeries: Bool { blocks.contains { $0.contains(where: \.partnerHasSeveralSeries) } }

        /// The headline's counts (``UptakeTable/counts``), blocks on two threads for a large table.
        var counts: UptakeTable.Counts {
            let blocks = blocks
            return parallelMap(count: blocks.count, minimumForThreads: count >= UptakeTextTable.minimumRowsForThreads ? 2 : Int.max) {
                UptakeTable.counts(of: blocks[$0])
            }.reduce(into: UptakeTable.Counts()) { $0.add($1) }
        }
    }

    /// The first pass's blocks, made by ``make()`` and written by ``write(_:_:)``.
    struct Blocks: Sendable {
        fileprivate let slots: [Slot]
        /// The rows' summaries.
        let summaries: Summaries
    }

    /// The first pass: every block's summaries and cells, on two threads for a large table. Nothing is written.
    func make() -> Blocks {
        let size = Self.blockRows
        let blockCount = (count + size - 1) / size
        let slots = parallelMap(count: blockCount, minimumForThreads: count >= Self.minimumRowsForThreads ? 2 : Int.max) { b in
            Slot(makeCells(b * size..<min((b + 1) * size, count)))
        }
        return Blocks(slots: slots, summaries: Summaries(blockSize: size, blocks: slots.map(\.summaries), count: count))
    }

    /// The second pass: writes the table (headers, rule and rows) of `blocks` to `sink` in pieces, through the document
    /// choke point, releasing each block's cells once written.
    func write(_ blocks: Blocks, _ sink: @Sendable ([UInt8]) -> Void) {
        let columns = headers.count
        let size = Self.blockRows
        let slots = blocks.slots
        let shownHeaders = ascii ? headers.map(TerminalText.asciiFallback) : headers
        var widths = shownHeaders.map { TerminalText.width($0) }
        for slot in slots {
            guard let cells = slot.cells else { continue }
            for c in 0..<columns { widths[c] = max(widths[c], cells.columnWidths[c]) }
        }
        let rightAligned = (0..<columns).map { Self.rightAlignedColumns.contains($0) }
        let head = TextTable.line(shownHeaders, widths: widths, rightAligned: rightAligned, markdown: markdown)
            + TextTable.rule(widths: widths, rightAligned: rightAligned, markdown: markdown)
        sink(TerminalText.sanitizeDocument(bytes: Array(head.utf8)))
        let finalWidths = widths
        streamInOrder(count: count, blockSize: size, minimumForThreads: count >= Self.minimumRowsForThreads ? 0 : Int.max) { range in
            let slot = slots[range.lowerBound / size]
            guard let cells = slot.cells else { return [] }
            slot.cells = nil
            return TerminalText.sanitizeDocument(bytes: padRows(cells, widths: finalWidths, rightAligned: rightAligned))
        } sink: { sink($0) }
    }

    // MARK: - First pass: cells

    /// The summaries of `range`'s rows and their final cells.
    func makeCells(_ range: Range<Int>) -> (cells: Cells, summaries: [SeriesSummary]) {
        let rows = range.map(summary)
        var c = Cells(columns: headers.count)
        c.bytes.reserveCapacity(180 * range.count)
        c.lengths.reserveCapacity(headers.count * range.count)
        c.widths.reserveCapacity(headers.count * range.count)
        var labels: [Int32: [UInt8]?] = [:]
        var scratch = RowScratch(columns: headers.count)
        defer { scratch.deallocate() }
        for r in rows where !writeFastRow(r, into: &c, labels: &labels, scratch: &scratch) { writeGeneralRow(r, into: &c) }
        return (c, rows)
    }

    /// Memory a fast row is written in before it is appended whole (grown for rows with long names), and each
    /// cell's end and width in it.
    struct RowScratch {
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private(set) var capacity: Int
        let ends: UnsafeMutablePointer<Int>, widths: UnsafeMutablePointer<Int>
        /// The row's cells' byte counts and widths as a block stores them, to be appended at once.
        let lengths16: UnsafeMutablePointer<UInt16>, widths16: UnsafeMutablePointer<UInt16>

        init(columns: Int) {
            capacity = 4096
            bytes = .allocate(capacity: capacity)
            ends = .allocate(capacity: columns)
            widths = .allocate(capacity: columns)
            lengths16 = .allocate(capacity: columns)
            widths16 = .allocate(capacity: columns)
        }

        /// Room for `n` bytes (what was written is not kept: called before a row).
        mutating func reserve(_ n: Int) {
            guard n > capacity else { return }
            bytes.deallocate()
            capacity = n
            bytes = .allocate(capacity: n)
        }

        func deallocate() {
            bytes.deallocate()
            ends.deallocate()
            widths.deallocate()
            lengths16.deallocate()
            widths16.deallocate()
        }
    }

    /// Writes one fast row's cells into a ``RowScratch`` through a pointer: each value at once, no
    /// array append per byte or per cell.
    private struct RowWriter {
        let p: UnsafeMutablePointer<UInt8>
        let ends: UnsafeMutablePointer<Int>, widths: UnsafeMutablePointer<Int>
        let ascii: Bool, markdown: Bool
        var n = 0
        var cells = 0
        private var cellStart = 0
        /// Em dashes in the cell being written: three bytes, one column.
        private var dashes = 0

        init(_ scratch: RowScratch, ascii: Bool, markdown: Bool) {
            p = scratch.bytes
            ends = scratch.ends
            widths = scratch.widths
            self.ascii = ascii
            self.markdown = markdown
        }

        /// Text the report itself writes (ASCII, never escaped).
        @inline(__always)
        mutating func text(_ s: StaticString) {
            (p + n).initialize(from: s.utf8Start, count: s.utf8CodeUnitCount)
            n += s.utf8CodeUnitCount
        }

        /// A label the report writes (ASCII, never escaped).
        @inline(__always)
        mutating func text(_ s: String) {
            n += s.withUTF8Bytes { b in
                guard let base = b.baseAddress else { return 0 }
                (p + n).initialize(from: base, count: b.count)
                return b.count
            }
        }

        /// Bytes as they are (a label already escaped).
        @inline(__always)
        mutating func bytes(_ b: [UInt8]) {
            b.withUnsafeBufferPointer { if let base = $0.baseAddress { (p + n).initialize(from: base, count: $0.count) } }
            n += b.count
        }

        /// A name: printable ASCII, escaped for Markdown.
        @inline(__always)
        mutating func name(_ s: String) {
            s.withUTF8Bytes { n += ByteFormat.writeText($0, markdown: markdown, to: p + n) }
        }

        /// The em dash that stands for no value (`-` in ASCII).
        @inline(__always)
        mutating func dash() {
            if ascii {
                p[n] = UInt8(ascii: "-")
                n += 1
            } else {
                p[n] = 0xE2; p[n + 1] = 0x80; p[n + 2] = 0x94
                n += 3
                dashes += 1
            }
        }

        @inline(__always)
        mutating func grouped(_ v: Int) { n += ByteFormat.writeGrouped(v, to: p + n) }

        @inline(__always)
        mutating func fixed(_ v: Double, _ decimals: Int) {
            guard v.isFinite else { return }
            if let k = ByteFormat.writeFixed(v, decimals, to: p + n) { n += k } else { bytes(ByteFormat.fixedOutOfRange(v)) }
        }

        @inline(__always)
        mutating func signed(_ v: Double, _ decimals: Int) {
            guard v.isFinite else { return }
            if let k = ByteFormat.writeSigned(v, decimals, to: p + n) { n += k } else { bytes(ByteFormat.signedOutOfRange(v)) }
        }

        /// Ends a cell: one column per byte, but one for an em dash's three.
        @inline(__always)
        mutating func endCell() {
            ends[cells] = n
            widths[cells] = n - cellStart - 2 * dashes
            cells += 1
            cellStart = n
            dashes = 0
        }
    }

    /// A period's label as the table shows it, when it is printable ASCII (escaped for Markdown); nil otherwise.
    private func asciiLabel(_ period: Period, _ labels: inout [Int32: [UInt8]?]) -> [UInt8]? {
        if let known = labels[period.key] { return known }
        let label = metadata.label(for: period)
        var made: [UInt8]?
        if ByteFormat.isPrintableASCII(label) {
            var b: [UInt8] = []
            ByteFormat.appendText(label, markdown: markdown, to: &b)
            made = b
        }
        labels[period.key] = made
        return made
    }

    /// Writes `r`'s cells in bytes and returns true, or writes nothing and returns false when its names or
    /// period labels are not printable ASCII, or a cell is wider than ``TextTable/maximumTextCellWidth`` in text
    /// (the general row cuts it, as ``TextTable`` does).
    private func writeFastRow(_ r: SeriesSummary, into c: inout Cells, labels: inout [Int32: [UInt8]?],
                              scratch: inout RowScratch) -> Bool {
        let partner = r.series.partner, proxy = r.series.proxyPopulation
        guard ByteFormat.isPrintableASCII(partner), ByteFormat.isPrintableASCII(proxy) else { return false }
        var startLabel: [UInt8]?, endLabel: [UInt8]?
        if let p = r.start {
            guard let l = asciiLabel(p.period, &labels) else { return false }
            startLabel = l
        }
        if let p = r.end {
            guard let l = asciiLabel(p.period, &labels) else { return false }
            endLabel = l
        }
        // Every name byte escaped, both labels, and the rest: 13 cells of numbers and the table's own words.
        scratch.reserve(2 * (partner.utf8.count + proxy.utf8.count) + (startLabel?.count ?? 0) + (endLabel?.count ?? 0) + Self.fastRowRoom)
        var w = RowWriter(scratch, ascii: ascii, markdown: markdown)
        w.name(partner)
        w.endCell()
        w.name(proxy)
        w.endCell()
        if let n = r.attributedReached { w.grouped(n) } else { w.dash() }
        w.endCell()
        point(r.start, startLabel, &w)
        point(r.end, endLabel, &w)
        if let v = r.changePP { w.signed(v, 1); w.text(" pp") } else { w.dash() }
        w.endCell()
        if let v = r.changeRelPct { w.signed(v, 1); w.text("%") } else { w.dash() }
        w.endCell()
        if let ci = r.changeInterval {
            w.signed(ci.lower, 1)
            w.text(" to ")
            w.signed(ci.upper, 1)
        } else {
            w.dash()
        }
        w.endCell()
        if let s = r.isSignificant { w.text(s ? "yes" : "no") } else { w.dash() }
        w.endCell()
        w.text(r.trend.marker.label)
        w.endCell()
        if let v = r.reachPct { w.fixed(v, 1); w.text("%") } else { w.dash() }
        w.endCell()
        if let rep = r.attributedReportedChangePct {
            w.signed(rep, r.attributedReportedChangeDecimals ?? 2)
            w.text("%")
            switch r.reportedCheck?.verdict {
            case .exact?: w.text(" (matches)")
            case .withinRounding?: w.text(" (only via rounding)")
            case .inconsistent?: w.text(" (INCONSISTENT)")
            case .undefined?: w.text(" (cannot check: start 0%)")
            case nil: break
            }
        } else {
            w.dash()
        }
        w.endCell()
        if let b = r.benchmark { w.text(b.label) } else { w.dash() }
        w.endCell()
        if withComparator {
            switch r.comparison {
            case .compared(let x):
                w.signed(x.difference.difference, 1)
                w.text(" (")
                w.signed(x.difference.lower, 1)
                w.text(" to ")
                w.signed(x.difference.upper, 1)
                w.text(")")
            case .isComparator: w.text("(comparator)")
            case .unavailable, .noneGiven: w.dash()
            }
            w.endCell()
        }
        if !markdown {
            for k in 0..<w.cells where scratch.widths[k] > TextTable.maximumTextCellWidth { return false }
        }
        c.bytes.append(contentsOf: UnsafeBufferPointer(start: scratch.bytes, count: w.n))
        // Each array appended to once a row, not once a cell (an append checks the array's uniqueness and room), unless
        // a cell is 65,535 bytes or columns or more.
        var start = 0, short = true
        for k in 0..<w.cells {
            let length = scratch.ends[k] - start, width = scratch.widths[k]
            short = short && length < Int(Cells.long) && width < Int(Cells.long)
            scratch.lengths16[k] = UInt16(truncatingIfNeeded: length)
            scratch.widths16[k] = UInt16(truncatingIfNeeded: width)
            start = scratch.ends[k]
        }
        if short {
            c.lengths.append(contentsOf: UnsafeBufferPointer(start: scratch.lengths16, count: w.cells))
            c.widths.append(contentsOf: UnsafeBufferPointer(start: scratch.widths16, count: w.cells))
        } else {
            start = 0
            for k in 0..<w.cells {
                c.append(length: scratch.ends[k] - start, width: scratch.widths[k])
                start = scratch.ends[k]
            }
        }
        c.columnWidths.withUnsafeMutableBufferPointer { widest in
            for k in 0..<w.cells { widest[k] = max(widest[k], scratch.widths[k]) }
        }
        c.cellStart = c.bytes.count
        return true
    }

    /// Room a fast row takes beyond its names and labels: its numbers at their widest (``ByteFormat/maximumSignedBytes``
    /// a number, ``ByteFormat/maximumGroupedBytes`` a count) and the table's own words, with room to spare.
    static let fastRowRoom = 1024

    /// "59.0% of 1,712 (Dec 2023)", or the dash for no period.
    private func point(_ p: SeriesSummary.Point?, _ label: [UInt8]?, _ w: inout RowWriter) {
        if let p {
            if let u = p.uptakePct { w.fixed(u, 1); w.text("%") } else { w.dash() }
            w.text(" of ")
            w.grouped(p.eligible)
            w.text(" (")
            if let label { w.bytes(label) }
            w.text(")")
        } else {
            w.dash()
        }
        w.endCell()
    }

    /// A text cell cut to ``TextTable/maximumTextCellWidth`` columns, as ``TextTable`` cuts it.
    private func fitted(_ cell: String) -> String {
        TerminalText.truncate(cell, toWidth: TextTable.maximumTextCellWidth, ellipsis: ascii ? "~" : "…")
    }

    @inline(__always)
    private func record(_ width: Int, _ c: inout Cells) {
        c.append(length: c.bytes.count - c.cellStart, width: width)
        c.columnWidths[c.column] = max(c.columnWidths[c.column], width)
        c.cellStart = c.bytes.count
        c.column = c.column + 1 == headers.count ? 0 : c.column + 1
    }

    /// Writes `r`'s cells built as strings, converted, cut and measured as ``TextTable`` does.
    private func writeGeneralRow(_ r: SeriesSummary, into c: inout Cells) {
        for cell in Report.textRowCells(r, metadata: metadata, markdown: markdown, withComparator: withComparator) {
            let shown = ascii ? TerminalText.asciiFallback(cell) : cell
            let fit = !markdown && TerminalText.width(shown) > TextTable.maximumTextCellWidth ? fitted(shown) : shown
            c.bytes.append(contentsOf: fit.utf8)
            record(TerminalText.width(fit), &c)
        }
    }

    // MARK: - Second pass: rows

    /// The block's rows, each cell padded to its column's width: between bars in Markdown; in
    /// text two spaces apart, trailing spaces cut (``TextTable/line(_:widths:rightAligned:markdown:)``).
    func padRows(_ c: Cells, widths: [Int], rightAligned: [Bool]) -> [UInt8] {
        let columns = headers.count
        let rowCount = c.count / max(columns, 1)
        // Every cell's bytes, each padded by at most its column's width, and the bars or gaps:
        // the most the rows can take, so the stores below need no check.
        let room = c.bytes.count + rowCount * (widths.reduce(0, +) + 3 * columns + 4) + 64
        return [UInt8](unsafeUninitializedCapacity: room) { out, written in
            guard let o = out.baseAddress else { return }
            c.bytes.withUnsafeBufferPointer { cellBytes in
                c.lengths.withUnsafeBufferPointer { lengths in
                    c.widths.withUnsafeBufferPointer { cellWidths in
                        var n = 0, k = 0, start = 0
                        @inline(__always) func put(_ b: UInt8) { o[n] = b; n += 1 }
                        @inline(__always) func spaces(_ count: Int) {
                            guard count > 0 else { return }
                            (o + n).initialize(repeating: 0x20, count: count)
                            n += count
                        }
                        @inline(__always) func cell(_ from: Int, _ to: Int) {
                            guard to > from, let base = cellBytes.baseAddress else { return }
                            (o + n).initialize(from: base + from, count: to - from)
                            n += to - from
                        }
                        for _ in 0..<rowCount {
                            let lineStart = n
                            if markdown { put(UInt8(ascii: "|")); put(0x20) }
                            for col in 0..<columns {
                                if col > 0 {
                                    if markdown { put(0x20); put(UInt8(ascii: "|")); put(0x20) } else { put(0x20); put(0x20) }
                                }
                                let end = start + c.length(k, lengths[k])
                                let gap = widths[col] - c.width(k, cellWidths[k])
                                if rightAligned[col] {
                                    spaces(gap)
                                    cell(start, end)
                                } else {
                                    cell(start, end)
                                    spaces(gap)
                                }
                                start = end
                                k += 1
                            }
                            if markdown {
                                put(0x20); put(UInt8(ascii: "|"))
                            } else {
                                n = Self.cutTrailingSpaces(o, lineStart: lineStart, end: n)
                            }
                            put(10)
                        }
                        written = n
                    }
                }
            }
        }
    }

    /// Cuts the trailing spaces of the line that starts at `lineStart`, as `TextTable` does with
    /// `hasSuffix(" ")`: byte by byte when the character before them is ASCII or the em dash
    /// (each space is then a character of its own); otherwise grapheme by grapheme, because a
    /// space can belong to the character before it (a prepended concatenation mark, U+0600).
    private static func cutTrailingSpaces(_ o: UnsafeMutablePointer<UInt8>, lineStart: Int, end: Int) -> Int {
        var e = end
        while e > lineStart && o[e - 1] == 0x20 { e -= 1 }
        guard e < end else { return end }
        let simple = e == lineStart || o[e - 1] < 0x80
            || (e - lineStart >= 3 && o[e - 3] == 0xE2 && o[e - 2] == 0x80 && o[e - 1] == 0x94)
        if simple { return e }
        var l = String(decoding: UnsafeBufferPointer(start: o + lineStart, count: end - lineStart), as: UTF8.self)
        while l.hasSuffix(" ") { l.removeLast() }
        // Never longer than the line it came from (only spaces are removed), so it fits where the line was.
        var n = lineStart
        for b in l.utf8 {
            o[n] = b
            n += 1
        }
        return n
    }
}
