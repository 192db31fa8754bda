import UptakeCore

/// The meeting spotlight: one series at a time in big figures, then each inequality indicator, then the slope index
/// of inequality of each area and programme (latest period), then a closing summary.
///
/// Opened by `uptake present` or `p` in the dashboard, and one of the kiosk's
/// rotation panes. Legible from the back of a room at 80x24 and above: the start
/// and latest uptake in a block font (``BigDigits``), the change with its 95%
/// interval drawn against zero, the benchmark in words and a symbol, and the
/// model's own sentence (``SeriesSummary/statement(labels:)``, or the shorter
/// ``SeriesSummary/changeSentence(labels:)`` where the whole statement does not fit).
public struct SpotlightPane: PaneModel {
    public let id = "spotlight"
    public let title = "Spotlight"
    /// The slide shown: series first (table order), then indicators, then the summary.
    public internal(set) var position = 0

    /// Creates the spotlight on its first slide.
    public init(position: Int = 0) { self.position = max(0, position) }

    /// One slide of the walk through the data.
    public enum Slide: Hashable, Sendable {
        /// A series, by its row in the uptake table.
        case series(Int)
        /// An inequality indicator, by its index in the dataset.
        case indicator(Int)
        /// The SII and RII of one deprivation group, by its row in the inequality table.
        case deprivation(Int)
        /// How many rose, fell and whose interval excludes no change.
        case summary
    }

    /// Every slide for `context`'s data, in order.
    public static func slides(_ context: PaneContext) -> [Slide] {
        Array(context.index.table.rows.indices).map(Slide.series) + Array(context.dataset.indicators.indices).map(Slide.indicator)
            + deprivationRows(context).map(Slide.deprivation) + [.summary]
    }

    /// The inequality-table rows the spotlight shows: each area, programme and subgroup at its latest period, in table order.
    static func deprivationRows(_ context: PaneContext) -> [Int] {
        let rows = context.index.inequality.rows
        var latest: [String: Int] = [:]
        for (i, r) in rows.enumerated() {
            let key = [r.group.area, r.group.programme?.rawValue ?? "", r.group.subgroup ?? ""].joined(separator: "\u{1F}")
            if let j = latest[key], rows[j].group.period >= r.group.period { continue }
            latest[key] = i
        }
        return latest.values.sorted()
    }

    /// The slide shown, clamped to the slides there are.
    public func slide(_ context: PaneContext) -> Slide {
        let all = Self.slides(context)
        return all[min(position, all.count - 1)]
    }

    public func heading(_ context: PaneContext, width: Int) -> String {
        "Meeting spotlight" + (context.backTo.map { "  (Esc: back to \($0))" } ?? "")
    }

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] { Self.keys }

    /// Presenter keys: arrows, space/backspace and a clicker's PageUp/PageDown step; g/G jump to the ends.
    static let keys: [KeyBinding] = [
        KeyBinding([.right, .pageDown, .character(" "), .character("n")], "→ / Space / PgDn", "next slide", section: .moving,
                   .action(.pane(.nextItem)), hint: "next"),
        KeyBinding([.left, .pageUp, .backspace, .character("b")], "← / Backspace / PgUp", "previous slide", section: .moving,
                   .action(.pane(.previousItem)), hint: "previous"),
        KeyBinding([.home, .character("g")], "g / Home", "first slide", section: .moving, .action(.pane(.home))),
        KeyBinding([.end, .character("G")], "G / End", "last slide (the summary)", section: .moving, .action(.pane(.end))),
    ]

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let last = Self.slides(context).count - 1
        switch command {
        case .nextItem, .move(1), .page(1): position = min(last, position + 1)
        case .previousItem, .move(-1), .page(-1): position = max(0, min(last, position) - 1)
        case .home: position = 0
        case .end: position = last
        default: return .ignored
        }
        return .handled
    }

    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {
        // Stay on the same series or indicator when it still exists, else keep the position, clamped.
        let count = Self.slides(new).count
        switch slide(old) {
        case .series(let r) where r < old.index.table.rows.count:
            let s = old.index.table.rows[r].series
            if let i = new.index.table.rows.firstIndex(where: { $0.series.partner == s.partner && $0.series.proxyPopulation == s.proxyPopulation }) {
                position = i
                return
            }
        case .indicator(let i) where i < old.dataset.indicators.count:
            let id = old.dataset.indicators[i].id
            if let j = new.dataset.indicators.firstIndex(where: { $0.id == id }) {
                position = new.index.table.rows.count + j
                return
            }
        case .summary where Self.slides(old).count > 1:
            // On the summary of real data, stay on it; before the first load the summary is the only slide.
            position = count - 1
            return
        default: break
        }
        position = min(position, count - 1)
    }

    /// Moves to the slide of uptake-table row `row` (`p` on the Uptake pane opens the selected series).
    public mutating func show(seriesRow row: Int, _ context: PaneContext) {
        if row >= 0, row < context.index.table.rows.count { position = row }
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        guard !area.isEmpty else { return PaneFrame() }
        let all = Self.slides(context)
        let at = min(position, all.count - 1)
        var canvas = SpotlightCanvas(context: context, area: area)
        canvas.position = "\(at + 1) / \(all.count)"
        switch all[at] {
        case .series(let r): canvas.drawSeries(context.index.table.rows[r], into: &buffer)
        case .indicator(let i): canvas.drawIndicator(context.dataset.indicators[i], into: &buffer)
        case .deprivation(let i): canvas.drawDeprivation(context.index.inequality.rows[i], into: &buffer)
        case .summary: canvas.drawSummary(into: &buffer)
        }
        return PaneFrame(viewport: Viewport(rows: area.height))
    }
}

/// The drawing of one spotlight slide: a cursor running down the area.
struct SpotlightCanvas {
    let context: PaneContext
    let area: Rect
    var position = ""
    var y: Int

    init(context: PaneContext, area: Rect) {
        self.context = context
        self.area = area
        self.y = area.y
    }

    var theme: Theme { context.theme }
    var glyphs: Glyphs { context.glyphs }
    var rowsLeft: Int { area.maxY - y }

    /// The title on the left and the position ("3 / 14") on the right of the first row.
    mutating func title(_ text: String, into buffer: inout Buffer) {
        let pos = TerminalText.width(position)
        buffer.put(position, x: area.maxX - pos, y: y, maxWidth: pos, style: theme.dim)
        buffer.putTruncated(TerminalText.sanitize(text), x: area.x, y: y, maxWidth: max(0, area.width - pos - 2), style: theme.heading,
                            ellipsis: glyphs.ellipsis)
        y += 1
    }

    /// Word-wrapped text from the cursor; returns false when it did not all fit.
    @discardableResult
    mutating func text(_ text: String, style: Style, into buffer: inout Buffer, indent: Int = 0) -> Bool {
        let lines = Document.wrap(glyphs.drawn(TerminalText.sanitize(text)), first: area.width - indent, rest: area.width - indent)
        for (i, line) in lines.enumerated() {
            guard y < area.maxY else { return i == lines.count }
            buffer.put(line, x: area.x + indent, y: y, maxWidth: area.width - indent, style: style)
            y += 1
        }
        return true
    }

    /// Rows `text` takes wrapped to the area.
    func height(of text: String, indent: Int = 0) -> Int {
        Document.wrap(glyphs.drawn(TerminalText.sanitize(text)), first: area.width - indent, rest: area.width - indent).count
    }

    mutating func blank(if room: Bool = true) { if room { y += 1 } }

    /// Big figures side by side, centred, each with a small label above, within `rows` rows (labels included).
    /// Falls back to one line of ordinary text when not even the smallest block font fits.
    mutating func bigFigures(_ figures: [(label: String, text: String, style: Style)], separator: String, rows: Int, into buffer: inout Buffer) {
        let gap = 8
        let texts = figures.map(\.text)
        let hasLabels = figures.contains { !$0.label.isEmpty }
        let labels = figures.map { TerminalText.sanitize($0.label) }
        // A label never takes more than an equal share of the width (it is cut with an ellipsis).
        let share = max(1, (area.width - gap * max(0, figures.count - 1)) / max(1, figures.count))
        let labelWidths = labels.map { min(TerminalText.width($0), share) }
        // Each figure takes a slot as wide as its digits or its label, whichever is wider.
        func total(_ sx: Int) -> Int {
            zip(texts, labelWidths).reduce(0) { $0 + max(BigDigits.pixelWidth($1.0) * sx, $1.1) } + gap * max(0, texts.count - 1)
        }
        let room = rows - (hasLabels ? 1 : 0)
        let candidates = [(8, 4), (7, 4), (6, 3), (5, 3), (4, 2), (3, 2), (2, 1), (1, 1)]
        guard let scale = candidates.first(where: { BigDigits.fontHeight * $0.1 <= room && total($0.0) <= area.width }) else {
            let line = figures.map { ($0.label.isEmpty ? "" : $0.label + ": ") + $0.text }.joined(separator: "  \(separator)  ")
            text(line, style: theme.accent.adding(.bold), into: &buffer)
            return
        }
        let widgets = figures.map { BigDigits($0.text, scaleX: scale.0, scaleY: scale.1, style: $0.style, glyphs: glyphs) }
        var x = area.x + max(0, (area.width - total(scale.0)) / 2)
        let top = y
        let digitsY = top + (hasLabels ? 1 : 0)
        for (i, w) in widgets.enumerated() {
            let slot = max(w.width, labelWidths[i])
            if hasLabels {
                buffer.putTruncated(labels[i], x: x + (slot - labelWidths[i]) / 2, y: top, maxWidth: slot, style: theme.dim, ellipsis: glyphs.ellipsis)
            }
            w.render(into: &buffer, area: Rect(x: x + (slot - w.width) / 2, y: digitsY, width: max(0, area.maxX - x), height: w.height))
            x += slot
            if i < widgets.count - 1 {
                let sw = TerminalText.width(separator)
                buffer.put(separator, x: x + (gap - sw) / 2, y: digitsY + w.height / 2, maxWidth: sw, style: theme.dim)
                x += gap
            }
        }
        y = top + (hasLabels ? 1 : 0) + (widgets.first?.height ?? 0)
    }

    /// The most rows a big figure may take on this screen: bigger on big screens.
    func figureRows(leaving rest: Int) -> Int { max(0, min(rowsLeft - rest, BigDigits.fontHeight * 4 + 1)) }

    // MARK: - Slides

    mutating func drawSeries(_ s: SeriesSummary, into buffer: inout Buffer) {
        let labels = context.dataset.metadata
        let programme = s.series.programme.map { " · \($0.rawValue) screening" } ?? ""
        title(s.series.partner + " · " + s.series.proxyPopulation + programme, into: &buffer)
        // The sentence must fit whole: the full statement where there is room, else the change sentence alone.
        let fixedRows = 1 + 1 + 1 + 3 + 1 + 1  // blank, change, interval in words, bar and zero, benchmark, blank
        let minimumFigure = BigDigits.fontHeight + 1
        let statement = s.statement(labels: labels)
        let sentence = rowsLeft - fixedRows - minimumFigure >= height(of: statement) ? statement : s.changeSentence(labels: labels)
        let sentenceRows = height(of: sentence)
        blank()
        var figures: [(label: String, text: String, style: Style)] = []
        let pct: (SeriesSummary.Point) -> String = { p in p.uptakePct.map { NumberFormat.fixed($0, 1) + "%" } ?? "—" }
        if let a = s.start { figures.append((labels.label(for: a.period), pct(a), theme.text.adding(.bold))) }
        if let b = s.end { figures.append((labels.label(for: b.period), pct(b), theme.accent.adding(.bold))) }
        let rows = figureRows(leaving: fixedRows - 1 + sentenceRows)
        if !figures.isEmpty { bigFigures(figures, separator: glyphs == .ascii ? "->" : "→", rows: rows, into: &buffer) }
        blank(if: rowsLeft > fixedRows - 1 + sentenceRows)
        changeLine(s, into: &buffer)
        intervalBar(s, into: &buffer)
        benchmarkLine(s, into: &buffer)
        blank(if: rowsLeft > sentenceRows)
        text(sentence, style: theme.text, into: &buffer)
    }

    /// "▲ Change: +6.0 percentage points (+10.2% relative)".
    mutating func changeLine(_ s: SeriesSummary, into buffer: inout Buffer) {
        guard y < area.maxY else { return }
        guard let pp = s.changePP else {
            text("Change: none to report (fewer than two periods with figures)", style: theme.dim, into: &buffer)
            return
        }
        let (symbol, word, style): (String, String, Style)
        switch s.direction {
        case .improved?: (symbol, word, style) = (glyphs.arrowUp, "rose", theme.improved)
        case .worse?: (symbol, word, style) = (glyphs.arrowDown, "fell", theme.worse)
        default: (symbol, word, style) = ("=", "no change", theme.text)
        }
        var line = "\(symbol) Uptake \(word): \(NumberFormat.signed(pp, 1)) percentage points"
        if let rel = s.changeRelPct { line += " (\(NumberFormat.signed(rel, 1))% relative)" }
        text(line, style: style.adding(.bold), into: &buffer)
    }

    /// The change's 95% interval in words, then drawn as a bar against zero with the zero marked below it.
    mutating func intervalBar(_ s: SeriesSummary, into buffer: inout Buffer) {
        guard y < area.maxY else { return }
        guard let ci = s.changeInterval, let verdict = s.intervalVerdict else {
            text("No interval for the change.", style: theme.dim, into: &buffer)
            return
        }
        let words = "95% interval: \(NumberFormat.signed(ci.lower, 1)) to \(NumberFormat.signed(ci.upper, 1)) points, \(verdict) (indicative)"
        buffer.putTruncated(words, x: area.x, y: y, maxWidth: area.width, style: theme.text, ellipsis: glyphs.ellipsis)
        y += 1
        guard y < area.maxY else { return }
        let reach = max(abs(ci.lower), abs(ci.upper), abs(ci.difference), 1)
        let edge = (reach / 5).rounded(.up) * 5
        let left = NumberFormat.signed(-edge, 0) + " ", right = " " + NumberFormat.signed(edge, 0)
        let barX = area.x + TerminalText.width(left)
        let barWidth = max(0, area.width - TerminalText.width(left) - TerminalText.width(right))
        guard barWidth > 4 else { return }
        buffer.put(left, x: area.x, y: y, maxWidth: area.width, style: theme.dim)
        buffer.put(right, x: barX + barWidth, y: y, maxWidth: TerminalText.width(right), style: theme.dim)
        let whisker = IntervalWhisker(estimate: ci.difference, lower: ci.lower, upper: ci.upper, scale: -edge...edge, reference: 0,
                                      style: theme.whisker, pointStyle: theme.accent.adding(.bold), referenceStyle: theme.text, glyphs: glyphs)
        for x in barX..<(barX + barWidth) { buffer.put(glyphs.whiskerLine, x: x, y: y, maxWidth: 1, style: theme.dim) }
        whisker.render(into: &buffer, area: Rect(x: barX, y: y, width: barWidth, height: 1))
        y += 1
        // The zero under its mark, so "against zero" reads without colour.
        if y < area.maxY {
            buffer.put("0 = no change", x: barX + whisker.column(of: 0, width: barWidth), y: y, maxWidth: area.maxX - barX - whisker.column(of: 0, width: barWidth),
                       style: theme.dim)
            y += 1
        }
    }

    /// The benchmark status in words and a symbol, or why there is none.
    mutating func benchmarkLine(_ s: SeriesSummary, into buffer: inout Buffer) {
        guard y < area.maxY else { return }
        guard let b = s.benchmark else {
            let why = s.series.programme == nil ? "the programme is not given" : "no thresholds for this programme in dataset.toml"
            text("Benchmark: none (\(why))", style: theme.dim, into: &buffer)
            return
        }
        let symbol: String
        let style: Style
        switch b {
        case .achievable: symbol = glyphs.check + glyphs.check; style = theme.improved
        case .acceptable: symbol = glyphs.check; style = theme.text
        case .belowAcceptable: symbol = "!"; style = theme.worse
        }
        text("Benchmark: \(symbol) \(b.label) (latest uptake)", style: style.adding(.bold), into: &buffer)
    }

    mutating func drawIndicator(_ ind: Indicator, into buffer: inout Buffer) {
        title("Inequality: " + ind.title, into: &buffer)
        let meta = [ind.place, ind.category?.replacingUnderscores, ind.year.map { "year " + $0 }].compactMap { $0 }.joined(separator: " · ")
        if !meta.isEmpty { text(meta, style: theme.dim, into: &buffer) }
        // The figure: the computed gap where reference and comparison groups are given, else the first figure stated.
        var figures: [(label: String, text: String, style: Style)] = []
        var note = ""
        if let c = ind.computedComparison {
            figures.append((TerminalText.sanitize(c.reference.name), Self.figure(c.reference.value ?? 0, unit: ind.unit), theme.text.adding(.bold)))
            figures.append((TerminalText.sanitize(c.comparison.name), Self.figure(c.comparison.value ?? 0, unit: ind.unit), theme.accent.adding(.bold)))
            note = "Gap " + InequalityHeadlines.minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true))
                + " (\(c.comparison.name) − \(c.reference.name))" + (c.ratio.map { "; ratio \(NumberFormat.fixed($0, 2))×" } ?? "")
        } else if let g = ind.groups.first(where: { $0.value != nil }), let v = g.value {
            let unit = g.measure == .ratio ? "ratio" : ind.unit
            figures.append(((g.qualifier.map { $0 + " " } ?? "") + g.name, Self.figure(v, unit: unit), theme.accent.adding(.bold)))
            note = (g.measure == .value ? "" : (g.measure == .gap ? "Gap" : "Ratio") + " as stated: ") + (g.qualifier.map { $0 + " " } ?? "")
                + IndicatorFormat.value(v, unit: unit) + ", " + g.name
        }
        var shownGroups: [IndicatorGroup] = []
        if let c = ind.computedComparison { shownGroups = [c.reference, c.comparison] }
        else if let g = ind.groups.first(where: { $0.value != nil }) { shownGroups = [g] }
        let others = ind.groups.filter { g in g.value != nil && !shownGroups.contains(g) }
            .map { g in g.name + " " + (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value(g.value ?? 0, unit: g.measure == .ratio ? "ratio" : ind.unit) }
        let small = [others.isEmpty ? nil : "Also: " + others.joined(separator: " · "),
                     ind.caveats.flatMap { $0.isEmpty ? nil : "Caveat: " + $0 },
                     "Source: " + (ind.source ?? "—")].compactMap { $0 }
        let smallRows = small.reduce(0) { $0 + height(of: $1) } + (note.isEmpty ? 0 : height(of: note))
        blank()
        if figures.isEmpty {
            text("No figure given for this indicator.", style: theme.dim, into: &buffer)
        } else {
            bigFigures(figures, separator: glyphs == .ascii ? "vs" : "vs", rows: figureRows(leaving: smallRows + 2), into: &buffer)
        }
        blank(if: rowsLeft > smallRows + 1)
        if !note.isEmpty { text(note, style: theme.accent.adding(.bold), into: &buffer) }
        blank(if: rowsLeft > smallRows)
        for line in small {
            text(line, style: line.hasPrefix("Caveat") ? theme.warning : theme.dim, into: &buffer)
        }
    }

    /// The SII and RII of one deprivation group: both in big figures, then the model's sentences with their
    /// intervals, and whether the SII's interval excludes no difference (nothing stronger is claimed).
    mutating func drawDeprivation(_ r: InequalitySummary, into buffer: inout Buffer) {
        let g = r.group
        let programme = g.programme.map { ", \($0.rawValue) screening" } ?? ""
        title("Inequality by deprivation: " + g.area + programme + (g.subgroup.map { " (\($0))" } ?? ""), into: &buffer)
        let kind = g.quantileCount == 10 ? "deciles" : g.quantileCount == 5 ? "quintiles" : "\(g.quantileCount) quantiles"
        let eligible = g.quantiles.reduce(0) { $0 + $1.eligible }
        text("\(context.dataset.metadata.label(for: g.period)) · \(kind), 1 = most deprived · \(NumberFormat.grouped(eligible)) eligible",
             style: theme.dim, into: &buffer)
        var figures: [(label: String, text: String, style: Style)] = []
        if let sii = r.siiPP { figures.append(("Slope index (points)", NumberFormat.signed(sii, 1), theme.accent.adding(.bold))) }
        if let rii = r.rii, rii.isFinite, rii > 0 { figures.append(("Relative index", NumberFormat.fixed(rii, 2) + "×", theme.text.adding(.bold))) }
        let verdict: String?
        switch r.isSignificant {
        case true?: verdict = "The slope index's 95% interval excludes no difference between the two ends."
        case false?: verdict = "The slope index's 95% interval includes no difference: these figures do not show a gradient."
        case nil: verdict = nil
        }
        let small = [r.riiStatement, verdict, "Source: " + (g.source ?? context.dataset.metadata.source ?? "—")].compactMap { $0 }
        let smallRows = small.reduce(0) { $0 + height(of: $1) } + height(of: r.siiStatement)
        blank()
        if figures.isEmpty {
            text("No slope index: the fitted line is undefined.", style: theme.dim, into: &buffer)
        } else {
            bigFigures(figures, separator: "", rows: figureRows(leaving: smallRows + 2), into: &buffer)
        }
        blank(if: rowsLeft > smallRows + 1)
        text(r.siiStatement, style: theme.accent.adding(.bold), into: &buffer)
        blank(if: rowsLeft > smallRows)
        for line in small { text(line, style: line.hasPrefix("Source") ? theme.dim : theme.text, into: &buffer) }
    }

    /// A figure for the block font: its number with `%` or `×` where that is the unit (other units are said below it).
    static func figure(_ v: Double, unit: String?) -> String {
        let n = NumberFormat.trimmed(NumberFormat.fixed(v, 1))
        switch unit?.lowercased() {
        case "%": return n + "%"
        case "ratio": return n + "×"
        default: return n
        }
    }

    mutating func drawSummary(into buffer: inout Buffer) {
        // The index counted these once per load: a frame never walks the table.
        let index = context.index
        title("Summary: " + NumberFormat.count(index.partnerSeriesCount, "series", plural: "series") + " and "
              + NumberFormat.count(context.dataset.indicators.count, "inequality indicator"), into: &buffer)
        let headline = index.headline
        let figures: [(label: String, text: String, style: Style)] = [
            ("rose", NumberFormat.grouped(index.improved), theme.improved.adding(.bold)),
            ("fell", NumberFormat.grouped(index.worse), theme.worse.adding(.bold)),
            ("exclude no change", NumberFormat.grouped(index.significant), theme.accent.adding(.bold)),
        ]
        let closing = "Each interval is indicative: " + SeriesSummary.intervalCaveat + "."
        let rest = height(of: headline) + height(of: closing) + 2
        blank()
        bigFigures(figures, separator: "", rows: figureRows(leaving: rest), into: &buffer)
        blank(if: rowsLeft > rest - 1)
        text(headline, style: theme.text, into: &buffer)
        blank(if: rowsLeft > height(of: closing))
        text(closing, style: theme.dim, into: &buffer)
    }
}
