import UptakeCore

/// One line of help: the keys, what they do, and the section it belongs to.
public struct HelpEntry: Hashable, Sendable {
    /// The keys as shown, e.g. "j / ↓".
    public var keys: String
    /// What the keys do.
    public var description: String
    /// The section heading this entry is listed under.
    public var section: String

    /// Creates a help entry.
    public init(keys: String, description: String, section: String) {
        self.keys = keys
        self.description = description
        self.section = section
    }
}

/// A centred, bordered help box over the screen, generated from the key map's entries.
///
/// Clears what is under it. Sections appear in the order they are first met.
/// When the content is taller than the screen, it scrolls with a `ReaderState`
/// and shows arrows on the right border where more lines are hidden.
public struct HelpOverlay: Sendable {
    /// The entries, in display order within each section.
    public var entries: [HelpEntry]
    /// Title in the top border.
    public var title: String
    /// Style of the box and descriptions.
    public var style: Style
    /// Style of section headings.
    public var sectionStyle: Style
    /// Style of the keys column.
    public var keyStyle: Style
    /// Characters for border, arrows and ellipsis.
    public var glyphs: Glyphs

    /// Creates a help overlay.
    public init(entries: [HelpEntry], title: String = "Help", style: Style = .plain, sectionStyle: Style = Style(attributes: .bold),
                keyStyle: Style = Style(attributes: .bold), glyphs: Glyphs = .unicode) {
        self.entries = entries
        self.title = title
        self.style = style
        self.sectionStyle = sectionStyle
        self.keyStyle = keyStyle
        self.glyphs = glyphs
    }

    private enum Line { case section(String), entry(HelpEntry), blank }

    private func contentLines() -> [Line] {
        var order: [String] = []
        var bySection: [String: [HelpEntry]] = [:]
        for e in entries {
            if bySection[e.section] == nil { order.append(e.section) }
            bySection[e.section, default: []].append(e)
        }
        var lines: [Line] = []
        for (i, s) in order.enumerated() {
            if i > 0 { lines.append(.blank) }
            lines.append(.section(s))
            lines += bySection[s, default: []].map(Line.entry)
        }
        return lines
    }

    private var keysWidth: Int { entries.map { TerminalText.width(glyphs.drawn($0.keys)) }.max() ?? 0 }

    /// The number of content lines (sections, entries and gaps), for scroll limits.
    public var lineCount: Int { contentLines().count }

    /// The rectangle the box takes when centred in `area`.
    public func boxRect(in area: Rect) -> Rect {
        let entryWidth = entries.map { 2 + keysWidth + 2 + TerminalText.width(TerminalText.sanitize($0.description)) }.max() ?? 0
        let sectionWidth = entries.map { TerminalText.width(TerminalText.sanitize($0.section)) }.max() ?? 0
        let contentWidth = max(entryWidth, sectionWidth, TerminalText.width(TerminalText.sanitize(title)))
        let w = min(area.width, contentWidth + 4)
        let h = min(area.height, lineCount + 2)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Draws the box centred in `area` from `state.offset`; returns the number of content lines.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, state: ReaderState) -> Int {
        let lines = contentLines()
        let box = boxRect(in: area)
        guard box.width >= 3, box.height >= 3 else { return lines.count }
        buffer.fill(box, style: style)
        Block(title: title, borderStyle: style, titleStyle: style.adding(.bold), glyphs: glyphs).render(into: &buffer, area: box)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        guard inner.width > 0 else { return lines.count }
        let offset = min(max(0, state.offset), max(0, lines.count - inner.height))
        let kw = keysWidth
        for (row, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
            let y = inner.y + row
            switch line {
            case .blank: break
            case .section(let s):
                buffer.putTruncated(s, x: inner.x, y: y, maxWidth: inner.width, style: sectionStyle, ellipsis: glyphs.ellipsis)
            case .entry(let e):
                let keys = TerminalText.pad(glyphs.drawn(e.keys), toWidth: min(kw, max(0, inner.width - 2)), alignment: .left)
                let used = buffer.put(keys, x: inner.x + 2, y: y, maxWidth: inner.width - 2, style: keyStyle)
                let dx = 2 + used + 2
                if dx < inner.width {
                    buffer.putTruncated(e.description, x: inner.x + dx, y: y, maxWidth: inner.width - dx, style: style, ellipsis: glyphs.ellipsis)
                }
            }
        }
        if offset > 0 { buffer.put(glyphs.arrowUp, x: box.maxX - 1, y: box.y + 1, maxWidth: 1, style: style) }
        if offset + inner.height < lines.count { buffer.put(glyphs.arrowDown, x: box.maxX - 1, y: box.maxY - 2, maxWidth: 1, style: style) }
        return lines.count
    }
}
