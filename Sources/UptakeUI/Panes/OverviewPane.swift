import UptakeCore

/// Pane 1: the headline figures, the top of the uptake table, each series in words, inequality headlines.
enum OverviewPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        document(state, width: area.width, height: area.height).render(into: &buffer, area: area, offset: state.overviewScroll.offset)
    }

    static func document(_ state: AppState, width: Int, height: Int) -> Document {
        let theme = state.theme
        let ds = state.dataset
        let ix = state.index
        var doc = Document(width: width, theme: theme, glyphs: state.glyphs)
        let meta = ds.metadata
        let sub = [meta.programme, meta.area].compactMap { $0 }.joined(separator: " · ")
        if !sub.isEmpty { doc.text(sub, style: theme.dim) }
        doc.line([StyledSpan("Loaded " + (state.loadedAt.isEmpty ? "" : state.loadedAt + " ") + "from " + TerminalText.sanitize(ds.origin) + " · ", style: theme.dim),
                  StyledSpan(state.diagnosticsSummary, style: ds.errorCount > 0 ? theme.error : (ds.warningCount > 0 ? theme.warning : theme.dim))])

        // Headline figures: big numbers first, words after, one per line so nothing is cut.
        func headline(_ value: String, _ words: String, _ style: Style? = nil) {
            doc.line([StyledSpan("  " + value, style: (style ?? theme.accent).adding(.bold)), StyledSpan("  " + words, style: theme.text)])
        }
        var partners = "partners in partners.csv"
        if let funded = meta.funding?.partners { partners += " · \(funded) funded (dataset.toml)" }
        headline("\(ds.partners.count)", partners)
        headline(NumberFormat.grouped(ix.residentsReached), "residents reached (partners.csv total)")
        if let f = meta.funding, let total = f.totalGBP {
            var words = "funding"
            if let lo = f.minGBP, let hi = f.maxGBP { words += ", grants \(NumberFormat.pounds(lo))–\(NumberFormat.pounds(hi))" }
            headline(NumberFormat.pounds(total), words)
        }
        let n = ix.table.rows.count
        doc.line([StyledSpan("  \(ix.improved) improved", style: theme.improved.adding(.bold)), StyledSpan(" · ", style: theme.dim),
                  StyledSpan("\(ix.worse) worse", style: theme.worse.adding(.bold)), StyledSpan(" · ", style: theme.dim),
                  StyledSpan("\(ix.significant) significantly changed", style: theme.significant),
                  StyledSpan("  of \(n) series", style: theme.text)])

        doc.blank()
        doc.heading("Uptake, first to latest period")
        let top = state.uptake.sorted.prefix(max(3, min(8, height / 4)))
        let nameWidth = max(8, min(width / 2, top.map { TerminalText.width(ix.table.rows[$0].series.partner) }.max() ?? 8))
        for i in top {
            let s = ix.table.rows[i]
            let change = s.changePP.map { NumberFormat.signed($0, 1) + " pp" } ?? "—"
            let sig: String = s.isSignificant.map { $0 ? "significant " + state.glyphs.check : "not significant" } ?? "no interval"
            let dirStyle = s.direction == .improved ? theme.improved : (s.direction == .worse ? theme.worse : theme.text)
            doc.line([StyledSpan("  " + TerminalText.pad(TerminalText.truncate(s.series.partner, toWidth: nameWidth, ellipsis: state.glyphs.ellipsis),
                                                         toWidth: nameWidth, alignment: .left), style: theme.text),
                      StyledSpan("  " + TerminalText.pad(change, toWidth: 9, alignment: .right), style: dirStyle),
                      StyledSpan("  " + sig, style: s.isSignificant == true ? theme.significant : theme.dim)])
        }
        if n > top.count { doc.text("… and \(n - top.count) more on the Uptake pane (2)", style: theme.dim, indent: 2) }

        let headlines = ds.indicators.compactMap { ind -> String? in
            guard let c = ind.computedComparison else { return nil }
            return "\(c.comparison.name) vs \(c.reference.name): gap \(minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true)))"
                + (ind.place.map { " (\($0))" } ?? "")
        }
        if !headlines.isEmpty {
            doc.blank()
            doc.heading("Inequalities")
            for h in headlines { doc.text(state.glyphs.bullet + " " + h, indent: 2, hanging: 4) }
        }

        doc.blank()
        doc.heading("In words")
        for i in state.uptake.sorted.prefix(6) {
            let s = ix.table.rows[i]
            doc.text(state.glyphs.bullet + " " + s.series.partner + ": " + s.statement(labels: meta), indent: 2, hanging: 4)
        }
        if n > 6 { doc.text("… \(n - 6) more series", style: theme.dim, indent: 2) }

        return doc
    }

    /// A leading ASCII minus as a real minus sign (`−8.4`).
    static func minus(_ s: String) -> String { s.hasPrefix("-") ? "−" + s.dropFirst() : s }
}
