import UptakeCore

/// Pane 6: the co-produced frameworks, grouped by theme and kind, and the items that recur across frameworks.
enum PrinciplesPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        document(state, width: area.width).render(into: &buffer, area: area, offset: state.principlesScroll.offset)
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

    static func document(_ state: AppState, width: Int) -> Document {
        let theme = state.theme
        let items = state.dataset.principles
        var doc = Document(width: width, theme: theme, glyphs: state.glyphs)
        if items.isEmpty { doc.text("No principles in this dataset.", style: theme.dim); return doc }

        if !state.index.recurring.isEmpty {
            doc.heading("Recurring across frameworks (\(state.index.recurring.count))")
            for r in state.index.recurring {
                let a = items[r.first], b = items[r.second]
                doc.text(state.glyphs.bullet + " " + a.text, indent: 2, hanging: 4)
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
        return doc
    }
}
