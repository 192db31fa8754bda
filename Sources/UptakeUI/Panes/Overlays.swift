import UptakeCore

/// The help overlay, generated from the active key map (the same table that dispatches keys).
enum HelpPane {
    static func entries(_ state: AppState) -> [HelpEntry] {
        var seen: [(String, String)] = []
        var out: [HelpEntry] = []
        for b in state.helpKeyMap {
            let label = b.command == .paneFromDigit ? state.digitLabel : b.label
            guard !seen.contains(where: { $0 == (label, b.help) }) else { continue }
            seen.append((label, b.help))
            out.append(HelpEntry(keys: label, description: b.help, section: b.section.rawValue))
        }
        return out
    }

    static func overlay(_ state: AppState) -> HelpOverlay {
        let theme = state.theme
        var box = theme.text
        if box.background == .terminalDefault { box = theme.background }
        return HelpOverlay(entries: entries(state), title: " Keys (? or Esc closes) ", style: box, sectionStyle: theme.heading,
                           keyStyle: theme.accent.adding(.bold), glyphs: state.glyphs)
    }
}

/// The data-issues overlay: every diagnostic, scrolled by whole entries.
///
/// Only the entries in view are wrapped and drawn, so 100,000 diagnostics cost
/// what one screenful does.
enum DiagnosticsOverlay {
    static func box(_ state: AppState) -> Rect {
        let area = state.layout.paneBox
        let w = min(area.width, max(40, area.width * 9 / 10))
        let h = min(area.height, max(6, area.height * 8 / 10))
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// The number of entries: the summary, one line per file, a blank, then the diagnostics (or "No problems found.").
    static func entryCount(_ ds: Dataset) -> Int { 2 + ds.fileSummaries.count + max(1, ds.diagnostics.count) }

    /// Entry `i` as a one-entry document at `width`.
    static func entry(_ state: AppState, _ i: Int, width: Int) -> Document {
        var doc = Document(width: width, theme: state.theme, glyphs: state.glyphs)
        let ds = state.dataset
        let files = ds.fileSummaries.count
        switch i {
        case 0:
            doc.text(OverviewPane.diagnosticsSummary(ds) + " in " + ds.origin, style: state.theme.heading)
        case 1...files where files > 0:
            let f = ds.fileSummaries[i - 1]
            let text = f.present ? "\(f.file): \(NumberFormat.grouped(f.read)) read, \(NumberFormat.grouped(f.accepted)) accepted, \(NumberFormat.grouped(f.rejected)) rejected" : "\(f.file): not present"
            doc.text(text, style: state.theme.dim, indent: 2)
        case files + 1:
            doc.line([])
        default:
            let k = i - files - 2
            if ds.diagnostics.isEmpty {
                doc.text("No problems found.", style: state.theme.improved)
            } else if k < ds.diagnostics.count {
                let d = ds.diagnostics[k]
                let style: Style
                switch d.severity {
                case .error: style = state.theme.error
                case .warning: style = state.theme.warning
                case .note: style = state.theme.dim
                }
                doc.text(d.formatted, style: style, indent: 0, hanging: 2)
            }
        }
        return doc
    }

    /// Draws the overlay from entry `firstEntry` (clamped) and reports a page (entries shown) and the last useful first entry.
    static func render(_ state: AppState, firstEntry: Int, into buffer: inout Buffer) -> (box: Rect, viewport: Viewport) {
        let b = box(state)
        guard b.width >= 4, b.height >= 3 else { return (b, Viewport()) }
        var style = state.theme.text
        if style.background == .terminalDefault { style = state.theme.background }
        buffer.fill(b, style: style)
        Block(title: " Data issues (Esc closes) ", borderStyle: state.theme.border, titleStyle: state.theme.heading, glyphs: state.glyphs)
            .render(into: &buffer, area: b)
        let inner = Rect(x: b.x + 2, y: b.y + 1, width: b.width - 4, height: b.height - 2)
        let total = entryCount(state.dataset)
        // The last first entry that still fills the box: walk back from the end until a page is full.
        var lastFirst = total - 1, used = 0
        while lastFirst >= 0 {
            used += entry(state, lastFirst, width: inner.width).lines.count
            if used > inner.height { lastFirst += 1; break }
            lastFirst -= 1
        }
        lastFirst = min(max(0, lastFirst), total - 1)
        let first = min(max(0, firstEntry), lastFirst)
        var y = inner.y, i = first, shown = 0
        while i < total, y < inner.maxY {
            let doc = entry(state, i, width: inner.width)
            doc.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: min(doc.lines.count, inner.maxY - y)), offset: 0)
            y += doc.lines.count
            if y <= inner.maxY { shown += 1 }
            i += 1
        }
        if first > 0 { buffer.put(state.glyphs.arrowUp, x: b.maxX - 1, y: inner.y, maxWidth: 1, style: state.theme.dim) }
        if i < total || y > inner.maxY { buffer.put(state.glyphs.arrowDown, x: b.maxX - 1, y: inner.maxY - 1, maxWidth: 1, style: state.theme.dim) }
        return (b, Viewport(rows: max(1, shown), maximumOffset: lastFirst))
    }
}
