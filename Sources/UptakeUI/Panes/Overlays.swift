import UptakeCore

/// The help overlay, generated from the key map (the same table that dispatches keys).
enum HelpPane {
    static func entries() -> [HelpEntry] {
        KeyBinding.defaultKeyMap.filter { !$0.label.isEmpty }.map { HelpEntry(keys: $0.label, description: $0.help, section: $0.section) }
    }

    static func overlay(_ state: AppState) -> HelpOverlay {
        let theme = state.theme
        var box = theme.text
        if box.background == .terminalDefault { box = theme.background }
        return HelpOverlay(entries: entries(), title: " Keys (? or Esc closes) ", style: box, sectionStyle: theme.heading,
                           keyStyle: theme.accent.adding(.bold), glyphs: state.glyphs)
    }
}

/// The data-issues overlay: every diagnostic, scrollable.
enum DiagnosticsOverlay {
    static func box(_ state: AppState) -> Rect {
        let area = state.layout.paneBox
        let w = min(area.width, max(40, area.width * 9 / 10))
        let h = min(area.height, max(6, area.height * 8 / 10))
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    static func document(_ state: AppState, width: Int) -> Document {
        var doc = Document(width: width, theme: state.theme, glyphs: state.glyphs)
        let ds = state.dataset
        doc.text(state.diagnosticsSummary.replacingSuffix(" (d)", with: "") + " in " + ds.origin, style: state.theme.heading)
        for f in ds.fileSummaries {
            let text = f.present ? "\(f.file): \(f.read) read, \(f.accepted) accepted, \(f.rejected) rejected" : "\(f.file): not present"
            doc.text(text, style: state.theme.dim, indent: 2)
        }
        doc.blank()
        if ds.diagnostics.isEmpty { doc.text("No problems found.", style: state.theme.improved) }
        for d in ds.diagnostics {
            doc.text(d.formatted, style: d.severity == .error ? state.theme.error : state.theme.warning, indent: 0, hanging: 2)
        }
        return doc
    }

    static func render(_ state: AppState, into buffer: inout Buffer) {
        let b = box(state)
        guard b.width >= 4, b.height >= 3 else { return }
        var style = state.theme.text
        if style.background == .terminalDefault { style = state.theme.background }
        buffer.fill(b, style: style)
        Block(title: " Data issues (Esc closes) ", borderStyle: state.theme.border, titleStyle: state.theme.heading, glyphs: state.glyphs)
            .render(into: &buffer, area: b)
        let inner = Rect(x: b.x + 2, y: b.y + 1, width: b.width - 4, height: b.height - 2)
        document(state, width: inner.width).render(into: &buffer, area: inner, offset: state.diagnosticsScroll.offset)
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with new: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) + new : self }
}
