import UptakeCore

/// Where the parts of the screen go.
struct ScreenLayout {
    /// The tab bar (top row).
    var tabs: Rect
    /// The pane, inside its border.
    var pane: Rect
    /// The pane's border box.
    var paneBox: Rect
    /// The status bar (bottom row).
    var status: Rect

    init(width: Int, height: Int) {
        tabs = Rect(x: 0, y: 0, width: width, height: min(1, height))
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height >= 2 ? 1 : 0)
        paneBox = Rect(x: 0, y: 1, width: width, height: height - 2)
        pane = paneBox.inset(by: 1)
    }
}

extension AppState {
    var layout: ScreenLayout { ScreenLayout(width: width, height: height) }

    var tabBar: TabBar {
        TabBar(titles: panes.map(\.title), selected: selected, style: theme.tabInactive, selectedStyle: theme.tabActive, glyphs: glyphs)
    }

    /// "0 errors · 1 warning (d)"; without the `(d)` when the key is off.
    var diagnosticsSummary: String {
        let key = KeyBinding.global.contains { $0.command == .action(.toggleOverlay(.diagnostics)) && keyPolicy.allows($0) } ? " (d)" : ""
        return OverviewPane.diagnosticsSummary(dataset) + key
    }

    /// The status-bar hints from the active key map: the pane's first, then help and quit, then the other global ones.
    var statusHints: [(key: String, label: String)] {
        let map = activeKeyMap.filter { $0.hint != nil }
        let global = KeyBinding.global.map(\.command)
        let own = map.filter { !global.contains($0.command) || overlay != nil }
        let first = map.filter { $0.command == .action(.toggleOverlay(.help)) || $0.command == .action(.quit) }
        var out: [(key: String, label: String)] = []
        for b in own + first + map where !out.contains(where: { $0.key == b.label }) { out.append((b.label, b.hint ?? "")) }
        return out
    }

    /// "theme: okabe-ito ·" on the right of the status bar: always when it fits beside the dataset name and every hint,
    /// and right after `t` even if hints must make room; otherwise "".
    func statusThemeLabel(barWidth: Int) -> String {
        let label = "theme: " + theme.name + " ·"  // the diagnostics count follows it
        if themeChanged { return label }
        let left = TerminalText.width(TerminalText.sanitize(statusLeft)) + 2
        let hints = statusHints.reduce(0) { $0 + TerminalText.width($1.key) + 1 + TerminalText.width($1.label) + 2 }
        return left + hints + TerminalText.width(label) + 1 <= barWidth ? label : ""
    }

    /// The left of the status bar: a notice or "loading…" when there is one, else where the data came from.
    var statusLeft: String {
        if let notice { return notice }
        if loadCancelled && awaitingFirstData { return "loading cancelled" }
        if loading {
            let percent = loadPercentText
            return "loading " + dataset.origin + glyphs.ellipsis + (percent.isEmpty ? "" : " " + percent)
        }
        return dataset.origin
    }

    /// The rectangle of the diagnostics count in the status bar (clicking it opens the data issues).
    var diagnosticsSummaryRect: Rect {
        let w = min(TerminalText.width(diagnosticsSummary), width)
        return Rect(x: layout.status.maxX - w, y: layout.status.y, width: w, height: layout.status.height)
    }
}

/// The whole screen for `state`: a pure function, so the same state always draws the same cells.
///
/// Below ``AppState/minimumWidth`` x ``AppState/minimumHeight`` only a centred
/// request for more room is drawn, cut to fit, at any size down to 0 x 0.
public func render(_ state: AppState) -> Frame {
    var buffer = Buffer(width: state.width, height: state.height)
    buffer.asciiOnly = state.glyphs == .ascii
    let theme = state.theme
    buffer.fill(buffer.area, style: theme.background)
    if state.isTooSmall {
        renderTooSmall(state, into: &buffer)
        return Frame(buffer: buffer)
    }
    if let kiosk = state.kiosk { return renderKiosk(state, kiosk) }
    let layout = state.layout
    var regions: [HitRegion] = []
    let tabs = state.tabBar
    tabs.render(into: &buffer, area: layout.tabs)
    for (i, r) in tabs.tabRanges(area: layout.tabs).enumerated() where !r.isEmpty {
        regions.append(HitRegion(Rect(x: r.lowerBound, y: layout.tabs.y, width: r.count, height: 1), .selectPane(i)))
    }
    let context = state.context
    let pane = state.currentPane
    var viewport: Viewport
    if state.awaitingFirstData {
        // No data yet: the load's progress instead of a pane (whose figures would be the placeholder's).
        Block(title: state.loadCancelled ? " Not loaded " : " Loading ", borderStyle: theme.border, titleStyle: theme.heading, glyphs: state.glyphs)
            .render(into: &buffer, area: layout.paneBox)
        state.loadingDocument(width: layout.pane.width).render(into: &buffer, area: layout.pane, offset: 0)
        viewport = Viewport()
    } else {
        Block(title: " " + TerminalText.sanitize(pane.heading(context, width: layout.pane.width)) + " ", borderStyle: theme.border, titleStyle: theme.heading,
              glyphs: state.glyphs)
            .render(into: &buffer, area: layout.paneBox)
        let paneFrame = pane.render(context, into: &buffer, area: layout.pane)
        regions += paneFrame.regions
        viewport = paneFrame.viewport
    }

    let issues = state.dataset.errorCount > 0 ? theme.error : (state.dataset.warningCount > 0 ? theme.warning : theme.statusBar)
    let barWidth = state.awaitingFirstData ? state.width : max(0, state.width - state.diagnosticsSummaryRect.width - 1)
    StatusBar(left: state.statusLeft, right: state.statusThemeLabel(barWidth: barWidth), hints: state.statusHints, style: theme.statusBar,
              keyStyle: theme.statusBar.adding(.bold), glyphs: state.glyphs)
        .render(into: &buffer, area: Rect(x: 0, y: layout.status.y, width: barWidth, height: 1))
    if !state.awaitingFirstData {
        let r = state.diagnosticsSummaryRect
        buffer.fill(Rect(x: r.x - 1, y: r.y, width: r.width + 1, height: r.height), style: theme.statusBar)
        var issueStyle = issues
        issueStyle.background = theme.statusBar.background
        if issueStyle.foreground == .terminalDefault { issueStyle = theme.statusBar.adding(issues.attributes) }
        buffer.put(state.diagnosticsSummary, x: r.x, y: r.y, maxWidth: r.width, style: issueStyle)
        if state.activeKeyMap.contains(where: { $0.command == .action(.toggleOverlay(.diagnostics)) }) {
            regions.append(HitRegion(r, .toggleOverlay(.diagnostics)))
        }
    }

    if let overlay = state.overlay {
        // A click outside the overlay closes it; one inside does nothing.
        regions.append(HitRegion(buffer.area, .back))
        let box: Rect
        switch overlay {
        case .help(let scroll):
            let help = HelpPane.overlay(state)
            box = help.boxRect(in: layout.paneBox)
            let lines = help.render(into: &buffer, area: layout.paneBox, state: scroll)
            let rows = max(1, box.height - 2)
            viewport = Viewport(rows: rows, maximumOffset: max(0, lines - rows))
        case .diagnostics(let first):
            let drawn = DiagnosticsOverlay.render(state, firstEntry: first, into: &buffer)
            box = drawn.box
            viewport = drawn.viewport
        }
        regions.append(HitRegion(box, nil))
    }
    return Frame(buffer: buffer, regions: regions, viewport: viewport)
}

/// The centred "Enlarge the terminal" message, shortened and then cut to fit; never wrapped.
private func renderTooSmall(_ state: AppState, into buffer: inout Buffer) {
    guard state.width > 0, state.height > 0 else { return }
    let times = state.glyphs == .ascii ? "x" : "×"
    let need = "\(AppState.minimumWidth)\(times)\(AppState.minimumHeight)"
    let now = "\(state.width)\(times)\(state.height)"
    let candidates = ["Enlarge the terminal to at least \(need) (now \(now))", "Enlarge to \(need) (now \(now))", "Need \(need), now \(now)", "Need \(need)"]
    let text = candidates.first { TerminalText.width($0) <= state.width } ?? candidates.last!
    let shown = TerminalText.truncate(text, toWidth: state.width, ellipsis: state.glyphs.ellipsis)
    let x = (state.width - TerminalText.width(shown)) / 2
    buffer.put(shown, x: x, y: (state.height - 1) / 2, maxWidth: state.width - x, style: state.theme.warning)
}
