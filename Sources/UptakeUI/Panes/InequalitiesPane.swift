import Foundation
import UptakeCore

/// Pane 4: each inequality indicator, its groups as bars, gaps and ratios, qualifiers, sources and caveats.
public struct InequalitiesPane: PaneModel {
    public let id = "inequalities"
    public let title = "Inequalities"
    /// Scroll of the page.
    public internal(set) var scroll = DocumentScroll()
    /// The filter (indicator, place, group).
    public internal(set) var filter = FilterField()

    /// Creates the pane at the top of its page, unfiltered.
    public init() {}

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] { filter.editing ? KeyBinding.filterEditing : [KeyBinding.filter] }

    public var capturesText: Bool { filter.editing }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let (outcome, change) = filter.handle(command)
        if change != .none { scroll = DocumentScroll() }
        if outcome != .ignored { return outcome }
        return scroll.handle(command, viewport: context.viewport) ?? .ignored
    }

    public mutating func willShow() { filter.editing = false }

    /// The indicators the filter lets through.
    func shown(_ context: PaneContext) -> [Indicator] {
        context.dataset.indicators.filter { ind in filter.matches([ind.title, ind.place ?? ""] + ind.groups.map(\.name)) }
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        var body = area
        let indicators = shown(context)
        if filter.isShown {
            ListPane.renderFilterLine(context, filter: filter, shown: indicators.count, total: context.dataset.indicators.count,
                                      noun: "indicators", into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: 1))
            body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        }
        return Self.document(context, indicators: indicators, width: body.width, filter: filter).render(into: &buffer, area: body, scroll: scroll)
    }

    static func document(_ context: PaneContext, indicators: [Indicator], width: Int, filter: FilterField = FilterField()) -> Document {
        let theme = context.theme
        var doc = Document(width: width, theme: theme, glyphs: context.glyphs)
        let sii = context.index.inequality.rows.filter { filter.matches([$0.group.area, $0.group.programme?.rawValue ?? "", $0.group.subgroup ?? ""]) }
        if !sii.isEmpty { slopeIndex(sii, context: context, into: &doc) }
        if context.dataset.indicators.isEmpty && context.index.inequality.rows.isEmpty {
            doc.text("No inequality indicators in this dataset.", style: theme.dim)
        } else if indicators.isEmpty && sii.isEmpty {
            doc.text("No indicators match the filter (Esc clears it).", style: theme.dim)
        }
        if !sii.isEmpty, !indicators.isEmpty { doc.blank(); doc.heading("Indicators as the sources state them", style: theme.heading.adding(.underline)) }
        for ind in indicators {
            doc.blank()
            doc.heading(ind.title)
            doc.text([ind.place, ind.category?.replacingUnderscores, "year " + (ind.year ?? "—")].compactMap { $0 }.joined(separator: " · "),
                     style: theme.dim, indent: 2)
            let values = ind.groups.filter { $0.measure == .value }
            let withValue = values.compactMap { g in g.value.map { (g, $0) } }
            let comparison = ind.computedComparison
            let (maximum, scaleNote) = scale(ind, values: withValue.map(\.1))
            let extraLabels = comparison == nil ? [] : ["Gap", "Ratio"]
            let labelWidth = min(width / 2, (values.map(\.name) + extraLabels).map(TerminalText.width).max() ?? 0)
            for (g, v) in withValue {
                let text = (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value(v, unit: ind.unit) + (g.role.map { " (\($0.rawValue))" } ?? "")
                doc.lines.append(.bar(indent: 2, label: g.name, labelWidth: labelWidth, value: v, maximum: maximum, valueText: text))
            }
            if let c = comparison {
                // The absolute gap on the groups' own scale, the ratio against the reference (a full bar is the larger of the two).
                let gapText = InequalityHeadlines.minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true))
                doc.lines.append(.bar(indent: 2, label: "Gap", labelWidth: labelWidth, value: abs(c.gap), maximum: maximum, valueText: gapText))
                if let r = c.ratio {
                    doc.lines.append(.bar(indent: 2, label: "Ratio", labelWidth: labelWidth, value: abs(r), maximum: max(1, abs(r)),
                                          valueText: NumberFormat.fixed(r, 2) + "×"))
                }
            }
            if let scaleNote, !withValue.isEmpty { doc.text(scaleNote, style: theme.dim, indent: 2, hanging: 4) }
            for g in values where g.value == nil {
                doc.text(g.name + ": no figure given", style: theme.dim, indent: 2, hanging: 4)
            }
            if let c = comparison {
                var s = "Gap \(InequalityHeadlines.minus(IndicatorFormat.value(c.gap, unit: ind.unit, signed: true))) (\(c.comparison.name) − \(c.reference.name))"
                if let r = c.ratio { s += "; ratio \(NumberFormat.fixed(r, 2))× (a full ratio bar is \(NumberFormat.fixed(max(1, abs(r)), 2))×)" }
                doc.text(s, style: theme.accent, indent: 2, hanging: 4)
            }
            for g in ind.groups where g.measure != .value {
                let v = g.value.map { (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value($0, unit: g.measure == .ratio ? "ratio" : ind.unit) } ?? "no figure"
                doc.text("\(g.measure == .gap ? "Gap" : "Ratio") as stated: \(v), \(g.name)", style: theme.accent, indent: 2, hanging: 4)
            }
            // Stated ratios drawn against the reference group's 1×; several stated gaps drawn side by side.
            let statedRatios = ind.groups.filter { $0.measure == .ratio }.compactMap { g in g.value.map { (g, $0) } }
            for (g, r) in statedRatios where r > 0 {
                let full = max(1, r)
                let lw = TerminalText.width("Comparison group")
                doc.lines.append(.bar(indent: 4, label: "Reference group", labelWidth: lw, value: 1, maximum: full, valueText: "1×"))
                doc.lines.append(.bar(indent: 4, label: "Comparison group", labelWidth: lw, value: r, maximum: full,
                                      valueText: (g.qualifier.map { $0 + " " } ?? "") + NumberFormat.trimmed(NumberFormat.fixed(r, 2)) + "×"))
            }
            let statedGaps = ind.groups.filter { $0.measure == .gap }.compactMap { g in g.value.map { (g, $0) } }
            if statedGaps.count >= 2 {
                let full = statedGaps.map { abs($0.1) }.max() ?? 1
                let lw = min(width / 2, statedGaps.map { TerminalText.width($0.0.name) }.max() ?? 0)
                for (g, v) in statedGaps {
                    doc.lines.append(.bar(indent: 4, label: g.name, labelWidth: lw, value: abs(v), maximum: full,
                                          valueText: (g.qualifier.map { $0 + " " } ?? "") + IndicatorFormat.value(v, unit: ind.unit)))
                }
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

extension InequalitiesPane {
    /// Uptake by deprivation quantile (bars with Wilson intervals, the fitted line as a mark on each), then the
    /// slope and relative indices of inequality in words, for every area, programme and period.
    static func slopeIndex(_ rows: [InequalitySummary], context: PaneContext, into doc: inout Document) {
        let theme = context.theme
        doc.heading("Uptake by deprivation: slope and relative indices of inequality", style: theme.heading.adding(.underline))
        for row in rows {
            let g = row.group
            doc.blank()
            let what = [g.area, g.programme.map { $0.rawValue + " screening" }, g.subgroup, context.dataset.metadata.label(for: g.period)]
                .compactMap { $0 }.joined(separator: " · ")
            doc.heading(what)
            doc.text("\(g.quantileName), most deprived first; ● uptake with its 95% Wilson interval, │ the fitted line", style: theme.dim, indent: 2, hanging: 4)
            let lo = row.points.compactMap { $0.interval?.lower }.min() ?? 0
            let hi = row.points.compactMap { $0.interval?.upper }.max() ?? 100
            let scale = max(0, (lo - 5).rounded(.down))...min(100, max((hi + 5).rounded(.up), lo + 1))
            let labels = row.points.map { p -> String in
                p.quantile == 1 ? "1 (most deprived)" : (p.quantile == g.quantileCount ? "\(p.quantile) (least deprived)" : "\(p.quantile)")
            }
            let labelWidth = labels.map(TerminalText.width).max() ?? 0
            for (p, label) in zip(row.points, labels) {
                let text = NumberFormat.fixed(p.uptakePct, 1) + "% of " + NumberFormat.grouped(p.eligible)
                if let ci = p.interval {
                    doc.lines.append(.whisker(indent: 4, label: label, labelWidth: labelWidth, estimate: p.uptakePct, lower: ci.lower, upper: ci.upper,
                                              scale: scale, valueText: text, reference: p.fittedPct))
                } else {
                    doc.text(label + ": " + text, indent: 4)
                }
            }
            doc.text("Scale \(NumberFormat.fixed(scale.lowerBound, 0))% to \(NumberFormat.fixed(scale.upperBound, 0))% uptake", style: theme.dim, indent: 4)
            doc.text(row.siiStatement, style: theme.accent, indent: 2, hanging: 4)
            doc.text(row.riiStatement, indent: 2, hanging: 4)
            if let note = row.intervalNote { doc.text(note, style: theme.dim, indent: 2, hanging: 4) }
            if let src = g.source { doc.text("Source: " + src, style: theme.dim, indent: 2, hanging: 4) }
        }
        doc.blank()
        doc.text(Report.inequalityMethodNote, style: theme.dim, indent: 0, hanging: 2)
    }

    /// The value of a full-width bar and, when it is not the obvious 0–100%, a note saying what it is:
    /// percentages on 0–100; other units on the indicator's largest value.
    static func scale(_ ind: Indicator, values: [Double]) -> (maximum: Double, note: String?) {
        if ind.unit?.trimmingCharacters(in: .whitespaces) == "%" { return (100, nil) }
        let largest = values.map(abs).max() ?? 0
        return (largest, "Bars to scale: a full bar is the largest value, \(IndicatorFormat.value(largest, unit: ind.unit)).")
    }
}

extension String {
    /// `life_expectancy` → `life expectancy`.
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
