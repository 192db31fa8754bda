import Foundation
import UptakeCore

/// Pane 3: every partner (partners.csv, plus partners found only in uptake.csv), and one partner's full record.
public struct PartnersPane: PaneModel {
    public let id = "partners"
    public let title = "Partners"
    /// Selection, filter and sort of the list.
    public internal(set) var list = ListState()
    /// The entry whose record is open, or nil for the list.
    public internal(set) var openRecord: Int?
    /// Scroll of the open record.
    public internal(set) var recordScroll = DocumentScroll()

    /// Creates the pane with every partner of `context`'s data in list order.
    public init(_ context: PaneContext) { resort(context) }

    static let sortable = PartnerColumn.allCases.map(\.rawValue)

    mutating func resort(_ context: PaneContext) {
        let index = context.index
        list.resort(order: { index.partnerOrder(by: $0.flatMap(PartnerColumn.init(rawValue:)), ascending: $1) }, keys: index.partnerKeys)
    }

    public func heading(_ context: PaneContext, width: Int) -> String {
        if let p = openRecord {
            return "Partner: " + context.index.partners[p].name + "  (Esc: back to " + (context.backTo ?? "the list") + ")"
        }
        return "Partners: \(NumberFormat.grouped(list.rows.count)) of \(NumberFormat.grouped(context.index.partners.count))"
    }

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        if openRecord != nil { return context.insights == nil ? [] : [Self.insightsKey] }
        return list.filter.editing ? KeyBinding.filterEditing : KeyBinding.list
    }

    public var capturesText: Bool { openRecord == nil && list.filter.editing }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        if openRecord != nil {
            if command == .back {
                openRecord = nil
                recordScroll = DocumentScroll()
                return .closedDrillDown
            }
            if command == .letter("i"), let p = openRecord { return .insightsOf(context.index.partners[p].name) }
            return recordScroll.handle(command, viewport: context.viewport) ?? .ignored
        }
        switch command {
        case .open:
            guard let p = list.selectedRow else { return .handled }
            list.filter.editing = false
            openRecord = p
            recordScroll = DocumentScroll()
            return .handled
        case .clickRow(let r):
            return list.click(row: r) ? handle(.open, context) : .handled
        default:
            let index = context.index
            return list.handle(command, viewport: context.viewport, columns: Self.sortable,
                               order: { index.partnerOrder(by: $0.flatMap(PartnerColumn.init(rawValue:)), ascending: $1) },
                               keys: index.partnerKeys,
                               naturalAscending: { $0 != PartnerColumn.reached.rawValue && $0 != PartnerColumn.series.rawValue }) ?? .ignored
        }
    }

    public mutating func receive(_ request: PaneRequest, _ context: PaneContext) -> Bool {
        guard case .openPartner(let name) = request, let p = context.index.partnerIndex[name] else { return false }
        list.filter.editing = false
        openRecord = p
        recordScroll = DocumentScroll()
        if let i = list.rows.firstIndex(of: p) { list.table.selected = i }
        return true
    }

    public mutating func willShow() { list.filter.editing = false }

    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {
        let openName = openRecord.map { old.index.partners[$0].name }
        let at = list.table.selected
        list.table.selected = nil
        resort(new)
        list.clampSelection(to: at)
        openRecord = openName.flatMap { new.index.partnerIndex[$0] }
        if openRecord == nil { recordScroll = DocumentScroll() }
    }

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

    static func geometry(_ pane: PartnersPane, _ context: PaneContext, area: Rect) -> (list: ListGeometry, columns: [PartnerColumn], widget: TableWidget) {
        let g = ListGeometry(area: area, filter: pane.list.filter, detailLines: 2)
        let cols = columns(width: g.table.width)
        let rows = pane.list.rows
        let entries = context.index.partners
        let tableColumns = tableColumns(cols, tableWidth: g.table.width, index: context.index)
        let widget = TableWidget(columns: tableColumns, rowCount: rows.count, styles: ListPane.tableStyles(context.theme), glyphs: context.glyphs) { r in
            let e = entries[rows[r]]
            return cols.map { cell($0, e) }
        }
        return (g, cols, widget)
    }

    /// Pounds in full (`£229,000`), without trapping on figures too large for an Int.
    static func exactPounds(_ value: Double) -> String {
        if abs(value) < 1e15, let whole = Int(exactly: value.rounded()) { return "£" + NumberFormat.grouped(whole) }
        return "£" + NumberFormat.fixed(value, 0)
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
        case .series: return e.dataSummary
        }
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        if let p = openRecord {
            return Self.recordDocument(context, entry: p, width: area.width).render(into: &buffer, area: area, scroll: recordScroll)
        }
        let (g, cols, table) = Self.geometry(self, context, area: area)
        if let f = g.filterLine {
            ListPane.renderFilterLine(context, filter: list.filter, shown: list.rows.count, total: context.index.partners.count, noun: "partners",
                                      into: &buffer, area: f)
        }
        var ts = list.table
        ts.sortColumn = list.sortColumn.flatMap { id in cols.firstIndex { $0.rawValue == id } }
        ts.sortAscending = list.ascending
        ts.offset = table.effectiveOffset(area: g.table, state: ts)
        table.render(into: &buffer, area: g.table, state: ts)
        if list.rows.isEmpty, g.table.height > 1 {
            buffer.putTruncated("No partners match the filter (Esc clears it).", x: g.table.x + 2, y: g.table.y + 1,
                                maxWidth: g.table.width - 2, style: context.theme.dim)
        }
        if let d = g.detail, let row = list.selectedRow {
            var doc = Document(width: d.width, theme: context.theme, glyphs: context.glyphs)
            doc.text(context.index.partners[row].record?.summary ?? "Named in uptake.csv only; partners.csv has no record.", style: context.theme.dim)
            doc.render(into: &buffer, area: d, offset: 0)
        }
        let regions = ListPane.regions(widget: table, area: g.table, state: ts, columnIDs: cols.map(\.rawValue))
        return PaneFrame(regions: regions, viewport: Viewport(rows: table.visibleRows(in: g.table), contentRows: list.rows.count))
    }

    /// The full record of partner entry `p`: every field, its uptake series, surveys and case studies.
    static func recordDocument(_ context: PaneContext, entry p: Int, width: Int) -> Document {
        let theme = context.theme
        let e = context.index.partners[p]
        let ds = context.dataset
        var doc = Document(width: width, theme: theme, glyphs: context.glyphs)
        doc.heading(e.name)
        // Every label lines up, the longest extra column's ("Proxy population note") included.
        let lw = max(19, (e.record?.extraFields ?? []).map { TerminalText.width(Self.fieldLabel($0.name)) + 1 }.max() ?? 0)
        if let r = e.record {
            doc.field("Area", r.area, labelWidth: lw)
            doc.field("Programme", r.programme, labelWidth: lw)
            doc.field("Kind", r.kind, labelWidth: lw)
            doc.field("Funding", r.fundingGBP.map { context.glyphs.money(Self.exactPounds($0)) }, labelWidth: lw)
            doc.field("Residents reached", r.residentsReached.map(NumberFormat.grouped), labelWidth: lw)
            let reported = r.reportedChangePct.map { NumberFormat.signed($0, r.reportedChangeDecimals ?? 2) + "%" }
            doc.field("Reported change", reported, labelWidth: lw)
            for s in e.series {
                if let check = context.index.table.rows[s].reportedCheck {
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
            let row = context.index.table.rows[s]
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
            // What check found in this series' rows: notes (an impossible published percentage), warnings.
            for d in ds.diagnostics(for: row.series) {
                let style = d.severity == .error ? theme.error : (d.severity == .warning ? theme.warning : theme.dim)
                doc.text(d.formatted, style: style, indent: 4, hanging: 6)
            }
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
            doc.text(context.glyphs.bullet + " " + cs.title + (cs.place.map { " (\($0))" } ?? ""), indent: 2, hanging: 4)
            doc.text("On the Case studies pane", style: theme.dim, indent: 4)
        }
        if let bank = context.insights { doc.partnerInsights(e.name, bank, sharedScreen: context.sharedScreen) }
        return doc
    }
}
