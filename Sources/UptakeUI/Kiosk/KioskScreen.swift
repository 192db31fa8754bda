import UptakeCore

/// Where the parts of the kiosk's screen go: header (title and clock), tabs, pane, banner, progress line, status.
struct KioskLayout {
    var header: Rect
    var tabs: Rect
    var paneBox: Rect
    var pane: Rect
    var banner: Rect?
    var progress: Rect
    var status: Rect

    init(width: Int, height: Int, banner hasBanner: Bool) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        tabs = Rect(x: 0, y: 1, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        progress = Rect(x: 0, y: height - 2, width: width, height: 1)
        let bannerRows = hasBanner ? 1 : 0
        banner = hasBanner ? Rect(x: 0, y: height - 3, width: width, height: 1) : nil
        paneBox = Rect(x: 0, y: 2, width: width, height: max(0, height - 4 - bannerRows))
        pane = paneBox.inset(by: 1)
    }
}

extension AppState {
    /// The banner: an outright load failure (old data kept), else rows rejected by the latest load; nil when all is well.
    public var kioskBanner: (text: String, isFailure: Bool)? {
        guard let k = kiosk else { return nil }
        if let f = k.failure {
            return ("Load failed since \(f.since) (old data shown): \(f.message)", true)
        }
        var rejected: [(String, Int)] = []
        for d in dataset.diagnostics where d.severity == .error && d.line != nil {
            if let i = rejected.firstIndex(where: { $0.0 == d.file }) { rejected[i].1 += 1 } else { rejected.append((d.file, 1)) }
        }
        guard !rejected.isEmpty else { return nil }
        return (rejected.map { "\($0.0): \($0.1) row\($0.1 == 1 ? "" : "s") rejected" }.joined(separator: ", ") + "; showing the rest", false)
    }

    /// `2026-11-29 14:32` as `14:32, 29 Nov` (unchanged when it is not in that shape; "" for "").
    public static func dataAsOf(_ loadedAt: String) -> String {
        let parts = loadedAt.split(separator: " ")
        guard parts.count == 2 else { return loadedAt }
        let date = parts[0].split(separator: "-")
        guard date.count == 3, let m = Int(date[1]), (1...12).contains(m), let d = Int(date[2]) else { return loadedAt }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(parts[1]), \(d) \(months[m - 1])"
    }
}

/// The kiosk's screen: a pure function of the state, like ``render(_:)``.
func renderKiosk(_ state: AppState, _ k: KioskState) -> Frame {
    var buffer = Buffer(width: state.width, height: state.height)
    buffer.asciiOnly = state.glyphs == .ascii
    let theme = state.theme
    buffer.fill(buffer.area, style: theme.background)
    let banner = state.kioskBanner
    let layout = KioskLayout(width: state.width, height: state.height, banner: banner != nil)
    let dot = state.glyphs == .ascii ? " - " : " · "

    // Header: the dataset's title on the left, the clock on the right.
    let clock = k.clock.date.isEmpty ? k.clock.time : k.clock.time + "  " + k.clock.date
    buffer.fill(layout.header, style: theme.statusBar)
    let clockWidth = TerminalText.width(clock)
    let clockX = max(0, state.width - clockWidth - 1)
    _ = buffer.put(clock, x: clockX, y: 0, maxWidth: state.width - clockX, style: theme.statusBar.adding(.bold))
    let title = state.dataset.metadata.title.isEmpty ? state.dataset.origin : state.dataset.metadata.title
    _ = buffer.putTruncated(" " + TerminalText.sanitize(title), x: 0, y: 0, maxWidth: max(0, clockX - 1), style: theme.statusBar.adding(.bold),
                            ellipsis: state.glyphs.ellipsis)

    state.tabBar.render(into: &buffer, area: layout.tabs)
    let context = state.context
    let pane = state.currentPane
    Block(title: " " + TerminalText.sanitize(pane.heading(context, width: layout.pane.width)) + " ", borderStyle: theme.border, titleStyle: theme.heading,
          glyphs: state.glyphs)
        .render(into: &buffer, area: layout.paneBox)
    var viewport = pane.render(context, into: &buffer, area: layout.pane).viewport
    let pages = state.kioskPageCount(viewport)

    if let banner, let r = layout.banner {
        let style = banner.isFailure ? theme.error.adding(.bold) : theme.warning.adding(.bold)
        _ = buffer.putTruncated(" " + TerminalText.sanitize(banner.text), x: 0, y: r.y, maxWidth: r.width, style: style, ellipsis: state.glyphs.ellipsis)
    }

    // Progress: how much of this page's time has gone.
    let paused = k.browsing || state.overlay != nil
    let done = paused ? 0 : (k.ticksPerTurn - k.ticksLeft)
    let filled = k.ticksPerTurn > 0 ? layout.progress.width * done / k.ticksPerTurn : 0
    let full = state.glyphs == .ascii ? "=" : "━", empty = state.glyphs == .ascii ? "-" : "─"
    for x in 0..<layout.progress.width {
        _ = buffer.put(x < filled ? full : empty, x: x, y: layout.progress.y, maxWidth: 1, style: x < filled ? theme.accent : theme.border)
    }

    // Status: when the data was loaded, the page, and what comes next.
    buffer.fill(layout.status, style: theme.statusBar)
    let asOf = AppState.dataAsOf(state.loadedAt)
    var left = " " + (state.loading && asOf.isEmpty ? "loading" + state.glyphs.ellipsis : "data as of " + (asOf.isEmpty ? "-" : asOf))
    if pages > 1 { left += dot + "page \(min(k.page + 1, pages))/\(pages)" }
    let right: String
    if k.browsing {
        right = "browsing" + dot + "rotation resumes after \(Int(k.idleSeconds)) s without a key" + dot + "? help "
    } else if state.overlay != nil {
        right = "help" + dot + "? closes "
    } else {
        let next = k.page + 1 < pages ? "page \(k.page + 2)/\(pages)"
            : state.panes[k.rotation[(k.position + 1) % k.rotation.count]].title
        right = "next: \(next) in \(k.secondsLeft) s" + dot + "? help "
    }
    let rightWidth = TerminalText.width(right)
    let rightX = max(0, state.width - rightWidth)
    _ = buffer.putTruncated(left, x: 0, y: layout.status.y, maxWidth: max(0, rightX - 1), style: theme.statusBar, ellipsis: state.glyphs.ellipsis)
    _ = buffer.put(right, x: rightX, y: layout.status.y, maxWidth: state.width - rightX, style: theme.statusBar)

    if state.overlay != nil, case .help(let scroll) = state.overlay {
        let help = HelpPane.overlay(state)
        let box = help.boxRect(in: layout.paneBox)
        let lines = help.render(into: &buffer, area: layout.paneBox, state: scroll)
        let rows = max(1, box.height - 2)
        viewport = Viewport(rows: rows, maximumOffset: max(0, lines - rows))
    }
    return Frame(buffer: buffer, regions: [], viewport: viewport)
}
