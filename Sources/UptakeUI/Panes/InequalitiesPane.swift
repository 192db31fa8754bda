import UptakeCore

/// Pane 4: each inequality indicator, its groups as bars, gaps and ratios, qualifiers, sources and caveats.
enum InequalitiesPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        document(state, width: area.width).render(into: &buffer, area: area, offset: state.inequalitiesScroll.offset)
    }

    static func document(_ state: AppState, width: Int) -> Document {
        let theme = state.theme
        var doc = Document(width: width, theme: theme, glyphs: state.glyphs)
        if state.dataset.indicators.isEmpty { doc.text("No inequality indicators in this dataset.", style: theme.dim) }
        for ind in state.dataset.indicators {
            doc.blank()
            doc.heading(ind.title)
            doc.text([ind.place, ind.category?.replacingUnderscores, "year " + (ind.year ?? "—")].compactMap { $0 }.joined(separator: " · "),
                     style: theme.dim, indent: 2)
            let values = ind.groups.filter { $0.measure == .value }
            let withValue = values.compactMap { g in g.value.map { (g, $0) } }
            let maximum = withValue.map(\.1).max() ?? 0
            let labelWidth = min(width / 2, values.map { TerminalText.width($0.name) }.max() ?? 0)
            for (g, v) in withValue {
                let text = (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value(v, unit: ind.unit) + (g.role.map { " (\($0.rawValue))" } ?? "")
                doc.lines.append(.bar(indent: 2, label: g.name, labelWidth: labelWidth, value: v, maximum: maximum, valueText: text))
            }
            for g in values where g.value == nil {
                doc.text(g.name + ": no figure given", style: theme.dim, indent: 2, hanging: 4)
            }
            if let c = ind.computedComparison {
                var s = "Gap \(OverviewPane.minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true))) (\(c.comparison.name) − \(c.reference.name))"
                if let r = c.ratio { s += "; ratio \(NumberFormat.fixed(r, 2))×" }
                doc.text(s, style: theme.accent, indent: 2, hanging: 4)
            }
            for g in ind.groups where g.measure != .value {
                let v = g.value.map { (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value($0, unit: g.measure == .ratio ? "ratio" : ind.unit) } ?? "no figure"
                doc.text("\(g.measure == .gap ? "Gap" : "Ratio") as stated: \(v), \(g.name)", style: theme.accent, indent: 2, hanging: 4)
            }
            var stated: [String] = []
            for g in ind.groups { if let a = g.asStated, !stated.contains(a) { stated.append(a) } }
            for a in stated { doc.text("“" + a + "”", style: theme.quote, indent: 2, hanging: 3) }
            if let c = ind.caveats, !c.isEmpty { doc.text("Caveat: " + c, style: theme.warning, indent: 2, hanging: 4) }
            doc.text("Source: " + (ind.source ?? "—"), style: theme.dim, indent: 2, hanging: 4)
        }
        return doc
    }
}

extension String {
    /// `life_expectancy` → `life expectancy`.
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
