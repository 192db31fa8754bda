import UptakeCore

/// Pane 5: the case studies, a list beside (or above, when narrow) a reader with the story's header.
enum CaseStudiesPane {
    /// List and reader rectangles; the list is on the left at 100 columns or more, else on top.
    static func geometry(_ state: AppState) -> (list: Rect, reader: Rect) {
        let area = state.layout.pane
        let n = state.dataset.caseStudies.count
        if area.width >= 100 {
            // As wide as the longest title needs (marker included), up to a third of the pane.
            let longest = state.dataset.caseStudies.map { TerminalText.width($0.title) }.max() ?? 0
            let parts = Layout.split(area, .horizontal, [.fixed(min(max(24, longest + 3), area.width / 3)), .fill(1)], spacing: 1)
            return (parts[0], parts[1])
        }
        let listHeight = min(n, max(1, area.height / 4))
        let parts = Layout.split(area, .vertical, [.fixed(listHeight), .fill(1)], spacing: 1)
        return (parts[0], parts[1])
    }

    /// The reader's Markdown: a header (place, partners, tags, source) and the body.
    static func reader(_ state: AppState) -> TextReader? {
        guard state.caseStudy < state.dataset.caseStudies.count else { return nil }
        let cs = state.dataset.caseStudies[state.caseStudy]
        var head = "# " + cs.title + "\n"
        head += "- **Place:** " + (cs.place ?? "—") + "\n"
        head += "- **Partners:** " + (cs.partners.isEmpty ? "—" : cs.partners.joined(separator: ", ")) + "\n"
        head += "- **Tags:** " + (cs.tags.isEmpty ? "—" : cs.tags.joined(separator: ", ")) + "\n"
        head += "- **Source:** " + (cs.source ?? "—") + "\n\n"
        let theme = state.theme
        return TextReader(text: head + cs.body,
                          styles: ReaderStyles(body: theme.text, heading: theme.heading, quote: theme.quote, marker: theme.accent),
                          glyphs: state.glyphs)
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let studies = state.dataset.caseStudies
        guard !studies.isEmpty else {
            buffer.putTruncated("No case studies in this dataset.", x: area.x, y: area.y, maxWidth: area.width, style: theme.dim)
            return
        }
        let g = geometry(state)
        let first = max(0, min(state.caseStudy - g.list.height + 1, studies.count - g.list.height))
        for (row, i) in (first..<studies.count).prefix(g.list.height).enumerated() {
            let selected = i == state.caseStudy
            let style = selected ? theme.selection : theme.text
            let y = g.list.y + row
            buffer.fill(Rect(x: g.list.x, y: y, width: g.list.width, height: 1), style: style)
            buffer.put(selected ? state.glyphs.selectionMarker : " ", x: g.list.x, y: y, maxWidth: 1, style: style)
            buffer.putTruncated(studies[i].title, x: g.list.x + 2, y: y, maxWidth: g.list.width - 2, style: style, ellipsis: state.glyphs.ellipsis)
        }
        if g.list.maxX < area.maxX, g.list.height == area.height {
            for y in area.y..<area.maxY { buffer.put(state.glyphs.vertical, x: g.list.maxX, y: y, maxWidth: 1, style: theme.border) }
        } else if g.list.maxY < area.maxY {
            buffer.put(String(repeating: state.glyphs.horizontal, count: area.width), x: area.x, y: g.list.maxY, maxWidth: area.width, style: theme.border)
        }
        guard let reader = reader(state) else { return }
        let total = reader.lineCount(width: g.reader.width)
        var rs = state.caseStudyScroll
        rs.offset = Document.clamp(rs.offset, total: total, visible: g.reader.height)
        reader.render(into: &buffer, area: g.reader, state: rs)
        if rs.offset > 0 { buffer.put(state.glyphs.arrowUp, x: g.reader.maxX - 1, y: g.reader.y, maxWidth: 1, style: theme.dim) }
        if rs.offset + g.reader.height < total {
            buffer.put(state.glyphs.arrowDown, x: g.reader.maxX - 1, y: g.reader.maxY - 1, maxWidth: 1, style: theme.dim)
        }
    }
}
