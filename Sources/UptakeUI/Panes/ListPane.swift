import UptakeCore

/// A filter being typed or applied: the text, whether it is being typed, and what it was before (Esc restores it).
public struct FilterField: Hashable, Sendable {
    /// The filter text (a substring, matched ignoring case and accents: ``TextFold``).
    public var text = ""
    /// True while the user is typing it.
    public var editing = false
    /// The text as it was when typing began.
    var before = ""

    /// True when a filter line is shown (typing, or a filter set).
    var isShown: Bool { editing || !text.isEmpty }

    /// How the text changed.
    enum Change { case none, grew, other }

    /// Applies a filter command; `.ignored` when the command is not about the filter.
    mutating func handle(_ command: PaneCommand) -> (outcome: PaneOutcome, change: Change) {
        switch command {
        case .beginFilter:
            editing = true
            before = text
            return (.handled, .none)
        case .filterInput(let s):
            guard editing else { return (.ignored, .none) }
            let clean = TerminalText.sanitize(s)
            guard !clean.isEmpty else { return (.handled, .none) }
            text += clean
            return (.handled, .grew)
        case .filterBackspace:
            guard editing, !text.isEmpty else { return (.handled, .none) }
            text.removeLast()
            return (.handled, .other)
        case .endFilter(let commit):
            editing = false
            if !commit, text != before { text = before; return (.handled, .other) }
            return (.handled, .none)
        case .back:
            // Esc while typing cancels; Esc with a filter set clears it.
            if editing { return handle(.endFilter(commit: false)) }
            if !text.isEmpty { text = ""; return (.handled, .other) }
            return (.ignored, .none)
        default:
            return (.ignored, .none)
        }
    }

    /// True when any of `fields` contains the filter, ignoring case and accents (``TextFold``); everything
    /// matches an empty filter.
    func matches(_ fields: [String]) -> Bool {
        guard !text.isEmpty else { return true }
        let needle = TextFold.folded(text)
        return fields.contains { TextFold.folded($0).contains(needle) }
    }
}

/// Selection, filter and sort of one list (the uptake table or the partners list), with its derived row order.
///
/// `sorted` and `rows` are index arrays into the dataset index, recomputed only
/// when the sort, the filter or the data change, never per frame.
public struct ListState: Sendable {
    /// Selection and scroll of the table widget (its `sortColumn` is set at render time).
    public var table = TableState(selected: 0)
    /// The filter.
    public var filter = FilterField()
    /// The sort column id (`UptakeColumn`/`PartnerColumn` raw value), or nil for file order.
    public var sortColumn: Int?
    /// Sort direction.
    public var ascending = true
    /// Every row, in sort order.
    public internal(set) var sorted: [Int] = []
    /// The rows shown: `sorted` narrowed by the filter.
    public internal(set) var rows: [Int] = []

    /// The row id (into the table or partner list) of the selected row.
    public var selectedRow: Int? { table.selected.flatMap { $0 < rows.count ? rows[$0] : nil } }

    /// Recomputes the order for the current sort, then the filter; the selected row stays selected.
    /// `keys` are read only when a filter is set (an empty filter keeps every row).
    mutating func resort(order: (Int?, Bool) -> [Int], keys: @autoclosure () -> SearchKeys) {
        let keep = selectedRow
        sorted = order(sortColumn, ascending)
        refilter(keys: keys(), narrowing: false, keeping: keep)
    }

    /// Re-applies the filter; `narrowing` filters the rows already shown (the filter only grew).
    mutating func refilter(keys: @autoclosure () -> SearchKeys, narrowing: Bool, keeping: Int?? = nil) {
        let keep = keeping ?? selectedRow
        let base = narrowing ? rows : sorted
        // An empty filter matches every row (as `SearchKeys.filter` answers it), so the keys are not needed.
        rows = filter.text.isEmpty ? base : keys().filter(base, query: filter.text)
        select(keeping: keep)
    }

    /// Selects row id `keep` where it now is; when it is gone (or nil), the first row.
    mutating func select(keeping keep: Int?) {
        if rows.isEmpty { table.selected = nil; table.offset = 0; return }
        if let keep, let i = rows.firstIndex(of: keep) { table.selected = i; return }
        table.selected = 0
        table.offset = 0
    }

    /// Keeps the selection's position (clamped) after the rows were rebuilt from new data.
    mutating func clampSelection(to position: Int?) {
        if rows.isEmpty { table.selected = nil; table.offset = 0; return }
        table.selected = min(max(0, position ?? 0), rows.count - 1)
    }

    /// Applies the commands every sortable list shares. `columns` are the sortable column ids in `s` order.
    /// Returns nil for commands that are not a list's (open, for one, is the pane's).
    mutating func handle(_ command: PaneCommand, viewport: Viewport, columns: [Int], order: (Int?, Bool) -> [Int],
                         keys: @autoclosure () -> SearchKeys, naturalAscending: (Int) -> Bool = { _ in true }) -> PaneOutcome? {
        let (outcome, change) = filter.handle(command)
        switch change {
        case .grew: refilter(keys: keys(), narrowing: true); return outcome
        case .other: refilter(keys: keys(), narrowing: false); return outcome
        case .none: if outcome != .ignored { return outcome }
        }
        switch command {
        case .move(let d), .scroll(let d): move(by: d, viewport: viewport)
        case .page(let d): move(by: d.multipliedClamped(viewport.rows), viewport: viewport)
        case .home: move(by: Int.min / 2, viewport: viewport)
        case .end: move(by: Int.max / 2, viewport: viewport)
        case .sortBy(let column):
            guard columns.contains(column) else { return .handled }
            // A column's natural order first: names A to Z, figures largest first.
            if sortColumn == column { ascending.toggle() } else { sortColumn = column; ascending = naturalAscending(column) }
            resort(order: order, keys: keys())
        case .cycleSort:
            if let c = sortColumn, let i = columns.firstIndex(of: c) {
                sortColumn = i + 1 < columns.count ? columns[i + 1] : nil
            } else {
                sortColumn = columns.first
            }
            ascending = sortColumn.map(naturalAscending) ?? true
            resort(order: order, keys: keys())
        case .reverseSort:
            ascending.toggle()
            resort(order: order, keys: keys())
        default:
            return nil
        }
        return .handled
    }

    /// A click on row `r` (display order): selects it; true when it was already selected (the click opens it).
    mutating func click(row r: Int) -> Bool {
        guard r >= 0, r < rows.count else { return false }
        if table.selected == r { return true }
        table.selected = r
        return false
    }

    mutating func move(by d: Int, viewport: Viewport) {
        table.moveSelection(by: d, rowCount: rows.count, visibleRows: viewport.rows)
    }
}

extension Int {
    /// `self * m`, clamped to the range of Int instead of trapping.
    func multipliedClamped(_ m: Int) -> Int {
        let (r, o) = multipliedReportingOverflow(by: m)
        return o ? ((self < 0) != (m < 0) ? Int.min / 2 : Int.max / 2) : r
    }
}

/// What the uptake table and the partners list share: a filter line, a table and an optional detail line.
struct ListGeometry {
    /// The filter line, when a filter is set or being typed.
    var filterLine: Rect?
    /// The table (header row included).
    var table: Rect
    /// Lines under the table for the selected row's detail.
    var detail: Rect?

    init(area: Rect, filter: FilterField, detailLines: Int) {
        var rest = area
        if filter.isShown {
            filterLine = Rect(x: area.x, y: area.y, width: area.width, height: 1)
            rest = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        if detailLines > 0, rest.height >= 8 {
            detail = Rect(x: rest.x, y: rest.maxY - detailLines, width: rest.width, height: detailLines)
            rest.height -= detailLines + 1
        }
        table = rest
    }
}

enum ListPane {
    /// The filter line: `/vc▏  2 of 6   Enter apply · Esc cancel` while typing, `Filter: vc …` after.
    static func renderFilterLine(_ context: PaneContext, filter: FilterField, shown: Int, total: Int, noun: String,
                                 into buffer: inout Buffer, area: Rect) {
        let theme = context.theme
        var x = area.x
        if filter.editing {
            x += buffer.put("/", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent)
            // Show the end of a long filter, so the cursor stays visible: measured from the end, only as far as fits.
            let shownText = tail(of: filter.text, width: max(0, area.width / 2))
            x += buffer.put(shownText, x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent.adding(.underline))
            x += buffer.put(context.glyphs == .ascii ? "_" : "▏", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent)
        } else {
            x += buffer.put("Filter: ", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.dim)
            x += buffer.putTruncated(String(filter.text.prefix(area.width)), x: x, y: area.y, maxWidth: max(0, min(area.width / 2, area.maxX - x)),
                                     style: theme.accent, ellipsis: context.glyphs.ellipsis)
        }
        let info = "  \(NumberFormat.grouped(shown)) of \(NumberFormat.grouped(total)) \(noun)"
            + (filter.editing ? "  (Enter apply · Esc cancel)" : "  (/ edit · Esc clear)")
        buffer.putTruncated(info, x: x, y: area.y, maxWidth: area.maxX - x, style: theme.dim, ellipsis: context.glyphs.ellipsis)
    }

    /// The longest end of `text` at most `width` columns wide, measured character by character from the end
    /// (so a long paste costs the width shown, not the text's length squared).
    static func tail(of text: String, width: Int) -> String {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let before = text.index(before: start)
            let w = TerminalText.width(of: text[before])
            if used + w > width { break }
            used += w
            start = before
        }
        return String(text[start...])
    }

    static func tableStyles(_ theme: Theme) -> TableStyles {
        TableStyles(header: theme.header, row: theme.text, selected: theme.selection)
    }

    /// Click regions for a table: its header cells sort, its rows select (and open when already selected).
    static func regions(widget: TableWidget, area: Rect, state: TableState, columnIDs: [Int]) -> [HitRegion] {
        guard !area.isEmpty else { return [] }
        var out: [HitRegion] = []
        for (i, r) in widget.columnRanges(area: area).enumerated() where i < columnIDs.count && !r.isEmpty {
            out.append(HitRegion(Rect(x: r.lowerBound, y: area.y, width: r.count, height: 1), .pane(.sortBy(columnIDs[i]))))
        }
        for y in (area.y + 1)..<area.maxY {
            guard let row = widget.rowAt(y: y, area: area, state: state) else { continue }
            out.append(HitRegion(Rect(x: area.x, y: y, width: area.width, height: 1), .pane(.clickRow(row))))
        }
        return out
    }
}

/// The scroll of a document pane: an offset kept within what the last frame said the document needs.
public struct DocumentScroll: Hashable, Sendable {
    /// The first line shown.
    public var offset = 0

    /// Applies a moving command; nil when the command is not a moving one.
    mutating func handle(_ command: PaneCommand, viewport: Viewport) -> PaneOutcome? {
        let delta: Int
        switch command {
        case .move(let d), .scroll(let d): delta = d
        case .page(let d): delta = d.multipliedClamped(viewport.rows)
        case .home: delta = Int.min / 2
        case .end: delta = Int.max / 2
        default: return nil
        }
        let limit = viewport.maximumOffset ?? Int.max / 2
        offset = min(max(0, offset.addingClamped(delta)), max(0, limit))
        return .handled
    }
}

extension Document {
    /// Draws the document at `scroll` and reports its viewport (a page, and how far it scrolls).
    func render(into buffer: inout Buffer, area: Rect, scroll: DocumentScroll) -> PaneFrame {
        render(into: &buffer, area: area, offset: scroll.offset)
        return PaneFrame(viewport: Viewport(rows: area.height, maximumOffset: max(0, lines.count - area.height)))
    }
}
