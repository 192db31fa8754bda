import UptakeCore

/// What the uptake table and the partners list share: a filter line, a table and an optional detail line.
struct ListGeometry {
    /// The filter line, when a filter is set or being typed.
    var filterLine: Rect?
    /// The table (header row included).
    var table: Rect
    /// Lines under the table for the selected row's detail.
    var detail: Rect?

    init(area: Rect, list: ListState, detailLines: Int) {
        var rest = area
        if list.editingFilter || !list.filter.isEmpty {
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
    static func renderFilterLine(_ state: AppState, list: ListState, total: Int, noun: String, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        var x = area.x
        if list.editingFilter {
            x += buffer.put("/", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent)
            // Show the end of a long filter, so the cursor stays visible.
            let room = max(0, area.width / 2)
            var shown = list.filter
            while TerminalText.width(shown) > room, !shown.isEmpty { shown.removeFirst() }
            x += buffer.put(shown, x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent.adding(.underline))
            x += buffer.put(state.glyphs == .ascii ? "_" : "▏", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.accent)
        } else {
            x += buffer.put("Filter: ", x: x, y: area.y, maxWidth: area.maxX - x, style: theme.dim)
            x += buffer.putTruncated(list.filter, x: x, y: area.y, maxWidth: max(0, min(area.width / 2, area.maxX - x)), style: theme.accent,
                                     ellipsis: state.glyphs.ellipsis)
        }
        let info = "  \(list.rows.count) of \(total) \(noun)" + (list.editingFilter ? "  (Enter apply · Esc cancel)" : "  (/ edit · Esc clear)")
        buffer.putTruncated(info, x: x, y: area.y, maxWidth: area.maxX - x, style: theme.dim, ellipsis: state.glyphs.ellipsis)
    }

    static func tableStyles(_ theme: Theme) -> TableStyles {
        TableStyles(header: theme.header, row: theme.text, selected: theme.selection)
    }
}
