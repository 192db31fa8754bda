import UptakeCore

/// A row of numbered tabs ("1 Overview  2 Partners"), the selected one highlighted.
public struct TabBar: Sendable {
    /// Tab titles, in order; each is shown with its 1-based number in front.
    public var titles: [String]
    /// Index of the selected tab.
    public var selected: Int
    /// Style of the bar and unselected tabs.
    public var style: Style
    /// Style of the selected tab.
    public var selectedStyle: Style
    /// Characters (the ellipsis for a cut last tab).
    public var glyphs: Glyphs

    /// Creates a tab bar.
    public init(titles: [String], selected: Int, style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse), glyphs: Glyphs = .unicode) {
        self.titles = titles
        self.selected = selected
        self.style = style
        self.selectedStyle = selectedStyle
        self.glyphs = glyphs
    }

    /// The text of tab `i` as drawn, with its padding.
    public func label(_ i: Int) -> String { " \(i + 1) \(titles[i]) " }

    /// The x-range each tab occupies in `area` (clipped; tabs past the edge get empty ranges).
    public func tabRanges(area: Rect) -> [Range<Int>] {
        let widths = titles.indices.map { TerminalText.width(TerminalText.sanitize(label($0))) }
        // When the tabs do not all fit, the first ones are dropped until the selected one does:
        // the selected tab is always on screen.
        var first = 0
        let sel = min(max(0, selected), max(0, titles.count - 1))
        while first < sel, widths[first...sel].reduce(0, +) > area.width { first += 1 }
        var x = area.x
        return titles.indices.map { i in
            guard i >= first else { return area.x..<area.x }
            let start = min(x, area.maxX)
            let end = min(x + widths[i], area.maxX)
            x += widths[i]
            return start..<end
        }
    }

    public func tabAt(x: Int, area: Rect) -> Int? {
        tabRanges(area: area).firstIndex { $0.contains(x) }
    }

    /// Draws the tabs on the first row of `area`.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        for (i, r) in tabRanges(area: area).enumerated() where !r.isEmpty {
            buffer.putTruncated(label(i), x: r.lowerBound, y: area.y, maxWidth: r.count,
                                style: i == selected ? selectedStyle : style, ellipsis: glyphs.ellipsis)
        }
    }
}
