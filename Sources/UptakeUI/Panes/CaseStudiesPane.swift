import UptakeCore

/// Pane 5: the case studies, a list beside (or above, when narrow) a reader with the story's header.
///
/// `j`/`k` (and the arrows) move in the list; the reader scrolls with PgUp/PgDn, Space, `g`/`G` and the wheel.
public struct CaseStudiesPane: PaneModel {
    public let id = "case-studies"
    public let title = "Case studies"
    /// The case study shown (index into the dataset's case studies).
    public internal(set) var selected = 0
    /// Scroll of the reader.
    public internal(set) var reader = DocumentScroll()
    /// The filter (title, place, partners, tags, text).
    public internal(set) var filter = FilterField()

    /// Creates the pane on the first case study.
    public init() {}

    static let listKeys: [KeyBinding] = [
        KeyBinding([.down] + KeyBinding.ch("j"), "j / ↓", "next case study", section: .reading, .action(.pane(.move(1))), hint: "next"),
        KeyBinding([.up] + KeyBinding.ch("k"), "k / ↑", "previous case study", section: .reading, .action(.pane(.move(-1)))),
    ]

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        filter.editing ? KeyBinding.filterEditing : [KeyBinding.filter] + Self.listKeys
    }

    public var capturesText: Bool { filter.editing }

    /// Indexes of the case studies the filter lets through.
    func shown(_ context: PaneContext) -> [Int] {
        let studies = context.dataset.caseStudies
        guard !filter.text.isEmpty else { return Array(studies.indices) }
        return studies.indices.filter { i in
            let c = studies[i]
            return filter.matches([c.title, c.place ?? "", c.partners.joined(separator: " "), c.tags.joined(separator: " "), c.body])
        }
    }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let (outcome, change) = filter.handle(command)
        if change != .none {
            let list = shown(context)
            if !list.contains(selected), let first = list.first { choose(first) }
        }
        if outcome != .ignored { return outcome }
        switch command {
        case .move(let step):
            let list = shown(context)
            guard !list.isEmpty else { return .handled }
            let at = list.firstIndex(of: selected) ?? 0
            choose(list[min(max(0, at + step), list.count - 1)])
            return .handled
        case .nextItem:
            return handle(.move(1), context)
        case .previousItem:
            return handle(.move(-1), context)
        case .selectItem(let i):
            if context.dataset.caseStudies.indices.contains(i) { choose(i) }
            return .handled
        default:
            return reader.handle(command, viewport: context.viewport) ?? .ignored
        }
    }

    mutating func choose(_ i: Int) {
        guard i != selected else { return }
        selected = i
        reader = DocumentScroll()
    }

    public mutating func willShow() { filter.editing = false }

    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {
        let title = old.dataset.caseStudies.indices.contains(selected) ? old.dataset.caseStudies[selected].title : nil
        let again = title.flatMap { t in new.dataset.caseStudies.firstIndex { $0.title == t } }
        if let again { selected = again } else { selected = min(selected, max(0, new.dataset.caseStudies.count - 1)); reader = DocumentScroll() }
    }

    /// List and reader rectangles; the list is on the left at 100 columns or more, else on top.
    static func geometry(_ context: PaneContext, shown: [Int], area: Rect) -> (list: Rect, reader: Rect) {
        let studies = context.dataset.caseStudies
        if area.width >= 100 {
            // As wide as the longest title needs (marker included), up to a third of the pane.
            let longest = studies.map { TerminalText.width($0.title) }.max() ?? 0
            let parts = Layout.split(area, .horizontal, [.fixed(min(max(24, longest + 3), area.width / 3)), .fill(1)], spacing: 1)
            return (parts[0], parts[1])
        }
        let listHeight = min(max(1, shown.count), max(1, area.height / 4))
        let parts = Layout.split(area, .vertical, [.fixed(listHeight), .fill(1)], spacing: 1)
        return (parts[0], parts[1])
    }

    /// The reader's Markdown: a header (place, partners, tags, source) and the body.
    static func reader(_ context: PaneContext, study: Int) -> TextReader? {
        guard context.dataset.caseStudies.indices.contains(study) else { return nil }
        let cs = context.dataset.caseStudies[study]
        var head = "# " + cs.title + "\n"
        head += "- **Place:** " + (cs.place ?? "—") + "\n"
        head += "- **Partners:** " + (cs.partners.isEmpty ? "—" : cs.partners.joined(separator: ", ")) + "\n"
        head += "- **Tags:** " + (cs.tags.isEmpty ? "—" : cs.tags.joined(separator: ", ")) + "\n"
        head += "- **Source:** " + (cs.source ?? "—") + "\n\n"
        let theme = context.theme
        return TextReader(text: head + cs.body,
                          styles: ReaderStyles(body: theme.text, heading: theme.heading, quote: theme.quote, marker: theme.accent),
                          glyphs: context.glyphs)
    }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area full: Rect) -> PaneFrame {
        let theme = context.theme
        let studies = context.dataset.caseStudies
        guard !studies.isEmpty else {
            buffer.putTruncated("No case studies in this dataset.", x: full.x, y: full.y, maxWidth: full.width, style: theme.dim)
            return PaneFrame()
        }
        let list = shown(context)
        var area = full
        if filter.isShown {
            ListPane.renderFilterLine(context, filter: filter, shown: list.count, total: studies.count, noun: "case studies", into: &buffer,
                                      area: Rect(x: full.x, y: full.y, width: full.width, height: 1))
            area = Rect(x: full.x, y: full.y + 1, width: full.width, height: max(0, full.height - 1))
        }
        guard !list.isEmpty else {
            buffer.putTruncated("No case studies match the filter (Esc clears it).", x: area.x, y: area.y, maxWidth: area.width, style: theme.dim)
            return PaneFrame()
        }
        let current = list.contains(selected) ? selected : list[0]
        let at = list.firstIndex(of: current) ?? 0
        let g = Self.geometry(context, shown: list, area: area)
        var regions: [HitRegion] = []
        let first = max(0, min(at - g.list.height + 1, list.count - g.list.height))
        for (row, i) in list[first...].prefix(g.list.height).enumerated() {
            let isSelected = i == current
            let style = isSelected ? theme.selection : theme.text
            let y = g.list.y + row
            buffer.fill(Rect(x: g.list.x, y: y, width: g.list.width, height: 1), style: style)
            buffer.put(isSelected ? context.glyphs.selectionMarker : " ", x: g.list.x, y: y, maxWidth: 1, style: style)
            buffer.putTruncated(studies[i].title, x: g.list.x + 2, y: y, maxWidth: g.list.width - 2, style: style, ellipsis: context.glyphs.ellipsis)
            regions.append(HitRegion(Rect(x: g.list.x, y: y, width: g.list.width, height: 1), .pane(.selectItem(i))))
        }
        if g.list.maxX < area.maxX, g.list.height == area.height {
            for y in area.y..<area.maxY { buffer.put(context.glyphs.vertical, x: g.list.maxX, y: y, maxWidth: 1, style: theme.border) }
        } else if g.list.maxY < area.maxY {
            buffer.put(String(repeating: context.glyphs.horizontal, count: area.width), x: area.x, y: g.list.maxY, maxWidth: area.width, style: theme.border)
        }
        guard let reader = Self.reader(context, study: current) else { return PaneFrame(regions: regions) }
        // The Markdown becomes styled lines of the one document model, which scrolls and marks what is hidden.
        var doc = Document(width: g.reader.width, theme: theme, glyphs: context.glyphs)
        doc.lines = reader.wrappedLines(width: g.reader.width).map { .spans($0) }
        let total = doc.lines.count
        doc.render(into: &buffer, area: g.reader, offset: self.reader.offset)
        return PaneFrame(regions: regions, viewport: Viewport(rows: g.reader.height, maximumOffset: max(0, total - g.reader.height)))
    }
}
