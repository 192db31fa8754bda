import UptakeCore

/// Pane 7: the insight bank: the list with search and filters, the full insight in a reader,
/// a matrix of counts by code and partner that drills down to the insights behind a cell,
/// and a form to record an insight or change its codes (not on a shared screen).
///
/// It never touches the database: the default view comes with the data (``PaneContext/insights``),
/// other queries go out as ``PaneOutcome/loadInsights(_:)`` and come back through ``receive(_:)``,
/// changes as ``PaneOutcome/changeInsight(_:)``. On a shared screen sensitive insights are dropped
/// here too, whatever the snapshot holds.
public struct InsightsPane: PaneModel {
    public let id = "insights"
    public let title = "Insights"

    /// The list or the matrix.
    public enum View: Hashable, Sendable { case list, matrix }

    /// The query shown (the default one is answered by the data's own snapshot).
    public internal(set) var query = InsightsPane.defaultQuery
    /// The answer to `query` when it is not the default one.
    public internal(set) var answer: InsightSnapshot?
    /// List or matrix.
    public internal(set) var view = View.list
    /// The selected row of the list.
    public internal(set) var selected = 0
    /// The insight open in the reader (its id), or nil.
    public internal(set) var reading: Int64?
    /// Scroll of the reader and of the form.
    public internal(set) var scroll = DocumentScroll()
    /// The search being typed (`/`).
    public internal(set) var search = FilterField()
    /// The matrix cursor (code row, partner column).
    public internal(set) var cell = (row: 0, column: 0) as (row: Int, column: Int)
    /// The form, when open.
    public internal(set) var form: InsightForm?
    /// A new insight's date when the data's load time gives none (tests set it).
    public var today = "2026-01-01"

    /// The view that comes with the data: the 500 newest insights.
    public static let defaultQuery = InsightQuery(includeSensitive: true, limit: 500)

    /// Creates the pane.
    public init(_ context: PaneContext) {}

    /// The query to ask again when new data arrives (nil: the data's own snapshot answers it).
    public var pendingQuery: InsightQuery? { query == Self.defaultQuery ? nil : query }

    /// The snapshot shown: the pane's answer, else the one loaded with the data.
    func snapshot(_ context: PaneContext) -> InsightSnapshot? {
        if let answer { return answer }
        return query == Self.defaultQuery ? context.insights : nil
    }

    /// The insights shown (never a sensitive one on a shared screen).
    func rows(_ context: PaneContext) -> [Insight] {
        let all = snapshot(context)?.insights ?? []
        return context.sharedScreen ? all.filter { !$0.sensitive } : all
    }

    /// The matrix shown.
    func matrix(_ context: PaneContext) -> InsightMatrix { snapshot(context)?.matrix ?? InsightMatrix() }

    public func heading(_ context: PaneContext, width: Int) -> String {
        if form != nil { return "Insights: record" }
        guard let s = snapshot(context) else { return context.insights == nil ? "Insights: no insight bank" : "Insights: loading…" }
        var parts: [String] = []
        if let t = query.text, !t.isEmpty { parts.append("search: " + t) }
        if let c = query.code { parts.append("code: " + c) }
        if let p = query.partner { parts.append("partner: " + p) }
        let scope = parts.isEmpty ? "" : "  (" + parts.joined(separator: ", ") + "; Esc clears)"
        if !s.exists { return "Insights: no insight bank yet" }
        if view == .matrix { return "Insights by code and partner" + scope }
        return "Insights: \(NumberFormat.grouped(rows(context).count)) of \(NumberFormat.grouped(s.total))" + scope
    }

    static let listKeys: [KeyBinding] = [
        KeyBinding(KeyBinding.ch("/"), "/", "search the insights (every word, as a prefix)", section: .lists, .action(.pane(.beginFilter)), hint: "search"),
        KeyBinding([.enter], "Enter", "read the insight (drill down, in the matrix)", section: .lists, .action(.pane(.open)), hint: "read"),
        KeyBinding(KeyBinding.ch("m"), "m", "the matrix of counts by code and partner (and back)", section: .lists, .action(.pane(.letter("m"))), hint: "matrix"),
    ]
    static let editKeys: [KeyBinding] = [
        KeyBinding(KeyBinding.ch("a"), "a", "record an insight", section: .lists, .action(.pane(.letter("a"))), hint: "add"),
        KeyBinding(KeyBinding.ch("c"), "c", "change the selected insight's codes", section: .lists, .action(.pane(.letter("c"))), hint: "code"),
    ]
    static let matrixKeys: [KeyBinding] = [
        KeyBinding([.left], "←", "previous partner", section: .lists, .action(.pane(.cursor(-1)))),
        KeyBinding([.right], "→", "next partner", section: .lists, .action(.pane(.cursor(1)))),
    ]

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        if form != nil { return InsightForm.keys }
        if search.editing { return KeyBinding.filterEditing }
        if reading != nil { return context.sharedScreen ? [] : [Self.editKeys[1]] }
        var keys = (view == .matrix ? Self.matrixKeys : []) + Self.listKeys
        if !context.sharedScreen && context.insights != nil { keys += Self.editKeys }
        return keys
    }

    public var capturesText: Bool { form != nil || search.editing }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        if form != nil { return handleForm(command, context) }
        if search.editing || command == .beginFilter {
            let (outcome, _) = search.handle(command)
            if case .endFilter(let commit) = command, commit {
                let text = search.text
                return ask(with: { $0.text = text.isEmpty ? nil : text })
            }
            if outcome != .ignored { return outcome }
        }
        if reading != nil {
            switch command {
            case .back:
                reading = nil
                scroll = DocumentScroll()
                return .handled
            case .letter("c"): return openRecoding(context)
            default: return scroll.handle(command, viewport: context.viewport) ?? .ignored
            }
        }
        switch command {
        case .letter("m"):
            view = view == .list ? .matrix : .list
            return .handled
        case .letter("a"):
            guard !context.sharedScreen, let s = context.insights else { return .handled }
            // The day the data was loaded (local time) stands for today: the UI reads no clock.
            let loaded = String(context.loadedAt.prefix(10))
            form = InsightForm(methods: s.methods, partners: context.dataset.partners.map(\.name), codes: s.codes.map(\.name),
                               today: Insight.isDate(loaded) ? loaded : today)
            scroll = DocumentScroll()
            return .handled
        case .letter("c"):
            return openRecoding(context)
        case .back:
            search.editing = false
            if query != Self.defaultQuery {
                search.text = ""
                return ask(with: { $0 = Self.defaultQuery })
            }
            if view == .matrix { view = .list; return .handled }
            return .ignored
        default: break
        }
        return view == .matrix ? handleMatrix(command, context) : handleList(command, context)
    }

    mutating func handleList(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let list = rows(context)
        switch command {
        case .move(let d), .scroll(let d): selected = min(max(0, selected + d), max(0, list.count - 1))
        case .page(let d): selected = min(max(0, selected + d * context.viewport.rows), max(0, list.count - 1))
        case .home: selected = 0
        case .end: selected = max(0, list.count - 1)
        case .clickRow(let r):
            guard list.indices.contains(r) else { return .handled }
            if selected == r { return handleList(.open, context) }
            selected = r
        case .open:
            guard list.indices.contains(selected) else { return .handled }
            reading = list[selected].id
            scroll = DocumentScroll()
        default: return .ignored
        }
        return .handled
    }

    mutating func handleMatrix(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let m = matrix(context)
        switch command {
        case .move(let d), .scroll(let d): cell.row = min(max(0, cell.row + d), max(0, m.codes.count - 1))
        case .cursor(let d): cell.column = min(max(0, cell.column + d), max(0, m.columns.count - 1))
        case .home: cell = (0, 0)
        case .open:
            guard m.codes.indices.contains(cell.row), m.columns.indices.contains(cell.column) else { return .handled }
            let code = m.codes[cell.row], partner = m.columns[cell.column]
            view = .list
            return ask(with: { $0.code = code; $0.partner = partner })
        default: return .ignored
        }
        return .handled
    }

    mutating func openRecoding(_ context: PaneContext) -> PaneOutcome {
        guard !context.sharedScreen, let s = snapshot(context) else { return .handled }
        let list = rows(context)
        let target = reading.flatMap { id in list.first { $0.id == id } } ?? (list.indices.contains(selected) ? list[selected] : nil)
        guard let insight = target else { return .handled }
        form = InsightForm(recoding: insight, codes: s.codes.map(\.name))
        scroll = DocumentScroll()
        return .handled
    }

    mutating func handleForm(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        if command == .back || command == .endFilter(commit: false) {
            form = nil
            scroll = DocumentScroll()
            return .handled
        }
        if case .page = command { return scroll.handle(command, viewport: context.viewport) ?? .handled }
        guard let change = form!.handle(command) else { return .handled }
        return context.sharedScreen ? .handled : .changeInsight(change)
    }

    /// Changes the query and asks for its answer (the default query needs no asking: the data carries it).
    mutating func ask(with change: (inout InsightQuery) -> Void) -> PaneOutcome {
        change(&query)
        selected = 0
        reading = nil
        answer = nil
        return query == Self.defaultQuery ? .handled : .loadInsights(query)
    }

    /// An answer arrived: kept when it answers the current query.
    public mutating func receive(_ snapshot: InsightSnapshot) {
        // A shared screen asks without sensitive insights: the answer is still to this query.
        var asked = snapshot.query
        asked.includeSensitive = query.includeSensitive
        guard asked == query else { return }
        answer = snapshot
        selected = min(selected, max(0, snapshot.insights.count - 1))
    }

    /// A save ended: the form closes on success and stays, with the reason, on failure.
    public mutating func saved(error: String?) {
        if let error { form?.problem = error } else { form = nil; scroll = DocumentScroll() }
    }

    public mutating func receive(_ request: PaneRequest, _ context: PaneContext) -> Bool {
        guard case .insightsOf(let partner) = request else { return false }
        form = nil
        view = .list
        search.text = ""
        _ = ask(with: { $0 = Self.defaultQuery; $0.partner = partner })
        return true
    }

    public mutating func willShow() { search.editing = false }

    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {
        // The data's own snapshot is fresher than an earlier answer to the default view.
        if query == Self.defaultQuery {
            answer = nil
            selected = min(selected, max(0, (new.insights?.insights.count ?? 1) - 1))
        }
    }

    // MARK: - Drawing

    public func render(_ context: PaneContext, into buffer: inout Buffer, area full: Rect) -> PaneFrame {
        let theme = context.theme
        if let form {
            return form.document(context, width: full.width).render(into: &buffer, area: full, scroll: scroll)
        }
        guard let s = snapshot(context) else {
            let message = context.insights == nil
                ? "No insight bank: record one with `uptake insights add` or import sample-data/insights.csv (uptake insights import)."
                : "Loading the insights…"
            buffer.putTruncated(message, x: full.x, y: full.y, maxWidth: full.width, style: theme.dim)
            return PaneFrame()
        }
        if let error = s.error {
            buffer.putTruncated("The insight bank could not be read: " + error, x: full.x, y: full.y, maxWidth: full.width, style: theme.error)
            return PaneFrame()
        }
        var area = full
        if search.isShown {
            ListPane.renderFilterLine(context, filter: search, shown: rows(context).count, total: s.total, noun: "insights", into: &buffer,
                                      area: Rect(x: full.x, y: full.y, width: full.width, height: 1))
            area = Rect(x: full.x, y: full.y + 1, width: full.width, height: max(0, full.height - 1))
        }
        if let id = reading, let insight = rows(context).first(where: { $0.id == id }) {
            return Self.readerDocument(context, insight, width: area.width).render(into: &buffer, area: area, scroll: scroll)
        }
        return view == .matrix ? renderMatrix(context, into: &buffer, area: area) : renderList(context, into: &buffer, area: area)
    }

    /// The full insight: every field and the text, wrapped.
    static func readerDocument(_ context: PaneContext, _ i: Insight, width: Int) -> Document {
        var doc = Document(width: width, theme: context.theme, glyphs: context.glyphs)
        doc.heading("Insight #\(i.id ?? 0)" + (i.sensitive ? "  (personal or sensitive)" : ""))
        doc.blank()
        doc.text(i.text, indent: 2)
        doc.blank()
        doc.field("Gathered", i.gathered.isEmpty ? "not stated in the source" : i.gathered, labelWidth: 12)
        doc.field("Method", i.method, labelWidth: 12)
        doc.field("Place", i.place, labelWidth: 12)
        doc.field("Partner", i.partner, labelWidth: 12)
        doc.field("Codes", i.codes.isEmpty ? nil : i.codes.joined(separator: "; "), labelWidth: 12)
        doc.field("Recorded by", i.recordedBy, labelWidth: 12)
        doc.field("Source", i.source, labelWidth: 12)
        doc.field("Updated", i.updatedAt, labelWidth: 12)
        return doc
    }

    func renderList(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        let theme = context.theme
        let list = rows(context)
        guard !list.isEmpty else {
            let snapshot = snapshot(context)
            let canAdd = !context.sharedScreen
            let message: String
            if snapshot?.exists == false {
                message = canAdd ? "No insight bank yet: press a to record the first insight; saving it creates the bank." : "No insight bank yet."
            } else if query == Self.defaultQuery {
                message = "The insight bank is empty" + (canAdd ? ": press a to record an insight." : ".")
            } else {
                message = "No insights match (Esc clears)."
            }
            buffer.putTruncated(message, x: area.x, y: area.y, maxWidth: area.width, style: theme.dim, ellipsis: context.glyphs.ellipsis)
            if let location = snapshot?.location, area.height > 1 {
                buffer.putTruncated("Bank: " + location, x: area.x, y: area.y + 1, maxWidth: area.width, style: theme.dim, ellipsis: context.glyphs.ellipsis)
            }
            return PaneFrame()
        }
        let height = max(1, area.height)
        let current = min(selected, list.count - 1)
        let first = max(0, min(current - height / 2, list.count - height))
        var regions: [HitRegion] = []
        let partnerWidth = min(22, max(8, area.width / 5))
        for (row, i) in list[first...].prefix(height).enumerated() {
            let index = first + row
            let y = area.y + row
            let isSelected = index == current
            let style = isSelected ? theme.selection : theme.text
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = area.x
            x += buffer.put(isSelected ? context.glyphs.selectionMarker : " ", x: x, y: y, maxWidth: 1, style: style) + 1
            x += buffer.put(i.gathered.isEmpty ? "no date" : i.gathered, x: x, y: y, maxWidth: 10, style: isSelected ? style : theme.dim) + 1
            buffer.putTruncated(i.partner ?? "—", x: x, y: y, maxWidth: partnerWidth, style: style, ellipsis: context.glyphs.ellipsis)
            x += partnerWidth + 1
            let marker = i.sensitive ? "! " : ""
            if !marker.isEmpty { x += buffer.put(marker, x: x, y: y, maxWidth: 2, style: isSelected ? style : theme.warning) }
            let codes = i.codes.isEmpty ? "" : "  [" + i.codes.joined(separator: "; ") + "]"
            buffer.putTruncated(Self.oneLine(i.text) + codes, x: x, y: y, maxWidth: max(0, area.maxX - x), style: style, ellipsis: context.glyphs.ellipsis)
            regions.append(HitRegion(Rect(x: area.x, y: y, width: area.width, height: 1), .pane(.clickRow(index))))
        }
        return PaneFrame(regions: regions, viewport: Viewport(rows: height))
    }

    /// The text on one line: line breaks and tabs become spaces.
    static func oneLine(_ s: String) -> String {
        String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    func renderMatrix(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        let theme = context.theme
        let m = matrix(context)
        guard !m.codes.isEmpty else {
            buffer.putTruncated("No coded insights yet.", x: area.x, y: area.y, maxWidth: area.width, style: theme.dim)
            return PaneFrame()
        }
        let codeWidth = min(max(12, area.width / 3), (m.codes.map { TerminalText.width($0) }.max() ?? 12) + 2)
        let cellWidth = 10
        let visibleColumns = max(1, (area.width - codeWidth) / cellWidth)
        let firstColumn = max(0, min(cell.column - visibleColumns + 1, m.columns.count - visibleColumns))
        let columns = Array(m.columns.indices.dropFirst(firstColumn).prefix(visibleColumns))
        // Header: partner names, cut to the cell.
        for (k, c) in columns.enumerated() {
            buffer.putTruncated(m.columns[c], x: area.x + codeWidth + k * cellWidth, y: area.y, maxWidth: cellWidth - 1,
                                style: c == cell.column ? theme.accent : theme.header, ellipsis: context.glyphs.ellipsis)
        }
        let rowsShown = max(1, area.height - 1)
        let firstRow = max(0, min(cell.row - rowsShown + 1, m.codes.count - rowsShown))
        let maximum = max(1, m.maximum)
        for (k, r) in m.codes.indices.dropFirst(firstRow).prefix(rowsShown).enumerated() {
            let y = area.y + 1 + k
            buffer.putTruncated(m.codes[r], x: area.x, y: y, maxWidth: codeWidth - 1, style: r == cell.row ? theme.accent : theme.text,
                                ellipsis: context.glyphs.ellipsis)
            for (j, c) in columns.enumerated() {
                let n = m.counts[r][c]
                let x = area.x + codeWidth + j * cellWidth
                let isCursor = r == cell.row && c == cell.column
                let count = TerminalText.pad(n == 0 ? "·" : String(n), toWidth: 4, alignment: .right)
                buffer.put(count, x: x, y: y, maxWidth: 4, style: isCursor ? theme.selection : (n == 0 ? theme.dim : theme.text))
                // A bar: the cell's share of the largest count, in up to 4 cells of eighths.
                let eighths = n == 0 ? 0 : max(1, n * 32 / maximum)
                buffer.put(Self.bar(eighths, glyphs: context.glyphs), x: x + 5, y: y, maxWidth: 4, style: theme.barFill)
            }
        }
        return PaneFrame(viewport: Viewport(rows: rowsShown))
    }

    /// A horizontal bar of `eighths` eighths of a cell (at most 4 cells).
    static func bar(_ eighths: Int, glyphs: Glyphs) -> String {
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let full = min(4, eighths / 8), rest = full == 4 ? 0 : eighths % 8
        return String(repeating: "█", count: full) + partial[rest]
    }
}

extension InsightsPane {
    /// `e`: the insights shown, as CSV and Markdown; sensitive insights are always left out of a dashboard
    /// export (the command line's `insights export --include-sensitive` is the deliberate way to include them).
    public func exports(_ context: PaneContext) -> [PaneExport] {
        let shown = rows(context).filter { !$0.sensitive }
        let table = ExportTable(title: "Insights (sensitive insights left out)",
                                columns: ["gathered", "method", "place", "partner", "codes", "text", "source"],
                                rows: shown.map { [$0.gathered, $0.method, $0.place ?? "", $0.partner ?? "", $0.codes.joined(separator: "; "), $0.text, $0.source ?? ""] })
        return PaneExport.table(id, table)
    }
}
