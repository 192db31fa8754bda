import UptakeCore

/// The bottom line: left text, key hints, right text; hints are dropped from the right when space runs out.
public struct StatusBar: Sendable {
    /// Left-aligned text (e.g. the dataset name); cut last.
    public var left: String
    /// Right-aligned text (e.g. "row 12/340"); kept whole when it fits.
    public var right: String
    /// Key hints in priority order, most important first.
    public var hints: [(key: String, label: String)]
    /// Style of the bar and texts.
    public var style: Style
    /// Style of the key part of a hint.
    public var keyStyle: Style
    /// Characters (the ellipsis for cut text).
    public var glyphs: Glyphs

    /// Creates a status bar.
    public init(left: String = "", right: String = "", hints: [(key: String, label: String)] = [],
                style: Style = Style(attributes: .reverse), keyStyle: Style = Style(attributes: [.reverse, .bold]), glyphs: Glyphs = .unicode) {
        self.left = left
        self.right = right
        self.hints = hints
        self.style = style
        self.keyStyle = keyStyle
        self.glyphs = glyphs
    }

    /// Draws the bar on the first row of `area`.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let y = area.y
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        let rightWidth = min(TerminalText.width(TerminalText.sanitize(right)), area.width)
        let rightX = area.maxX - rightWidth
        if rightWidth > 0 {
            buffer.putTruncated(right, x: rightX, y: y, maxWidth: rightWidth, style: style, ellipsis: glyphs.ellipsis)
        }
        let end = rightWidth > 0 ? rightX - 1 : area.maxX  // one space before the right text
        var x = area.x
        if !left.isEmpty, end > x {
            x += buffer.putTruncated(left, x: x, y: y, maxWidth: end - x, style: style, ellipsis: glyphs.ellipsis)
            x += 2
        }
        for hint in hints {
            let keyW = TerminalText.width(TerminalText.sanitize(hint.key))
            let labelW = TerminalText.width(TerminalText.sanitize(hint.label))
            let w = keyW + 1 + labelW
            guard x + w <= end else { break }
            buffer.put(hint.key, x: x, y: y, style: keyStyle)
            buffer.put(hint.label, x: x + keyW + 1, y: y, style: style)
            x += w + 2
        }
    }
}
