import UptakeCore

/// Where the parts of the screen go; `render` draws with it and `update` hit-tests clicks with it.
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
        TabBar(titles: Pane.allCases.map(\.title), selected: pane.rawValue, style: theme.tabInactive,
               selectedStyle: theme.tabActive, glyphs: glyphs)
    }

    /// "0 errors · 1 warning (d)".
    var diagnosticsSummary: String {
        let e = dataset.errorCount, w = dataset.warningCount
        return "\(e) error\(e == 1 ? "" : "s") · \(w) warning\(w == 1 ? "" : "s") (d)"
    }

    /// The status-bar hints: the focused context's, then the global ones, from the key map.
    var statusHints: [(key: String, label: String)] {
        var out: [(key: String, label: String)] = []
        for context in keyContexts {
            // Help and quit come first among the global hints: they are what a newcomer needs.
            let bindings = KeyBinding.defaultKeyMap.filter { $0.context == context && $0.hint != nil }
            let first = context == .global ? bindings.filter { $0.label == "?" || $0.label == "q" } : []
            for b in first + bindings where !out.contains(where: { $0.key == b.label }) { out.append((b.label, b.hint ?? "")) }
            if context == .overlay || context == .filterEditing { break }
        }
        return out
    }

    /// "theme: okabe-ito ·" on the right of the status bar: always when it fits beside the dataset name and every hint,
    /// and right after `t` even if hints must make room; otherwise "".
    func statusThemeLabel(barWidth: Int) -> String {
        let label = "theme: " + theme.name + " ·"  // the diagnostics count follows it
        if themeChanged { return label }
        let left = dataset.origin.isEmpty ? 0 : TerminalText.width(TerminalText.sanitize(dataset.origin)) + 2
        let hints = statusHints.reduce(0) { $0 + TerminalText.width($1.key) + 1 + TerminalText.width($1.label) + 2 }
        return left + hints + TerminalText.width(label) + 1 <= barWidth ? label : ""
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
public func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    buffer.asciiOnly = state.glyphs == .ascii
    let theme = state.theme
    buffer.fill(buffer.area, style: theme.background)
    if state.isTooSmall {
        renderTooSmall(state, into: &buffer)
        return buffer
    }
    let layout = state.layout
    state.tabBar.render(into: &buffer, area: layout.tabs)
    var title = state.pane.title
    switch state.pane {
    case .uptake:
        title = "Uptake: \(state.uptake.rows.count) of \(state.index.table.rows.count) series"
        // Say what a narrow screen hides, and the sort when its column is one of them.
        let shown = UptakePane.geometry(state).columns
        let all = UptakeColumn.allCases.filter { $0 != .trend || state.index.maxPeriods > 2 }
        let hidden = all.count - shown.count
        if hidden > 0 { title += " · \(hidden) more column\(hidden == 1 ? "" : "s") on a wider screen" }
        if let c = state.uptake.sortColumn.flatMap(UptakeColumn.init(rawValue:)), !shown.contains(c) {
            title += " · sorted by \(c.title) " + (state.uptake.ascending ? state.glyphs.arrowUp : state.glyphs.arrowDown)
        }
    case .partners:
        if let p = state.openPartner {
            let back = state.recordOpenedFrom.map { "back to \($0.title)" } ?? "back to the list"
            title = "Partner: " + state.index.partners[p].name + "  (Esc: \(back))"
        }
        else { title = "Partners: \(state.partners.rows.count) of \(state.index.partners.count)" }
    case .overview: title = state.dataset.metadata.title
    default: break
    }
    Block(title: " " + TerminalText.sanitize(title) + " ", borderStyle: theme.border, titleStyle: theme.heading, glyphs: state.glyphs)
        .render(into: &buffer, area: layout.paneBox)
    switch state.pane {
    case .overview: OverviewPane.render(state, into: &buffer, area: layout.pane)
    case .uptake: UptakePane.render(state, into: &buffer, area: layout.pane)
    case .partners: PartnersPane.render(state, into: &buffer, area: layout.pane)
    case .inequalities: InequalitiesPane.render(state, into: &buffer, area: layout.pane)
    case .caseStudies: CaseStudiesPane.render(state, into: &buffer, area: layout.pane)
    case .principles: PrinciplesPane.render(state, into: &buffer, area: layout.pane)
    }
    let issues = state.dataset.errorCount > 0 ? theme.error : (state.dataset.warningCount > 0 ? theme.warning : theme.statusBar)
    let barWidth = max(0, state.width - state.diagnosticsSummaryRect.width - 1)
    StatusBar(left: state.dataset.origin, right: state.statusThemeLabel(barWidth: barWidth), hints: state.statusHints, style: theme.statusBar,
              keyStyle: theme.statusBar.adding(.bold), glyphs: state.glyphs)
        .render(into: &buffer, area: Rect(x: 0, y: layout.status.y, width: barWidth, height: 1))
    let r = state.diagnosticsSummaryRect
    buffer.fill(Rect(x: r.x - 1, y: r.y, width: r.width + 1, height: r.height), style: theme.statusBar)
    var issueStyle = issues
    issueStyle.background = theme.statusBar.background
    if issueStyle.foreground == .terminalDefault { issueStyle = theme.statusBar.adding(issues.attributes) }
    buffer.put(state.diagnosticsSummary, x: r.x, y: r.y, maxWidth: r.width, style: issueStyle)
    if state.diagnosticsVisible { DiagnosticsOverlay.render(state, into: &buffer) }
    if state.helpVisible { HelpPane.overlay(state).render(into: &buffer, area: layout.paneBox, state: state.helpScroll) }
    return buffer
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
