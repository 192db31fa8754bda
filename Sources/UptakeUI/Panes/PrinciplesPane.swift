import UptakeCore

/// Pane 6: the co-produced frameworks, grouped by theme and kind, and the items that recur across frameworks.
public struct PrinciplesPane: PaneModel {
    public let id = "principles"
    public let title = "Principles"
    /// Scroll of the page.
    public internal(set) var scroll = DocumentScroll()
    /// The filter (framework, theme, text).
    public internal(set) var filter = FilterField()

    /// Creates the pane at the top of its page, unfiltered.
    public init() {}

    /// Jumping between frameworks.
    static let frameworkKeys: [KeyBinding] = [
        KeyBinding(KeyBinding.ch("n]"), "n / ]", "next framework", section: .reading, .action(.pane(.nextItem)), hint: "next framework"),
        KeyBinding(KeyBinding.ch("N["), "N / [", "previous framework", section: .reading, .action(.pane(.previousItem))),
    ]

    public func keyBindings(_ context: PaneContext) -> [KeyBinding] {
        filter.editing ? KeyBinding.filterEditing : [KeyBinding.filter] + Self.frameworkKeys
    }

    public var capturesText: Bool { filter.editing }

    public mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome {
        let (outcome, change) = filter.handle(command)
        if change != .none { scroll = DocumentScroll() }
        if outcome != .ignored { return outcome }
        let anchors = context.viewport.anchors
        switch command {
        case .nextItem:
            if let next = anchors.first(where: { $0 > scroll.offset }) {
                scroll.offset = min(next, context.viewport.maximumOffset ?? next)
            }
            return .handled
        case .previousItem:
            scroll.offset = anchors.last(where: { $0 < scroll.offset }) ?? 0
            return .handled
        default:
            return scroll.handle(command, viewport: context.viewport) ?? .ignored
        }
    }

    public mutating func willShow() { filter.editing = false }

    public func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame {
        var body = area
        let items = context.dataset.principles
        let shown = items.indices.filter { i in filter.matches([items[i].framework, items[i].theme ?? "", items[i].title ?? "", items[i].text]) }
        if filter.isShown {
            ListPane.renderFilterLine(context, filter: filter, shown: shown.count, total: items.count, noun: "items", into: &buffer,
                                      area: Rect(x: area.x, y: area.y, width: area.width, height: 1))
            body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        }
        let (doc, anchors) = Self.document(context, shown: shown, width: body.width)
        var frame = doc.render(into: &buffer, area: body, scroll: scroll)
        frame.viewport.anchors = anchors
        return frame
    }

    static func plural(_ kind: String) -> String {
        switch kind {
        case "principle": return "Principles"
        case "behaviour": return "Behaviours"
        case "goal": return "Goals"
        case "enabler": return "Enablers"
        case "partner": return "Partners"
        case "mission": return "Mission"
        case "theme": return "Themes"
        default: return kind.prefix(1).uppercased() + kind.dropFirst() + "s"
        }
    }

    /// Where an item comes from: "Lancashire and South Cumbria: Power to the People, principle 6";
    /// "Black Country ICS involvement principles, no. 2" when the framework's name already names the kind.
    static func reference(_ item: PrincipleItem) -> String {
        let last = item.framework.split(separator: " ").last.map { $0.lowercased() } ?? ""
        let kind = item.kind.lowercased()
        let named = !kind.isEmpty && (last == kind || last == plural(kind).lowercased())
        guard let n = item.order else { return named ? item.framework : item.framework + ", " + item.kind }
        return item.framework + (named ? ", no. \(n)" : ", \(item.kind) \(n)")
    }

    /// The page for the items `shown` (indexes into the principles), and the lines where each framework starts.
    static func document(_ context: PaneContext, shown: [Int], width: Int) -> (Document, [Int]) {
        let theme = context.theme
        let all = context.dataset.principles
        var doc = Document(width: width, theme: theme, glyphs: context.glyphs)
        var anchors: [Int] = []
        if all.isEmpty { doc.text("No principles in this dataset.", style: theme.dim); return (doc, anchors) }
        if shown.isEmpty { doc.text("No items match the filter (Esc clears it).", style: theme.dim); return (doc, anchors) }
        let visible = Set(shown)
        let items = shown.map { all[$0] }
        let recurring = context.index.recurring.filter { visible.contains($0.first) || visible.contains($0.second) }

        if !recurring.isEmpty {
            doc.heading("Recurring across frameworks (\(recurring.count))")
            for r in recurring {
                let a = all[r.first], b = all[r.second]
                doc.text(context.glyphs.bullet + " " + a.text, indent: 2, hanging: 4)
                doc.text(reference(a), style: theme.dim, indent: 4, hanging: 6)
                doc.text("≈ " + b.text, style: theme.quote, indent: 4, hanging: 6)
                doc.text(reference(b) + " · \(r.shared) key word\(r.shared == 1 ? "" : "s") in common", style: theme.dim, indent: 6, hanging: 8)
            }
        }
        var frameworks: [String] = []
        for i in items where !frameworks.contains(i.framework) { frameworks.append(i.framework) }
        for f in frameworks {
            let own = items.filter { $0.framework == f }
            doc.blank()
            anchors.append(doc.lines.count)
            doc.heading(f + (own.first?.area.map { " · " + $0 } ?? ""), style: theme.heading.adding(.underline))
            var kinds: [String] = []
            for i in own where i.kind != "theme" && !kinds.contains(i.kind) { kinds.append(i.kind) }
            let themes = own.filter { $0.kind == "theme" }
            for k in kinds {
                let ofKind = own.filter { $0.kind == k }
                doc.text(plural(k) + " (\(ofKind.count))", style: theme.accent, indent: 2)
                var groups: [String?] = []
                for i in ofKind where !groups.contains(i.theme) { groups.append(i.theme) }
                for g in groups {
                    var indent = 4
                    if let g {
                        let isTheme = themes.contains { $0.text == g || $0.title == g }
                        doc.text((isTheme ? "Theme: " : "") + g, style: theme.header, indent: 4)
                        indent = 6
                    }
                    for i in ofKind where i.theme == g {
                        let number = i.order.map { "\($0). " } ?? "- "
                        var text = i.text
                        if let t = i.title, !t.isEmpty, !text.hasPrefix(t) { text = t + ": " + text }
                        doc.text(number + text, indent: indent, hanging: indent + number.count)
                    }
                }
            }
            if let src = own.first?.source { doc.text("Source: " + src, style: theme.dim, indent: 2, hanging: 4) }
        }
        return (doc, anchors)
    }
}
