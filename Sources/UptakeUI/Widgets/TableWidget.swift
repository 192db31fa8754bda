import UptakeCore

/// What survives between frames for one table: selection, scroll and sort, owned by the app.
public struct TableState: Hashable, Sendable {
    /// Index of the selected row (in display order), or nil for none.
    public var selected: Int?
    /// Index of the first row shown.
    public var offset: Int
    /// Column the rows are sorted by (shown with an arrow), or nil.
    public var sortColumn: Int?
    /// Sort direction of `sortColumn`.
    public var sortAscending: Bool

    /// Creates a state; nothing selected, scrolled to the top, unsorted by default.
    public init(selected: Int? = nil, offset: Int = 0, sortColumn: Int? = nil, sortAscending: Bool = true) {
        self.selected = selected
        self.offset = offset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
    }

    /// Moves `offset` just enough that the selected row is among `visibleRows` rows.
    public mutating func scrollToSelection(visibleRows: Int) {
        offset = max(0, offset)
        guard let selected, visibleRows > 0 else { return }
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
    }

    /// Moves the selection by `delta` rows (clamped to `0..<rowCount`) and keeps it visible.
    public mutating func moveSelection(by delta: Int, rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else { selected = nil; return }
        selected = min(max(0, (selected ?? (delta > 0 ? -1 : rowCount)) + delta), rowCount - 1)
        scrollToSelection(visibleRows: visibleRows)
    }

    /// Sorts by `column`, or flips the direction when it is already the sort column (a header click).
    public mutating func toggleSort(column: Int) {
        if sortColumn == column { sortAscending.toggle() } else { sortColumn = column; sortAscending = true }
    }
}

/// One table column: header text, how wide it is, and how its cells line up.
public struct TableColumn: Hashable, Sendable {
    /// Header text.
    public var title: String
    /// Width, resolved by `Layout` across the table.
    public var width: Constraint
    /// Alignment of the header and the cells.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Styles of a table's parts.
public struct TableStyles: Hashable, Sendable {
    /// The header row.
    public var header: Style
    /// Ordinary rows.
    public var row: Style
    /// The selected row, across its full width.
    public var selected: Style

    /// Creates table styles; by default a bold header and a reversed selection.
    public init(header: Style = Style(attributes: .bold), row: Style = .plain, selected: Style = Style(attributes: .reverse)) {
        self.header = header
        self.row = row
        self.selected = selected
    }
}

/// A scrolling table with a header, sort arrow and selection marker; rows are fetched lazily.
///
/// Only the rows in view are asked for (`cells(row)`), so a million-row table
/// costs the same to draw as a ten-row one. The widget does not sort: the app
/// sorts its row order and the table shows `state.sortColumn` with an arrow.
public struct TableWidget {
    /// The columns, left to right.
    public var columns: [TableColumn]
    /// How many rows there are.
    public var rowCount: Int
    /// The cell texts of one row, in column order; called only for visible rows.
    public var cells: (Int) -> [String]
    /// Styles of header, rows and selection.
    public var styles: TableStyles
    /// Characters for arrows, marker and ellipsis.
    public var glyphs: Glyphs
    /// Blank columns between table columns.
    public var columnSpacing: Int

    /// Columns reserved on the left for the selection marker.
    public static let markerWidth = 2

    /// Creates a table over `rowCount` rows whose texts come from `cells`.
    public init(columns: [TableColumn], rowCount: Int, styles: TableStyles = TableStyles(), glyphs: Glyphs = .unicode,
                columnSpacing: Int = 1, cells: @escaping (Int) -> [String]) {
        self.columns = columns
        self.rowCount = rowCount
        self.cells = cells
        self.styles = styles
        self.glyphs = glyphs
        self.columnSpacing = columnSpacing
    }

    /// How many data rows fit in `area` (one row goes to the header).
    public func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// The column x-ranges in `area`, in screen columns, for drawing and hit-testing.
    public func columnRanges(area: Rect) -> [Range<Int>] {
        let inner = Rect(x: area.x + Self.markerWidth, y: area.y, width: area.width - Self.markerWidth, height: 1)
        return Layout.split(inner, .horizontal, columns.map(\.width), spacing: columnSpacing).map { $0.x..<$0.maxX }
    }

    /// The column under screen column `x` (for header clicks), or nil between or outside columns.
    public func columnAt(x: Int, area: Rect) -> Int? {
        columnRanges(area: area).firstIndex { $0.contains(x) }
    }

    /// The data row under screen row `y`, or nil for the header, past the last row or outside.
    public func rowAt(y: Int, area: Rect, state: TableState) -> Int? {
        guard y > area.y, y < area.maxY else { return nil }
        let row = effectiveOffset(area: area, state: state) + (y - area.y - 1)
        return row < rowCount ? row : nil
    }

    /// The offset actually drawn: `state.offset` moved so the selection shows and clamped to the rows.
    public func effectiveOffset(area: Rect, state: TableState) -> Int {
        var s = state
        let visible = visibleRows(in: area)
        s.scrollToSelection(visibleRows: visible)
        return max(0, min(s.offset, rowCount - visible))
    }

    /// Draws header and visible rows into `area`.
    public func render(into buffer: inout Buffer, area: Rect, state: TableState) {
        guard !area.isEmpty else { return }
        let ranges = columnRanges(area: area)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: styles.header)
        for (i, column) in columns.enumerated() where i < ranges.count {
            let r = ranges[i]
            guard !r.isEmpty else { continue }
            var title = column.title
            if state.sortColumn == i {
                let arrow = state.sortAscending ? glyphs.arrowUp : glyphs.arrowDown
                let room = r.count - 1 - TerminalText.width(arrow)
                title = room > 0 ? TerminalText.truncate(title, toWidth: room, ellipsis: glyphs.ellipsis) + " " + arrow : arrow
            }
            let text = TerminalText.pad(TerminalText.truncate(title, toWidth: r.count, ellipsis: glyphs.ellipsis), toWidth: r.count, alignment: column.alignment)
            buffer.put(text, x: r.lowerBound, y: area.y, maxWidth: r.count, style: styles.header)
        }
        let offset = effectiveOffset(area: area, state: state)
        for line in 0..<visibleRows(in: area) {
            let row = offset + line
            let y = area.y + 1 + line
            let isSelected = row == state.selected
            let style = isSelected ? styles.selected : styles.row
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            guard row < rowCount else { continue }
            if isSelected {
                buffer.put(glyphs.selectionMarker, x: area.x, y: y, maxWidth: min(Self.markerWidth - 1, area.width), style: style)
            }
            let texts = cells(row)
            for (i, r) in ranges.enumerated() where i < texts.count && !r.isEmpty {
                // The row is already blank in `style`, so place the cut text instead of building a padded copy.
                // Measured once: simple text (nearly every cell) is never segmented or re-scanned.
                let (cut, cutWidth) = CellText.truncate(texts[i], toWidth: r.count, ellipsis: glyphs.ellipsis)
                let gap = r.count - cutWidth
                let dx = columns[i].alignment == .left ? 0 : columns[i].alignment == .right ? gap : gap / 2
                buffer.put(cut, x: r.lowerBound + dx, y: y, maxWidth: r.count - dx, style: style)
            }
        }
    }
}
