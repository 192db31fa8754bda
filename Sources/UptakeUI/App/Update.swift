import UptakeCore

/// Applies `action` to `state`: the one place state changes. Returns work for the runtime to do.
///
/// Pure apart from `state`: no I/O, no clock, no layout. Geometry it needs (a page's
/// rows, how far a document scrolls) comes from the last frame through
/// ``Action/viewport(_:)``; loads and timers go out as ``Effect``s and come back as actions.
@discardableResult
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    if let effects = state.kioskUpdate(action) { return effects }
    let effects = applyAction(&state, action)
    return state.kiosk == nil ? effects : effects + state.kioskAfter(action)
}

/// The ordinary dashboard's update (the kiosk's rules wrap it in ``update(_:_:)``).
private func applyAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .cycleTheme, .tick, .resize, .viewport, .fileWritten, .dataLoaded, .loadStarted, .filesChanged, .insightsLoaded, .insightChanged, .kiosk,
         .pollLoad, .loadProgress, .loadCancelled, .reload: break  // a reload (often set off by a timer) keeps a notice
    default:
        state.themeChanged = false
        state.notice = nil
    }
    switch action {
    case .selectPane(let n):
        guard state.panes.indices.contains(n) else { return [] }
        state.show(n)
    case .nextPane:
        state.show((state.selected + 1) % state.panes.count)
    case .previousPane:
        state.show((state.selected + state.panes.count - 1) % state.panes.count)
    case .pane(let command):
        if let overlay = state.overlay {
            state.overlay = state.scrolled(overlay, command)
            return []
        }
        let context = state.context
        let outcome = state.panes[state.selected].handle(command, context)
        return state.follow(outcome)
    case .back:
        if state.overlay != nil { state.overlay = nil; return [] }
        let outcome = state.panes[state.selected].handle(.back, state.context)
        if outcome == .ignored { state.returnBack() } else { return state.follow(outcome) }
    case .toggleOverlay(let kind):
        if state.overlay?.kind == kind { state.overlay = nil; return [] }
        switch kind {
        case .help: state.overlay = .help(ReaderState())
        case .diagnostics: state.overlay = .diagnostics(firstEntry: 0)
        }
    case .cycleTheme:
        state.themeIndex = (state.themeIndex + 1) % max(1, state.themes.count)
        state.themeChanged = true
    case .resize(let w, let h):
        state.width = max(0, w)
        state.height = max(0, h)
    case .viewport(let v):
        state.viewport = v
    case .quit:
        state.quitRequested = true
        return [.quit]
    case .reload:
        state.loading = true
        state.loadCancelled = false
        return [.cancel(key: "reload"), .loadData]
    case .loadStarted:
        state.loading = true
        state.loadCancelled = false
        state.loadStatus = LoadStatus()
        return [.schedule(key: AppState.loadPollTimer, after: AppState.loadPollSeconds, action: .pollLoad)]
    case .pollLoad:
        guard state.loading else { return [] }
        return [.readLoadStatus, .schedule(key: AppState.loadPollTimer, after: AppState.loadPollSeconds, action: .pollLoad)]
    case .loadProgress(let status):
        if state.loading { state.loadStatus = status }
    case .cancelLoad:
        guard state.loading else { return [] }
        return [.cancelLoad]
    case .loadCancelled:
        let first = state.awaitingFirstData
        state.loading = false
        state.loadStatus = nil
        // The first load leaves nothing behind it; a reload leaves the data shown before it.
        if first { state.loadCancelled = true } else { state.setLoadNotice("reload cancelled: the data shown is from before it") }
        return [.cancel(key: AppState.loadPollTimer)]
    case .filesChanged:
        // Editors and copies write in bursts: wait for the files to settle, then load once.
        return [.schedule(key: "reload", after: AppState.reloadSettleSeconds, action: .reload)]
    case .dataLoaded(let data):
        state.replaceData(data)
        return [.cancel(key: AppState.loadPollTimer)] + state.refreshInsights()
    case .loadFailed(let message):
        state.loading = false
        state.loadStatus = nil
        state.setLoadNotice(message)
        return [.cancel(key: AppState.loadPollTimer)]
    case .fileWritten(let path, let error):
        state.notice = state.fileWrittenNotice(path: path, error: error)
    case .tick, .kiosk:
        break
    case .openSpotlight:
        state.openSpotlight()
    case .exportPane(let stamp):
        return state.exportEffects(stamp: stamp ?? "export")
    case .copy:
        return state.copyEffects()
    case .insightsLoaded(let snapshot):
        state.receiveInsights(snapshot)
    case .insightChanged(let error):
        return state.insightChanged(error: error)
    }
    return []
}

extension AppState {
    /// How long the files must be quiet after a change before they are loaded again.
    public static let reloadSettleSeconds = 0.5
    /// How often the loading screen looks at the load's progress (only while a load runs).
    public static let loadPollSeconds = 0.1
    static let loadPollTimer = "load-progress"

    /// Shows `message` as the answer to a load (cleared by the next good load).
    mutating func setLoadNotice(_ message: String) {
        notice = message
        noticeFromLoad = true
    }

    /// True before the first data has arrived: the screen shows the load, not a pane.
    public var awaitingFirstData: Bool { data.loadedAt.isEmpty && (loading || loadCancelled) }

    /// Shows pane `n` because the user chose it: the way back is forgotten and typing stops.
    mutating func show(_ n: Int) {
        for i in panes.indices { panes[i].willShow() }
        navigation = []
        selected = n
        viewport = Viewport()
    }

    /// Acts on what a pane answered; returns the work it asks for.
    mutating func follow(_ outcome: PaneOutcome) -> [Effect] {
        switch outcome {
        case .ignored, .handled: break
        case .openPartner(let name): return open(.openPartner(name))
        case .insightsOf(let name): return open(.insightsOf(name))
        case .closedDrillDown: returnBack()
        case .loadInsights(let query): return [.loadInsights(insightQuery(query))]
        case .changeInsight(let change): return sharedScreen ? [] : [.changeInsight(change)]
        }
        return []
    }

    /// Routes `request` to the first pane that serves it, remembering where it came from.
    @discardableResult
    mutating func open(_ request: PaneRequest) -> [Effect] {
        let from = selected
        let context = self.context
        for i in panes.indices where panes[i].receive(request, context) {
            if i != from { navigation.append(from) }
            selected = i
            viewport = Viewport()
            return refreshInsights()
        }
        return []
    }

    /// Esc with nothing else to close: back to the pane a drill-down was opened from.
    mutating func returnBack() {
        guard let from = navigation.popLast(), panes.indices.contains(from) else { return }
        selected = from
        viewport = Viewport()
    }

    /// An overlay scrolled by a moving command, clamped against the last frame's viewport.
    func scrolled(_ overlay: Overlay, _ command: PaneCommand) -> Overlay {
        let page = viewport.rows
        let delta: Int
        switch command {
        case .move(let d), .scroll(let d): delta = d
        case .page(let d): delta = d * page
        case .home: delta = Int.min / 2
        case .end: delta = Int.max / 2
        default: return overlay
        }
        let limit = viewport.maximumOffset ?? Int.max / 2
        func clamp(_ v: Int) -> Int { min(max(0, v), max(0, limit)) }
        switch overlay {
        case .help(var r):
            r.offset = clamp(r.offset.addingClamped(delta))
            return .help(r)
        case .diagnostics(let first):
            return .diagnostics(firstEntry: clamp(first.addingClamped(delta)))
        }
    }

    /// Replaces the data (a reload), keeping the pane shown, sorts, filters and the open record where they still exist.
    mutating func replaceData(_ new: LoadedData) {
        let old = context
        data = new
        loading = false
        loadStatus = nil
        loadCancelled = false
        // A good load answers a load's notice (a failed reload); any other (a file written, an insight
        // saved) stays until the next key, even when that save itself set off the reload.
        if noticeFromLoad { notice = nil }
        let now = context
        for i in panes.indices { panes[i].dataChanged(from: old, to: now) }
        if case .diagnostics = overlay { overlay = .diagnostics(firstEntry: 0) }
    }
}

extension Int {
    /// `self + d`, clamped to the range of Int instead of trapping.
    func addingClamped(_ d: Int) -> Int {
        let (r, o) = addingReportingOverflow(d)
        return o ? (d > 0 ? Int.max : Int.min) : r
    }
}
