import UptakeCore

/// Pane 2: the uptake table, one row per partner × proxy population.
enum UptakePane {
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
    static func columns(width: Int, trend: Bool, benchmarkWidth: Int = UptakeColumn.benchmark.width) -> [UptakeColumn] {
        let available = width - TableWidget.markerWidth
        let minimumText = UptakeColumn.partner.width + UptakeColumn.proxyPopulation.width + 1
        let textRoom = max(minimumText, min(available * 30 / 100, 40))
        var chosen: [UptakeColumn] = [.partner, .proxyPopulation]
        var used = textRoom
        for c in UptakeColumn.priority.dropFirst(2) where c != .trend || trend {
            let need = (c == .benchmark ? benchmarkWidth : c.width) + 1
            guard used + need <= available else { break }
            chosen.append(c)
            used += need
        }
        return chosen.sorted { $0.rawValue < $1.rawValue }
    }

    /// The Benchmark column's width for this data: its title, or the longest label present if wider.
    static func benchmarkWidth(_ index: DatasetIndex) -> Int {
        max(TerminalText.width(UptakeColumn.benchmark.title), index.longestBenchmarkLabel)
    }

    /// Table geometry and columns, shared by the renderer and the click hit-test.
    static func geometry(_ state: AppState) -> (list: ListGeometry, columns: [UptakeColumn], widget: TableWidget) {
        let g = ListGeometry(area: state.layout.pane, list: state.uptake, detailLines: 2)
        let cols = columns(width: g.table.width, trend: state.index.maxPeriods > 2, benchmarkWidth: benchmarkWidth(state.index))
        return (g, cols, widget(state, cols, tableWidth: g.table.width))
    }

    static func widget(_ state: AppState, _ cols: [UptakeColumn], tableWidth: Int) -> TableWidget {
        let rows = state.uptake.rows
        let index = state.index
        let glyphs = state.glyphs
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
        return TableWidget(columns: tableColumns, rowCount: rows.count, styles: ListPane.tableStyles(state.theme), glyphs: glyphs) { r in
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

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let (g, cols, table) = geometry(state)
        if let f = g.filterLine {
            ListPane.renderFilterLine(state, list: state.uptake, total: state.index.table.rows.count, noun: "series", into: &buffer, area: f)
        }
        var ts = state.uptake.table
        ts.sortColumn = state.uptake.sortColumn.flatMap { id in cols.firstIndex { $0.rawValue == id } }
        ts.sortAscending = state.uptake.ascending
        table.render(into: &buffer, area: g.table, state: ts)
        if state.uptake.rows.isEmpty, g.table.height > 1 {
            let msg = state.index.table.rows.isEmpty ? "No uptake figures in this dataset." : "No series match the filter (Esc clears it)."
            buffer.putTruncated(msg, x: g.table.x + 2, y: g.table.y + 1, maxWidth: g.table.width - 2, style: state.theme.dim)
        }
        if let d = g.detail, let row = state.uptake.selectedRow {
            let s = state.index.table.rows[row]
            var doc = Document(width: d.width, theme: state.theme, glyphs: state.glyphs)
            var detail = s.series.partner + ", " + s.series.proxyPopulation + ": " + s.statement(labels: state.dataset.metadata)
            if s.partnerHasSeveralSeries {
                detail += " Reached, reach and the published change belong to the partner, which has several series, so they are not shown per series."
            }
            doc.text(detail, style: state.theme.dim)
            doc.render(into: &buffer, area: d, offset: 0)
        }
    }
}
