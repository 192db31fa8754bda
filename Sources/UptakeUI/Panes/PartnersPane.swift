import Foundation
import UptakeCore

/// Pane 3: every partner (partners.csv, plus partners found only in uptake.csv), and one partner's full record.
enum PartnersPane {
    static func columns(width: Int) -> [PartnerColumn] {
        width - TableWidget.markerWidth >= 70 ? PartnerColumn.allCases : [.name, .area, .reached, .series]
    }

    /// Widths of the text columns (`wants`: each column's longest text) sharing `room` fairly: a column that needs
    /// less than an equal share gets what it needs and the rest is shared again among the others.
    static func share(_ room: Int, wants: [Int]) -> [Int] {
        var out = wants.map { _ in 0 }
        var left = max(0, room)
        var open = Array(wants.indices)
        while !open.isEmpty {
            let each = left / open.count
            let satisfied = open.filter { wants[$0] <= each }
            if satisfied.isEmpty {
                for i in open { out[i] = each }
                break
            }
            for i in satisfied { out[i] = wants[i]; left -= wants[i] }
            open.removeAll { satisfied.contains($0) }
        }
        return out
    }

    /// Column widths from the data: Reached fixed, Data and Kind as wide as their longest text (Kind sharing fairly),
    /// Partner its share, Area the rest (so it gains whatever is left over).
    static func tableColumns(_ cols: [PartnerColumn], tableWidth: Int, index: DatasetIndex) -> [TableColumn] {
        func title(_ c: PartnerColumn) -> Int { TerminalText.width(c.title) }
        let reached = 7
        let data = max(title(.series), index.longestPartnerData)
        let textCols = cols.filter { $0 == .name || $0 == .area || $0 == .kind }
        let fixed = cols.reduce(0) { $0 + ($1 == .reached ? reached : $1 == .series ? data : 0) }
        let room = tableWidth - TableWidget.markerWidth - fixed - max(0, cols.count - 1)
        let wants = textCols.map { c -> Int in
            switch c {
            case .name: return max(title(c), index.longestPartnerName)
            case .area: return max(title(c), index.longestPartnerArea)
            default: return max(title(c), index.longestPartnerKind)
            }
        }
        let widths = share(room, wants: wants)
        return cols.map { c -> TableColumn in
            let w = textCols.firstIndex(of: c).map { widths[$0] } ?? 0
            switch c {
            case .name: return TableColumn(c.title, width: .fixed(w))
            case .area: return TableColumn(c.title, width: .fill(1))
            case .kind: return TableColumn(c.title, width: .fixed(w))
            case .reached: return TableColumn(c.title, width: .fixed(reached), alignment: .right)
            case .series: return TableColumn(c.title, width: .fixed(data))
            }
        }
    }

    static func geometry(_ state: AppState) -> (list: ListGeometry, columns: [PartnerColumn], widget: TableWidget) {
        let g = ListGeometry(area: state.layout.pane, list: state.partners, detailLines: 2)
        let cols = columns(width: g.table.width)
        let rows = state.partners.rows
        let entries = state.index.partners
        let tableColumns = tableColumns(cols, tableWidth: g.table.width, index: state.index)
        let widget = TableWidget(columns: tableColumns, rowCount: rows.count, styles: ListPane.tableStyles(state.theme), glyphs: state.glyphs) { r in
            let e = entries[rows[r]]
            return cols.map { cell($0, e) }
        }
        return (g, cols, widget)
    }

    /// What data a partner has, in words: "1 series", "survey", "no record · 1 series".
    static func dataSummary(_ e: PartnerEntry) -> String {
        var parts: [String] = []
        if !e.series.isEmpty { parts.append("\(e.series.count) series") }
        if !e.surveys.isEmpty { parts.append(e.surveys.count == 1 ? "survey" : "\(e.surveys.count) surveys") }
        if !e.caseStudies.isEmpty { parts.append("story") }
        if e.record == nil { parts.insert("no record", at: 0) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    /// An extra column's name as a label like the others: `proxy_population_note` → `Proxy population note`.
    static func fieldLabel(_ column: String) -> String {
        let words = column.replacingUnderscores.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard let first = words.first else { return column }
        return first.uppercased() + words.dropFirst()
    }

    static func cell(_ c: PartnerColumn, _ e: PartnerEntry) -> String {
        switch c {
        case .name: return e.name
        case .area: return e.record?.area ?? "—"
        case .kind: return e.record?.kind ?? "—"
        case .reached: return e.record?.residentsReached.map(NumberFormat.grouped) ?? "—"
        case .series: return dataSummary(e)
        }
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        if let p = state.openPartner {
            recordDocument(state, entry: p, width: area.width).render(into: &buffer, area: area, offset: state.record.offset)
            return
        }
        let (g, cols, table) = geometry(state)
        if let f = g.filterLine {
            ListPane.renderFilterLine(state, list: state.partners, total: state.index.partners.count, noun: "partners", into: &buffer, area: f)
        }
        var ts = state.partners.table
        ts.sortColumn = state.partners.sortColumn.flatMap { id in cols.firstIndex { $0.rawValue == id } }
        ts.sortAscending = state.partners.ascending
        table.render(into: &buffer, area: g.table, state: ts)
        if state.partners.rows.isEmpty, g.table.height > 1 {
            buffer.putTruncated("No partners match the filter (Esc clears it).", x: g.table.x + 2, y: g.table.y + 1,
                                maxWidth: g.table.width - 2, style: state.theme.dim)
        }
        if let d = g.detail, let row = state.partners.selectedRow {
            var doc = Document(width: d.width, theme: state.theme, glyphs: state.glyphs)
            doc.text(state.index.partners[row].record?.summary ?? "Named in uptake.csv only; partners.csv has no record.", style: state.theme.dim)
            doc.render(into: &buffer, area: d, offset: 0)
        }
    }

    /// The full record of partner entry `p`: every field, its uptake series, surveys and case studies.
    static func recordDocument(_ state: AppState, entry p: Int, width: Int) -> Document {
        let theme = state.theme
        let e = state.index.partners[p]
        let ds = state.dataset
        var doc = Document(width: width, theme: theme, glyphs: state.glyphs)
        doc.heading(e.name)
        let lw = 18
        if let r = e.record {
            doc.field("Area", r.area, labelWidth: lw)
            doc.field("Programme", r.programme, labelWidth: lw)
            doc.field("Kind", r.kind, labelWidth: lw)
            doc.field("Funding", r.fundingGBP.map { state.glyphs.pound + NumberFormat.grouped(Int($0.rounded())) }, labelWidth: lw)
            doc.field("Residents reached", r.residentsReached.map(NumberFormat.grouped), labelWidth: lw)
            let reported = r.reportedChangePct.map { NumberFormat.signed($0, r.reportedChangeDecimals ?? 2) + "%" }
            doc.field("Reported change", reported, labelWidth: lw)
            for s in e.series {
                if let check = state.index.table.rows[s].reportedCheck {
                    doc.field("Rounding check", "\(check.verdict.rawValue.replacingOccurrences(of: "_", with: " ")): \(check.explanation)", labelWidth: lw)
                }
            }
            doc.field("Summary", r.summary, labelWidth: lw)
            doc.field("Source", r.source, labelWidth: lw)
            for f in r.extraFields { doc.field(fieldLabel(f.name), f.value, labelWidth: lw) }
            doc.field("Line", "partners.csv:\(r.line)", labelWidth: lw, valueStyle: theme.dim)
        } else {
            doc.text("partners.csv has no record for this partner; it appears only in uptake.csv.", style: theme.warning, indent: 2)
        }

        doc.blank()
        doc.heading("Uptake (95% Wilson intervals)")
        if e.series.isEmpty { doc.text("No uptake figures for this partner.", style: theme.dim, indent: 2) }
        for s in e.series {
            let row = state.index.table.rows[s]
            doc.text(row.series.proxyPopulation + (row.series.programme.map { " · \($0.rawValue) screening" } ?? ""), style: theme.accent, indent: 2)
            let points = row.points
            let lo = points.compactMap { $0.interval?.lower }.min() ?? 0
            let hi = points.compactMap { $0.interval?.upper }.max() ?? 100
            let scale = max(0, (lo - 5).rounded(.down))...min(100, max((hi + 5).rounded(.up), lo + 1))
            let labels = points.map { ds.metadata.label(for: $0.period) }
            let labelWidth = (labels.map(TerminalText.width).max() ?? 0)
            for (pt, label) in zip(points, labels) {
                if let u = pt.uptakePct, let ci = pt.interval {
                    let text = "\(NumberFormat.fixed(u, 1))% (\(NumberFormat.fixed(ci.lower, 1))–\(NumberFormat.fixed(ci.upper, 1))) of \(NumberFormat.grouped(pt.eligible))"
                    doc.lines.append(.whisker(indent: 4, label: label, labelWidth: labelWidth, estimate: u, lower: ci.lower, upper: ci.upper,
                                              scale: scale, valueText: text))
                } else {
                    doc.text(label + ": uptake not defined (eligible \(NumberFormat.grouped(pt.eligible)))", style: theme.dim, indent: 4)
                }
            }
            if points.contains(where: { $0.interval != nil }) {
                doc.text("Scale: each bar runs from \(NumberFormat.fixed(scale.lowerBound, 0))% to \(NumberFormat.fixed(scale.upperBound, 0))% uptake; ● is the figure, the whiskers its 95% interval",
                         style: theme.dim, indent: 4)
            }
            doc.text(row.statement(labels: ds.metadata), indent: 4)
            if let b = row.benchmark { doc.text("Benchmark: " + b.label, indent: 4) }
        }

        doc.blank()
        doc.heading("Surveys")
        if e.surveys.isEmpty { doc.text("No survey results.", style: theme.dim, indent: 2) }
        for i in e.surveys {
            let s = ds.surveys[i]
            let figure = s.resultPct.map { (s.qualifier.map { $0 + " " } ?? "") + NumberFormat.trimmed(NumberFormat.fixed($0, 1)) + "%" } ?? "—"
            doc.text(s.question + ": " + figure + (s.respondents.map { " of \(NumberFormat.grouped($0)) respondents" } ?? ""), indent: 2, hanging: 4)
            if let a = s.asStated { doc.text("“" + a + "”", style: theme.quote, indent: 4) }
            if let src = s.source { doc.text("Source: " + src, style: theme.dim, indent: 4) }
        }

        doc.blank()
        doc.heading("Case studies")
        if e.caseStudies.isEmpty { doc.text("No case study mentions this partner.", style: theme.dim, indent: 2) }
        for c in e.caseStudies {
            let cs = ds.caseStudies[c]
            doc.text(state.glyphs.bullet + " " + cs.title + (cs.place.map { " (\($0))" } ?? ""), indent: 2, hanging: 4)
            doc.text("Case studies pane: press 5", style: theme.dim, indent: 4)
        }
        return doc
    }
}
