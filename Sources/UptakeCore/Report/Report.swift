/// The output formats of `uptake report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned plain text for a terminal (data sanitised).
    case text
    /// Markdown tables for minutes (data sanitised).
    case markdown
    /// The uptake table as CSV (data kept exactly).
    case csv
    /// Everything as JSON (data kept exactly, escaped).
    case json
    /// A before/after (dumbbell) chart of every series as SVG (data escaped).
    case svg
    /// One self-contained, accessible HTML page (data escaped).
    case html
}

/// Renders a dataset's uptake table, indicators and diagnostics in one of the ``ReportFormat``s.
public struct Report: Sendable {
    /// The dataset.
    public let dataset: Dataset
    /// Its uptake table.
    public let table: UptakeTable
    /// SII and RII for each deprivation group (empty without `uptake_by_deprivation.csv`).
    public let inequality: InequalityTable

    /// The CSV columns, in the order the contract fixes (more may follow).
    public static let csvColumns = [
        "partner", "proxy_population", "programme", "reached", "period_start", "eligible_start", "uptake_start_pct",
        "period_end", "eligible_end", "uptake_end_pct", "change_pp", "change_rel_pct", "change_ci_low_pp",
        "change_ci_high_pp", "significant", "reach_pct", "reported_change_pct", "reported_consistent", "benchmark",
        "uptake_start_ci_low_pct", "uptake_start_ci_high_pct", "uptake_end_ci_low_pct", "uptake_end_ci_high_pct", "periods",
        // Added by issue 9, after the existing columns (docs/data-format.md, "Report columns").
        "comparator", "comparator_change_pp", "did_pp", "did_ci_low_pp", "did_ci_high_pp", "did_excludes_zero",
        "trend", "trend_reason", "trend_chi2", "uptake_start_exact", "uptake_end_exact",
    ]

    /// Summarises `dataset` for reporting.
    public init(dataset: Dataset) {
        self.init(dataset: dataset, table: UptakeTable(dataset: dataset), inequality: InequalityTable(dataset: dataset))
    }

    /// A report of `dataset` with its tables already made.
    init(dataset: Dataset, table: UptakeTable, inequality: InequalityTable) {
        self.dataset = dataset
        self.table = table
        self.inequality = inequality
    }

    /// The report as text in `format`.
    ///
    /// With `ascii`, the text and Markdown formats are drawn in ASCII stand-ins
    /// (`TerminalText.asciiFallback`: `→` is `->`, `£` is `GBP `, `—` is `-`),
    /// laid out after conversion so tables stay aligned; CSV and JSON keep the
    /// data exactly whatever the locale, because they are for programs.
    public func render(_ format: ReportFormat, ascii: Bool = false) -> String {
        switch format {
        case .csv: return csv()
        case .json: return json()
        // The choke point for terminal-bound reports: whatever a field forgot, no control,
        // C1, bidi or line-separator scalar leaves here (line feeds stay).
        case .text: return String(decoding: textBytes(markdown: false, ascii: ascii), as: UTF8.self)
        case .markdown: return String(decoding: textBytes(markdown: true, ascii: ascii), as: UTF8.self)
        case .svg: return SVGChart(table: table, metadata: dataset.metadata).svg()
        case .html: return HTMLReport(report: self).page()
        }
    }

    // MARK: - CSV

    /// The uptake table as CSV, one row per series.
    public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

    /// The uptake table as CSV bytes (the pieces ``writeCSV(_:)`` writes, joined).
    public func csvBytes() -> [UInt8] {
        let out = ResultBox<[UInt8]>([])
        out.value.reserveCapacity(200 * (table.rows.count + 1))
        writeCSV { out.value.append(contentsOf: $0) }
        return out.value
    }

    /// Streams the CSV report to `sink` in order (``streamCSV(count:_:summary:)``, as `uptake report --format csv`
    /// writes it from the dataset), from this report's table. `sink` is called on one thread at a time.
    public func writeCSV(_ sink: @Sendable ([UInt8]) -> Void) {
        let rows = table.rows
        Self.streamCSV(count: rows.count, sink) { rows[$0] }
    }

    // MARK: - JSON

    /// Everything as JSON: dataset, per-series summaries with every period's interval, indicators, diagnostics.
    public func json() -> String {
        let out = ResultBox<[UInt8]>([])
        writeJSON { out.value.append(contentsOf: $0) }
        return String(decoding: out.value, as: UTF8.self)
    }

    /// Series per block of the streamed JSON report (made in four pieces of 64 series: about 270 KB of JSON a piece at
    /// eight periods a series).
    static let jsonBlockSeries = 256

    /// Streams the JSON report to `sink` in pieces of 64 series, so a million periods never sit in memory as text.
    ///
    /// The series, nearly all of it, are written by ``JSONSeriesWriter`` in pieces on two threads
    /// (``streamInOrder``), each handed over in order as soon as those before it are, while the next are made; the rest, before
    /// and after them, through ``JSONWriter``. `sink` is called on one thread at a time.
    public func writeJSON(_ sink: @Sendable ([UInt8]) -> Void) {
        let rows = table.rows
        let literals = PeriodLiterals.Shared(metadata: dataset.metadata, series: rows.prefix(Self.jsonBlockSeries).lazy.map(\.series))
        writeJSON(counts: table.counts, seriesCount: rows.count, sink) { range in JSONSeriesWriter.block(self, range, literals: literals) }
    }

    /// The JSON report of `dataset`, the same bytes as `Report(dataset:).writeJSON(_:)`, without holding every
    /// series' summary: the headline's counts are made first from each series' two ends (``UptakeTable/Plan/counts()``),
    /// then each block's summaries are made as the block is written, and dropped with it. This is
    /// `uptake report --format json`: a million rows never hold all 125,000 summaries (about 40 MB) at once.
    public static func writeJSON(dataset: Dataset, _ sink: @Sendable ([UInt8]) -> Void) {
        fromPlan(dataset) { plan, report in
            let literals = PeriodLiterals.Shared(metadata: dataset.metadata, series: dataset.series.prefix(jsonBlockSeries))
            report.writeJSON(counts: plan.counts(), seriesCount: plan.count, sink) { range in
                JSONSeriesWriter.block(report, range, literals: literals) { plan.summary($0) }
            }
        }
    }

    /// `dataset`'s plan (``UptakeTable/Plan``) and a report without its table (the parts before and after the series
    /// read the dataset and the inequality table only) handed to `write`, which summarises the series from the plan as
    /// it writes them: the JSON, text and Markdown reports of `uptake report`. The phases are marked, and the plan freed
    /// on another thread afterwards (as the CSV report's).
    private static func fromPlan(_ dataset: Dataset, _ write: (UptakeTable.Plan, Report) -> Void) {
        let plan = UptakeTable.Plan(dataset: dataset)
        PhaseMarks.mark("report planned")
        write(plan, Report(dataset: dataset, table: UptakeTable(rows: []), inequality: InequalityTable(dataset: dataset)))
        PhaseMarks.mark("report written")
        releaseInBackground(plan)
    }

    /// The JSON report with the headline's `counts` of `seriesCount` series, the series' items made by `block` a range at a time.
    private func writeJSON(counts: UptakeTable.Counts, seriesCount: Int, _ sink: @Sendable ([UInt8]) -> Void,
                           block: @Sendable (Range<Int>) -> [UInt8]) {
        var j = JSONWriter(capacity: 1 << 16)
        writeJSONHead(&j, counts: counts, seriesCount: seriesCount)
        sink(j.drain())
        streamInOrder(count: seriesCount, blockSize: Self.jsonBlockSeries, minimumForThreads: 2 * Self.jsonBlockSeries,
                      piecesPerBlock: 4, make: block) { sink($0) }
        j.resume(afterItems: seriesCount > 0)
        writeJSONTail(&j)
        sink(j.drain() + [10])
    }

    /// The JSON report up to its series: the document opened, `dataset`, `headline`, and the
    /// `series` array opened (its items are ``JSONSeriesWriter``'s).
    func writeJSONHead(_ j: inout JSONWriter) { writeJSONHead(&j, counts: table.counts, seriesCount: table.rows.count) }

    /// The same with the headline's `counts` of `seriesCount` series given.
    func writeJSONHead(_ j: inout JSONWriter, counts c: UptakeTable.Counts, seriesCount: Int) {
        let m = dataset.metadata
        j.beginObject()
        j.beginObject("dataset")
        j.string("title", m.title)
        j.string("area", m.area)
        j.string("programme", m.programme)
        j.string("origin", dataset.origin)
        j.string("source", m.source)
        j.string("description", m.description)
        j.string("evaluation", m.evaluation)
        j.string("note", m.note)
        if let f = m.funding {
            j.beginObject("funding")
            j.integer("partners", f.partners)
            j.number("min_gbp", f.minGBP, decimals: 2)
            j.number("max_gbp", f.maxGBP, decimals: 2)
            j.number("total_gbp", f.totalGBP, decimals: 2)
            j.string("source", f.source)
            j.endObject()
        }
        j.endObject()
        j.beginObject("headline")
        j.integer("series", seriesCount)
        j.integer("improved", c.improved)
        j.integer("worse", c.worse)
        j.integer("significant", c.significant)
        j.integer("intervals", c.intervals)
        j.integer("intervals_excluding_no_change", c.significant)
        j.number("expected_by_chance", c.expectedByChance)
        j.string("text", UptakeTable.headline(c, seriesCount: seriesCount))
        j.endObject()
        j.beginArray("series")
    }

    /// The JSON report after its series' items: the `series` array closed, `indicators`,
    /// `inequality`, `files`, `diagnostics`, and the document closed (the final line feed is the caller's).
    func writeJSONTail(_ j: inout JSONWriter) {
        j.endArray()
        j.beginArray("indicators")
        for ind in dataset.indicators {
            j.beginObject()
            j.string("id", ind.id)
            j.string("title", ind.title)
            j.string("place", ind.place)
            j.string("category", ind.category)
            j.string("unit", ind.unit)
            j.string("year", ind.year)
            j.beginArray("groups")
            for g in ind.groups {
                j.beginObject()
                j.string("group", g.name)
                j.number("value", g.value)
                j.string("measure", g.measure.rawValue)
                j.string("role", g.role?.rawValue)
                j.string("qualifier", g.qualifier)
                j.string("as_stated", g.asStated)
                j.endObject()
            }
            j.endArray()
            let cmp = ind.computedComparison
            j.number("gap", cmp?.gap)
            j.number("ratio", cmp?.ratio)
            j.string("source", ind.source)
            j.string("caveats", ind.caveats)
            j.endObject()
        }
        j.endArray()
        writeInequalityJSON(&j)
        j.beginArray("files")
        for s in dataset.fileSummaries {
            j.beginObject()
            j.string("file", s.file)
            j.bool("present", s.present)
            j.integer("read", s.read)
            j.integer("accepted", s.accepted)
            j.integer("rejected", s.rejected)
            j.endObject()
        }
        j.endArray()
        j.beginArray("diagnostics")
        for d in dataset.diagnostics {
            j.beginObject()
            j.string("file", d.file)
            j.integer("line", d.line)
            j.integer("column", d.column)
            j.string("severity", d.severity.rawValue)
            j.string("message", d.message)
            j.string("value", d.value)
            j.endObject()
        }
        j.endArray()
        j.endObject()
    }

    // MARK: - Text and Markdown

    /// The comparator cell of the text table: "+4.8 (+1.5 to +8.1)", "comparator", or "—".
    static func comparatorCell(_ r: SeriesSummary) -> String {
        switch r.comparison {
        case .compared(let c):
            return NumberFormat.signed(c.difference.difference, 1) + " (" + NumberFormat.signed(c.difference.lower, 1)
                + " to " + NumberFormat.signed(c.difference.upper, 1) + ")"
        case .isComparator: return "(comparator)"
        case .unavailable, .noneGiven: return "—"
        }
    }

    /// The text or Markdown report as bytes (the pieces ``writeText(markdown:ascii:_:)`` writes, joined).
    func textBytes(markdown: Bool, ascii: Bool) -> [UInt8] {
        let out = ResultBox<[UInt8]>([])
        writeText(markdown: markdown, ascii: ascii) { out.value.append(contentsOf: $0) }
        return out.value
    }

    /// Streams the text (or, with `markdown`, the Markdown) report to `sink` in pieces, from this report's table
    /// (the same bytes as ``writeText(dataset:markdown:ascii:_:)``).
    public func writeText(markdown: Bool, ascii: Bool, _ sink: @Sendable ([UInt8]) -> Void) {
        let rows = table.rows
        writeText(markdown: markdown, ascii: ascii, count: rows.count, sink) { rows[$0] }
    }

    /// The text (or Markdown) report of `dataset`, the same bytes as `Report(dataset:).writeText(markdown:ascii:_:)`,
    /// with each series summarised as its row of the uptake table is made (``UptakeTextTable``) instead of every
    /// series first and then every row: `uptake report --format text` and `markdown`.
    public static func writeText(dataset: Dataset, markdown: Bool, ascii: Bool, _ sink: @Sendable ([UInt8]) -> Void) {
        fromPlan(dataset) { plan, report in
            report.writeText(markdown: markdown, ascii: ascii, count: plan.count, sink) { plan.summary($0) }
        }
    }

    /// The text or Markdown report of `count` series whose summaries `summary` makes (once each, on either thread).
    ///
    /// The small parts are built as strings, as before; the two parts with a line per series
    /// (the uptake table and the statements) are made in blocks on two threads straight into
    /// bytes (``UptakeTextTable``, ``statementLines(_:rows:markdown:ascii:)``) and written in order,
    /// so the report is never held whole. The table's first pass (every row's summary and cells) comes before
    /// anything is written, so the headline is counted from those summaries. Every piece passes
    /// ``TerminalText/sanitizeDocument(bytes:)``, the choke point of terminal-bound reports. `sink` is called on one
    /// thread at a time.
    private func writeText(markdown: Bool, ascii: Bool, count: Int, _ sink: @Sendable ([UInt8]) -> Void,
                           summary: @escaping @Sendable (Int) -> SeriesSummary) {
        let m = dataset.metadata
        var headers = ["Partner", "Proxy population", "Reached", "Start", "Latest", "Change", "Relative", "95% interval (pp)", "Excludes no change", "Trend", "Reach", "Reported", "Benchmark"]
        // With a comparator, the difference in differences gets its own column (after the fixed ones).
        let withComparator = !m.comparators.isEmpty
        if withComparator { headers.append("Vs comparator (pp, 95% interval)") }
        let uptakeTable = UptakeTextTable(count: count, summary: summary, metadata: m, headers: headers, markdown: markdown,
                                          ascii: ascii, withComparator: withComparator)
        let blocks = uptakeTable.make()
        // Data made safe for a terminal and, in Markdown, unable to change the formatting.
        func safe(_ s: String) -> String {
            let t = TerminalText.sanitize(s)
            return markdown ? t.markdownEscaped : t
        }
        var out = ""
        // The text so far, through the document choke point.
        func flush() {
            guard !out.isEmpty else { return }
            sink(TerminalText.sanitizeDocument(bytes: Array(out.utf8)))
            out = ""
        }
        func line(_ s: String = "") { out += (ascii ? TerminalText.asciiFallback(s) : s) + "\n" }
        func heading(_ s: String) {
            let s = ascii ? TerminalText.asciiFallback(s) : s
            line(markdown ? "## " + s : s.uppercased())
            if !markdown { line(String(repeating: "=", count: TerminalText.width(s))) }
            line()
        }
        let title = safe(m.title) + (m.area.map { " — " + safe($0) } ?? "")
        line(markdown ? "# " + title : title)
        line()
        var facts: [String] = []
        if let p = m.programme { facts.append("Programme: " + safe(p)) }
        if let f = m.funding {
            var s = ""
            if let n = f.partners { s += NumberFormat.count(n, "VCS partner") + " funded" }
            if let lo = f.minGBP, let hi = f.maxGBP { s += (s.isEmpty ? "Funding " : ", ") + "\(NumberFormat.pounds(lo)) to \(NumberFormat.pounds(hi)) each" }
            if let t = f.totalGBP { s += (s.isEmpty ? "Funding " : ", ") + "\(NumberFormat.pounds(t)) in total" }
            if !s.isEmpty { facts.append(s) }
        }
        facts.append("Data: " + safe(dataset.origin))
        facts.append(UptakeTable.headline(blocks.summaries.counts, seriesCount: count))
        for f in facts { line(markdown ? "- " + f : f) }
        line()
        if let d = m.description { line(safe(d)); line() }
        if let e = m.evaluation { line((markdown ? "**Evaluation:** " : "Evaluation: ") + safe(e)); line() }

        heading("Uptake by partner and proxy population")
        flush()
        uptakeTable.write(blocks, sink)
        line()
        flush()
        streamInOrder(count: count, blockSize: Self.statementBlockSeries, minimumForThreads: 2 * Self.statementBlockSeries,
                      piecesPerBlock: 4) { range in
            statementLines(range, rows: blocks.summaries, markdown: markdown, ascii: ascii)
        } sink: { sink($0) }
        let severalSeries = blocks.summaries.anyPartnerHasSeveralSeries
        // The summaries (125,000 objects at a million rows) freed on another thread while the rest is written.
        releaseInBackground(blocks)
        line()
        if severalSeries {
            line((markdown ? "_" : "") + "Reached, reach and the partner's published change are shown only for a partner with one series: partners.csv gives one figure per partner, which cannot be divided between its proxy populations." + (markdown ? "_" : ""))
            line()
        }
        line((markdown ? "_" : "") + "Intervals are 95% Wilson score intervals per period; the change interval is Newcombe's hybrid score method and is indicative only: it treats the two dates as independent samples, but they are largely the same people. \"Excludes no change\" means that interval lies wholly above or below zero. Trend is the Fingertips recent-trend marker (latest five annual periods with counts, chi-squared test for trend at the 99.8% level). Methods: docs/statistics.md." + (markdown ? "_" : ""))
        if withComparator {
            line((markdown ? "_" : "") + "\"Vs comparator\" is the difference in differences: the partner's change minus the comparator's over the same two dates, with a MOVER interval that assumes the two changes are independent (indicative)." + (markdown ? "_" : ""))
        }
        if let note = m.note { line((markdown ? "_Note: " : "Note: ") + safe(note) + (markdown ? "_" : "")) }
        if !m.benchmarks.isEmpty {
            let parts = ScreeningProgramme.allCases.compactMap { p -> String? in
                guard let b = m.benchmarks[p] else { return nil }
                var s = "\(p.rawValue) acceptable ≥\(NumberFormat.trimmed(NumberFormat.fixed(b.thresholds.acceptable, 1)))%"
                if let a = b.thresholds.achievable { s += ", achievable ≥\(NumberFormat.trimmed(NumberFormat.fixed(a, 1)))%" }
                return s
            }
            line("Benchmarks (national coverage standards): " + parts.joined(separator: "; ") + ".")
        }
        line()

        if !dataset.indicators.isEmpty {
            heading("Inequality indicators")
            var irows: [[String]] = []
            for ind in dataset.indicators {
                for (i, g) in ind.groups.enumerated() {
                    let value = g.value.map { (g.qualifier.map { safe($0) + " " } ?? "") + IndicatorFormat.value($0, unit: ind.unit) } ?? "no figure"
                    irows.append([i == 0 ? safe(ind.title) : "", i == 0 ? safe(ind.place ?? "—") : "",
                                  safe(g.name), value.trimmingSpaces, g.measure.rawValue])
                }
                if let c = ind.computedComparison {
                    irows.append(["", "", "gap (comparison − reference)", IndicatorFormat.value(c.gap, unit: ind.unit, signed: true),
                                  c.ratio.map { "ratio " + NumberFormat.fixed($0, 2) } ?? ""])
                }
            }
            out += TextTable.render(headers: ["Indicator", "Place", "Group", "Value", "Measure"], rows: irows, rightAligned: [3], markdown: markdown, ascii: ascii)
            line()
            for ind in dataset.indicators where ind.caveats != nil {
                line((markdown ? "- " : "* ") + safe(ind.title) + ": " + safe(ind.caveats ?? ""))
            }
            line()
        }

        out += inequalitySection(markdown: markdown)

        heading("Data checks")
        for s in dataset.fileSummaries {
            let state = s.present ? "\(NumberFormat.grouped(s.read)) read, \(NumberFormat.grouped(s.accepted)) accepted, \(NumberFormat.grouped(s.rejected)) rejected" : "absent"
            line((markdown ? "- " : "  ") + safe(s.file) + ": " + state)
        }
        line()
        if dataset.diagnostics.isEmpty {
            line("No problems found.")
        } else {
            line(dataset.diagnosticCountsText + ":")
            for d in dataset.diagnostics { line((markdown ? "- " : "  ") + safe(d.formatted)) }
        }
        flush()
    }


    /// The bytes around a statement line's names (made once, not per line).
    private static let markdownItemStart = Array("- **".utf8), textItemStart = Array("* ".utf8)
    private static let markdownItemEnd = Array(")**: ".utf8), textItemEnd = Array("): ".utf8)

    /// Series per block of the statements that follow the text and Markdown tables.
    static let statementBlockSeries = 1024

    /// The statement lines of `rows`' series (a sentence each, and the check of a published change
    /// that is not exact), through the document choke point.
    ///
    /// A line whose names and statement are printable ASCII is written straight into bytes: the
    /// ASCII fallback and sanitising leave such text as it is, and Markdown escaping is a byte
    /// scan. Any other line is built as a string exactly as before.
    func statementLines(_ range: Range<Int>, rows: UptakeTextTable.Summaries, markdown: Bool, ascii: Bool) -> [UInt8] {
        let m = dataset.metadata
        func safe(_ s: String) -> String {
            let t = TerminalText.sanitize(s)
            return markdown ? t.markdownEscaped : t
        }
        var b: [UInt8] = []
        b.reserveCapacity(700 * range.count)
        func line(_ s: String) {
            b.append(contentsOf: (ascii ? TerminalText.asciiFallback(s) : s).utf8)
            b.append(10)
        }
        var sentence = ByteSentence()
        for i in range {
            let r = rows[i]
            sentence.removeAll()
            r.writeStatement(labels: m, into: &sentence)
            let partner = r.series.partner, proxy = r.series.proxyPopulation
            // One pass over the sentence finds both what would leave the fast path and what Markdown escapes.
            let classes = sentence.withBytes { ByteScan.classes($0) }
            if ByteFormat.isPrintableASCII(partner) && ByteFormat.isPrintableASCII(proxy) && !classes.contains(.notPrintable) {
                b.append(contentsOf: markdown ? Self.markdownItemStart : Self.textItemStart)
                ByteFormat.appendText(partner, markdown: markdown, to: &b)
                b.append(UInt8(ascii: " "))
                b.append(UInt8(ascii: "("))
                ByteFormat.appendText(proxy, markdown: markdown, to: &b)
                b.append(contentsOf: markdown ? Self.markdownItemEnd : Self.textItemEnd)
                sentence.withBytes { ByteFormat.appendText($0, markdown: markdown && classes.contains(.markdownSpecial), to: &b) }
                b.append(10)
            } else {
                let who = safe(partner) + " (" + safe(proxy) + ")"
                line((markdown ? "- **" + who + "**: " : "* " + who + ": ") + safe(sentence.withBytes { String(decoding: $0, as: UTF8.self) }))
            }
            if let c = r.reportedCheck, c.verdict != .exact {
                line((markdown ? "  - " : "    ") + safe(c.explanation))
            }
        }
        return TerminalText.sanitizeDocument(bytes: b)
    }

    /// One row of the uptake table as strings, as the text and Markdown reports show it before
    /// the ASCII fallback and fitting (``UptakeTextTable`` uses it for rows with data that is not printable ASCII).
    static func textRowCells(_ r: SeriesSummary, metadata m: DatasetMetadata, markdown: Bool, withComparator: Bool) -> [String] {
        func safe(_ s: String) -> String {
            let t = TerminalText.sanitize(s)
            return markdown ? t.markdownEscaped : t
        }
        func pointText(_ p: SeriesSummary.Point?) -> String {
            guard let p else { return "—" }
            let u = p.uptakePct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—"
            return "\(u) of \(NumberFormat.grouped(p.eligible)) (\(safe(m.label(for: p.period))))"
        }
        let reported: String
        if let rep = r.attributedReportedChangePct {
            let v = NumberFormat.signed(rep, r.attributedReportedChangeDecimals ?? 2) + "%"
            switch r.reportedCheck?.verdict {
            case .exact?: reported = v + " (matches)"
            case .withinRounding?: reported = v + " (only via rounding)"
            case .inconsistent?: reported = v + " (INCONSISTENT)"
            case .undefined?: reported = v + " (cannot check: start 0%)"
            case nil: reported = v
            }
        } else { reported = "—" }
        return [
            safe(r.series.partner), safe(r.series.proxyPopulation),
            r.attributedReached.map(NumberFormat.grouped) ?? "—",
            pointText(r.start), pointText(r.end),
            r.changePP.map { NumberFormat.signed($0, 1) + " pp" } ?? "—",
            r.changeRelPct.map { NumberFormat.signed($0, 1) + "%" } ?? "—",
            r.changeInterval.map { NumberFormat.signed($0.lower, 1) + " to " + NumberFormat.signed($0.upper, 1) } ?? "—",
            r.isSignificant.map { $0 ? "yes" : "no" } ?? "—",
            r.trend.marker.label,
            r.reachPct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—",
            reported,
            r.benchmark?.label ?? "—",
        ] + (withComparator ? [Self.comparatorCell(r)] : [])
    }
}

/// Aligned plain-text or Markdown tables, measured in display columns.
enum TextTable {
    /// The widest a plain-text cell may be; longer values are cut with "…" (CSV and JSON keep them whole).
    static let maximumTextCellWidth = 100

    /// With `ascii`, cells are converted to ASCII stand-ins before they are measured, so columns line up as drawn.
    static func render(headers: [String], rows: [[String]], rightAligned rightSet: Set<Int>, markdown: Bool, ascii: Bool = false) -> String {
        let rightAligned = (0..<headers.count).map { rightSet.contains($0) }
        let headers = ascii ? headers.map(TerminalText.asciiFallback) : headers
        let converted = ascii ? rows.map { $0.map(TerminalText.asciiFallback) } : rows
        // A pathological value (a 10,000-character name) must not widen every row of a terminal table.
        let rows = markdown ? converted : converted.map { r in
            r.map { TerminalText.width($0) > maximumTextCellWidth ? TerminalText.truncate($0, toWidth: maximumTextCellWidth, ellipsis: ascii ? "~" : "…") : $0 }
        }
        var widths = headers.map { TerminalText.width($0) }
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], TerminalText.width(c)) } }
        var out = line(headers, widths: widths, rightAligned: rightAligned, markdown: markdown)
        out += rule(widths: widths, rightAligned: rightAligned, markdown: markdown)
        for r in rows { out += line(r, widths: widths, rightAligned: rightAligned, markdown: markdown) }
        return out
    }

    /// One row: each cell padded to its column's width, between Markdown's bars or, in text,
    /// two spaces apart with the trailing spaces cut.
    static func line(_ cells: [String], widths: [Int], rightAligned: [Bool], markdown: Bool) -> String {
        let padded = cells.enumerated().map { i, c in
            TerminalText.pad(c, toWidth: widths[i], alignment: rightAligned[i] ? .right : .left)
        }
        if markdown { return "| " + padded.joined(separator: " | ") + " |\n" }
        var l = padded.joined(separator: "  ")
        while l.hasSuffix(" ") { l.removeLast() }
        return l + "\n"
    }

    /// The line under the headers: dashes as wide as each column (Markdown's with its alignment colons).
    static func rule(widths: [Int], rightAligned: [Bool], markdown: Bool) -> String {
        if markdown {
            return "|" + widths.enumerated().map { i, w in rightAligned[i] ? " " + String(repeating: "-", count: max(w - 1, 2)) + ":" + " " : " " + String(repeating: "-", count: max(w, 3)) + " " }.joined(separator: "|") + "|\n"
        }
        return widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    }
}

extension String {
    /// Text that Markdown shows literally inside a line: emphasis, code, link, HTML and table punctuation backslash-escaped.
    var markdownEscaped: String {
        // All the special characters are ASCII, so a byte scan finds them without hashing Characters.
        guard utf8.contains(where: ByteFormat.isMarkdownSpecial) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        ByteFormat.appendText(self, markdown: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// How indicator values read: `82.9 years`, `33.3%`, `2×`.
public enum IndicatorFormat {
    /// A value with its unit, trimmed of needless zeros.
    public static func value(_ v: Double, unit: String?, signed: Bool = false) -> String {
        let number = signed ? NumberFormat.signed(v, 2) : NumberFormat.fixed(v, 2)
        let n = NumberFormat.trimmed(number)
        switch unit?.lowercased() {
        case nil, "": return n
        case "%": return n + "%"
        case "ratio": return n + "×"
        default: return n + " " + TerminalText.sanitize(unit ?? "")
        }
    }
}

import Dispatch
