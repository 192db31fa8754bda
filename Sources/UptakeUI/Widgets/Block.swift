import UptakeCore

/// A bordered box with an optional title; other widgets render into its `inner` area.
public struct Block: Sendable {
    /// Shown in the top border after the corner, cut with an ellipsis when too long.
    public var title: String?
    /// Style of the border lines.
    public var borderStyle: Style
    /// Style of the title.
    public var titleStyle: Style
    /// Characters for the border.
    public var glyphs: Glyphs

    /// Creates a block.
    public init(title: String? = nil, borderStyle: Style = .plain, titleStyle: Style = .plain, glyphs: Glyphs = .unicode) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.glyphs = glyphs
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    /// Draws the border and title on the edge of `area`; the inside is left as it is.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let g = glyphs
        let line = String(repeating: g.horizontal, count: area.width - 2)
        buffer.put(g.topLeft + line + g.topRight, x: area.x, y: area.y, maxWidth: area.width, style: borderStyle)
        buffer.put(g.bottomLeft + line + g.bottomRight, x: area.x, y: area.maxY - 1, maxWidth: area.width, style: borderStyle)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.put(g.vertical, x: area.x, y: y, maxWidth: 1, style: borderStyle)
            buffer.put(g.vertical, x: area.maxX - 1, y: y, maxWidth: 1, style: borderStyle)
        }
        if let title, !title.isEmpty {
            buffer.putTruncated(title, x: area.x + 1, y: area.y, maxWidth: area.width - 2, style: titleStyle, ellipsis: g.ellipsis)
        }
    }
}
