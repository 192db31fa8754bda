import UptakeCore

/// Pane 2: the uptake table, one row per partner × proxy population.
public struct UptakePane: PaneModel {
    public let id = "uptake"
    public let title = "Uptake"
    /// Selection, filter and sort.
    public internal(set) var list = ListState()
    /// How far the figure columns are scrolled (`<`/`>`); 0 shows the most useful columns for the width.
    public internal(set) var columnOffset = 0

    /// Scrolling the figure columns, for screens too narrow to show them all.
    static let columnKeys: [KeyBinding] = [
        KeyBinding(KeyBinding.ch(">L"), "> / L", "scroll the columns right (narrow screens)", section: .lists, .action(.pane(.scrollColumns(1))), hint: "more columns"),
        KeyBinding(KeyBinding.ch("<H"), "< / H", "scroll the columns back", section: .lists, .action(.pane(.scrollColumns(-1)))),
    ]

    /// Creates the pane with the rows of `context`'s data in file order.
    public init(_ context: PaneContext) { resort(context) }

    /// The sortable columns in `s` order: every column but the trend (which sorts as the change does).
    static let sortable = UptakeColumn.allCases.filter { $0 != .trend }.map(\.rawValue)

    mutating func resort(_ context: PaneContext) {
        let index = context.index
        list.resort(order: { index.uptakeOrder(by: $0.flatMap(UptakeColumn.init(rawValue:)), ascending: $1) }, keys: index.uptakeKeys)
    }

    public func heading(_ context: PaneContext, width: Int) -> String {
        let index = context.index
        var title = "Uptake: \(NumberFormat.grouped(list.rows.count)) of \(NumberFormat.grouped(index.table.rows.count)) series"
        // Say what a narrow screen hides, and the sort when its column is one of them.
        let shown = Self.geometry(self, context, area: Rect(x: 0, y: 0, width: width, height: 10)).columns
        let all = UptakeColumn.allCases.filter { $0 != .trend || index.maxPeriods > 2 }
        let hidden = all.count - shown.count
        if columnOffset > 0, let first = shown.first(where: { $0 != .partner && $0 != .proxyPopulation }) {
            title += " · columns from \(first.title) (< back)"
        } else if hidden > 0 {
            title += " · \(hidden) more column\(hidden == 1 ? "" : "s"): > or a wider screen"
        }
        if let c = list.sortColumn.flatMap(UptakeColumn.init(rawValue:)), !shown.contains(c) {
            title += " · sorted by \(c.title) " + (list.ascending ? context.glyphs.arrowUp : context.glyphs.arrowDown)
        }
        return title
    }

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        list.filter.editing ? KeyBinding.filterEditing : KeyBinding.list + Self.columnKeys
    }

    public var capturesText: Bool { list.filter.editing }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        switch command {
        case .scrollColumns(let d):
            let count = Self.scrollable(trend: context.index.maxPeriods > 2).count
            columnOffset = min(max(0, columnOffset.addingClamped(d)), count)
            return .handled
        case .open:
            guard let row = list.selectedRow else { return .handled }
            list.filter.editing = false
            return .openPartner(context.index.table.rows[row].series.partner)
        case .clickRow(let r):
            return list.click(row: r) ? handle(.open, context) : .handled
        default:
            let index = context.index
            return list.handle(command, viewport: context.viewport, columns: Self.sortable,
                               order: { index.uptakeOrder(by: $0.flatMap(UptakeColumn.init(rawValue:)), ascending: $1) },
                               keys: index.uptakeKeys,
                               naturalAscending: { UptakeColumn(rawValue: $0)?.isText ?? true }) ?? .ignored
        }
    }

    public mutating func willShow() { list.filter.editing = false }

    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {
        // Row ids of the old data mean nothing in the new: keep the selection's position, clamped.
        let at = list.table.selected
        list.table.selected = nil
        resort(new)
        list.clampSelection(to: at)
    }

    /// The columns that fit in a table `width` cells wide, in display order.
    ///
    /// Columns join in ``UptakeColumn/priority`` order and stop at the first one
    /// that does not fit, so the set shown at any width is a prefix of that order
    /// and a narrower screen never shows a column a wider one hides. Partner and
    /// proxy population take what is left (30% of the width, clamped to 27…40
    /// cells, is kept for them while choosing), so no column is left wide and
    /// empty. With the default widths (the table is the screen less 2):
    ///
    /// The relative change (Δ %) comes right after Δ pp: the issue names both as the change.
    /// The pane title says how many columns a narrow screen hides, and the sort when its
    /// column is one of them.
    static func columns(width: Int, trend: Bool, benchmarkWidth: Int = UptakeColumn.benchmark.width, offset: Int = 0) -> [UptakeColumn] {
        let available = width - TableWidget.markerWidth
        let minimumText = UptakeColumn.partner.width + UptakeColumn.proxyPopulation.width + 1
        let textRoom = max(minimumText, min(available * 30 / 100, 40))
        var chosen: [UptakeColumn] = [.partner, .proxyPopulation]
        var used = textRoom
        // Scrolled (`>`): the figure columns in display order from the offset, as many as fit; else by priority.
        let figures = scrollable(trend: trend)
        let order = offset > 0 ? Array(figures.dropFirst(min(offset - 1, figures.count - 1))) : Array(UptakeColumn.priority.dropFirst(2))
        for c in order where c != .trend || trend {
            let need = (c == .benchmark ? benchmarkWidth : c.width) + 1
            guard used + need <= available else { break }
            chosen.append(c)
            used += need
        }
        return chosen.sorted { $0.rawValue < $1.rawValue }
    }

    /// The columns `<` and `>` scroll through (everything but partner and proxy population), in display order.
    static func scrollable(trend: Bool) -> [UptakeColumn] {
        UptakeColumn.allCases.filter { $0 != .partner && $0 != .proxyPopulation && ($0 != .trend || trend) }
    }

    /// The Benchmark column's width for this data: its title, or the longest label present if wider.
    static func benchmarkWidth(_ index: DatasetIndex) -> Int {
        max(TerminalText.width(UptakeColumn.benchmark.title), index.longestBenchmarkLabel)
    }

    /// Table geometry and columns, shared by the renderer and the click hit-test.
    static func geometry(_ pane: UptakePane, _ context: PaneContext, area: Rect) -> (list: ListGeometry, columns: [UptakeColumn], widget: TableWidget) {
        let g = ListGeometry(area: area, filter: pane.list.filter, detailLines: 2)
        let cols = columns(width: g.table.width, trend: context.index.maxPeriods > 2, benchmarkWidth: benchmarkWidth(context.index),
                           offset: pane.columnOffset)
        return (g, cols, widget(pane, context, cols, tableWidth: g.table.width))
    }

    static func widget(_ pane: UptakePane, _ context: PaneContext, _ cols: [UptakeColumn], tableWidth: Int) -> TableWidget {
        let rows = pane.list.rows
        let index = context.index
        let glyphs = context.glyphs
        // Partner takes its longest name or half the text room (rounded up: names before the header), proxy population the rest.
        let others = cols.reduce(0) { $0 + ($1 == .partner || $1 == .proxyPopulation ? 0 : (($1 == .benchmark ? benchmarkWidth(index) : $1.width) + 1)) }
        let textRoom = tableWidth - TableWidget.markerWidth - others - 1
        let partnerWidth = max(UptakeColumn.partner.width, min(index.longestPartnerName, (textRoom + 1) / 2))
        let tableColumns = cols.map { c -> TableColumn in
            switch c {
            case .partner: return TableColumn(c.title, width: .fixed(partnerWidth), alignment: .left)
            case .proxyPopulation: return TableColumn(c.title, width: .fill(1), alignment: .left)
            case .benchmark: return TableColumn(c.title, width: .fixed(benchmarkWidth(index)), alignment: .left)
            case .significance, .trend: return TableColumn(c.title, width: .fixed(c.width), alignment: .left)
            default: return TableColumn(c.title, width: .fixed(c.width), alignment: .right)
            }
        }
        return TableWidget(columns: tableColumns, rowCount: rows.count, styles: ListPane.tableStyles(context.theme), glyphs: glyphs) { r in
            let summary = index.table.rows[rows[r]]
            return cols.map { cell($0, summary, glyphs: glyphs) }
        }
    }

    /// The text of one cell; undefined values are "—", never nan.
    static func cell(_ c: UptakeColumn, _ s: SeriesSummary, glyphs: Glyphs) -> String {
        let dash = "—"
        switch c {
        case .partner: return s.series.partner
        case .proxyPopulation: return s.series.proxyPopulation
        case .reached: return s.attributedReached.map(CellNumberFormat.grouped) ?? dash
        case .eligibleStart: return s.start.map { CellNumberFormat.grouped($0.eligible) } ?? dash
        case .uptakeStart: return s.start?.uptakePct.map { CellNumberFormat.fixed($0, 1) } ?? dash
        case .eligibleLatest: return s.end.map { CellNumberFormat.grouped($0.eligible) } ?? dash
        case .uptakeLatest: return s.end?.uptakePct.map { CellNumberFormat.fixed($0, 1) } ?? dash
        case .changePP: return s.changePP.map { CellNumberFormat.signed($0, 1) } ?? dash
        case .changePct: return s.changeRelPct.map { CellNumberFormat.signed($0, 1) } ?? dash
        case .interval: return s.changeInterval.map { "\(CellNumberFormat.signed($0.lower, 1)) to \(CellNumberFormat.signed($0.upper, 1))" } ?? dash
        case .significance:
            guard let sig = s.isSignificant else { return dash }
            return sig ? "yes " + glyphs.check : "no"
        case .reachPct: return s.reachPct.map { CellNumberFormat.fixed($0, 1) } ?? dash
        case .benchmark: return s.benchmark?.label ?? dash
        case .trend:
            // Straight from the observations: `points` would compute an interval per period.
            let observations = s.series.observations
            guard observations.count > 2 else { return dash }
            var lo = Double.infinity, hi = -Double.infinity
            for o in observations { if let v = o.uptakePct, v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
            guard lo <= hi else { return dash }
            let spark = Sparkline(values: [], glyphs: glyphs)
            var out = ""
            for o in observations.suffix(c.width) { out += spark.glyph(for: o.uptakePct, in: lo...hi) }
            return out
        }
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        let (g, cols, table) = Self.geometry(self, context, area: area)
        let index = context.index
        if let f = g.filterLine {
            ListPane.renderFilterLine(context, filter: list.filter, shown: list.rows.count, total: index.table.rows.count, noun: "series",
                                      into: &buffer, area: f)
        }
        var ts = list.table
        ts.sortColumn = list.sortColumn.flatMap { id in cols.firstIndex { $0.rawValue == id } }
        ts.sortAscending = list.ascending
        ts.offset = table.effectiveOffset(area: g.table, state: ts)
        table.render(into: &buffer, area: g.table, state: ts)
        if list.rows.isEmpty, g.table.height > 1 {
            let msg = index.table.rows.isEmpty ? "No uptake figures in this dataset." : "No series match the filter (Esc clears it)."
            buffer.putTruncated(msg, x: g.table.x + 2, y: g.table.y + 1, maxWidth: g.table.width - 2, style: context.theme.dim)
        }
        if let d = g.detail, let row = list.selectedRow {
            let s = index.table.rows[row]
            var doc = Document(width: d.width, theme: context.theme, glyphs: context.glyphs)
            var detail = s.series.partner + ", " + s.series.proxyPopulation + ": " + s.statement(labels: context.dataset.metadata)
            if s.partnerHasSeveralSeries {
                detail += " Reached, reach and the published change belong to the partner, which has several series, so they are not shown per series."
            }
            doc.text(detail, style: context.theme.dim)
            doc.render(into: &buffer, area: d, offset: 0)
        }
        let regions = ListPane.regions(widget: table, area: g.table, state: ts, columnIDs: cols.map(\.rawValue))
        return PaneFrame(regions: regions, viewport: Viewport(rows: table.visibleRows(in: g.table), contentRows: list.rows.count))
    }
}
