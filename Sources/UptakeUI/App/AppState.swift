import UptakeCore

/// The overlay shown over the panes; at most one, so states that cannot co-exist cannot be represented.
public enum Overlay: Hashable, Sendable {
    /// The keys, from the active key map, and its scroll.
    case help(ReaderState)
    /// The data issues, scrolled by whole entries (only the entries in view are ever laid out).
    case diagnostics(firstEntry: Int)

    /// Which overlay this is.
    public var kind: OverlayKind {
        switch self {
        case .help: return .help
        case .diagnostics: return .diagnostics
        }
    }
}

/// Everything the screen shows, and nothing else: `render` is a pure function of it.
///
/// Built once with ``init(data:theme:themes:glyphs:width:height:panes:)`` and then
/// changed only by ``update(_:_:)``. Each pane owns its own state; this holds the
/// panes, which one is shown, the way back from a drill-down, and the overlay.
public struct AppState: Sendable {
    /// The loaded data with its index.
    public internal(set) var data: LoadedData
    /// The panes, in tab order.
    public internal(set) var panes: [any PaneModel]
    /// The pane on screen (index into `panes`).
    public internal(set) var selected = 0
    /// Panes to return to with Esc (a record opened from the Uptake table returns there).
    public internal(set) var navigation: [Int] = []
    /// The overlay shown, if any.
    public internal(set) var overlay: Overlay?

    /// The themes `t` cycles through (at least one).
    public internal(set) var themes: [Theme]
    /// Index of the current theme in `themes`.
    public internal(set) var themeIndex: Int
    /// Box drawing and symbols: Unicode or ASCII.
    public var glyphs: Glyphs
    /// Screen size in cells.
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// What the last frame measured of the focused scrolling area (fed back by the runtime).
    public internal(set) var viewport = Viewport()
    /// Which bindings are on (a kiosk locks most of them).
    public var keyPolicy = KeyPolicy.all
    /// True from a theme change (`t`) until the next action: the status bar then names the theme even where it has no room to spare.
    public internal(set) var themeChanged = false
    /// True while a load is under way.
    public internal(set) var loading = false
    /// How far the load in flight has got (nil when none runs).
    public internal(set) var loadStatus: LoadStatus?
    /// True after the first load was cancelled: nothing is shown until `r` loads again.
    public internal(set) var loadCancelled = false
    /// A one-line message for the status bar (a failed reload, a written file), until the next load or key.
    public internal(set) var notice: String? { didSet { noticeFromLoad = false } }
    /// True when ``notice`` answers a load (so the next good load clears it).
    var noticeFromLoad = false
    /// Where `e` writes its files (the current directory unless the command line or config says otherwise).
    public var exportDirectory = "."
    /// True when `y` may copy to the clipboard with OSC 52 (off by default; never in the kiosk).
    public var clipboardEnabled = false
    /// True for `uptake present`: a projected screen, shared like the kiosk's for the insight bank (no sensitive insight, no form),
    /// even after Esc leaves the spotlight.
    public var projected = false
    /// Kiosk mode (rotation, clock, lock), or nil for the ordinary dashboard.
    public internal(set) var kiosk: KioskState?
    /// Set by `quit`; the runtime exits when it sees it (or the `.quit` effect).
    public internal(set) var quitRequested = false

    /// The current theme.
    public var theme: Theme { themes[min(max(0, themeIndex), themes.count - 1)] }
    /// The loaded data.
    public var dataset: Dataset { data.dataset }
    /// Everything derived from the data.
    public var index: DatasetIndex { data.index }
    /// When the data was loaded.
    public var loadedAt: String { data.loadedAt }
    /// The pane on screen.
    public var currentPane: any PaneModel { panes[selected] }

    /// The smallest screen the panes are drawn on; below it only a message asking for more room is shown.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// Builds the state for `data` on a `width` x `height` screen.
    ///
    /// - Parameters:
    ///   - theme: the theme to start with; it is added to `themes` when not already there.
    ///   - themes: the themes `t` cycles through (defaults to the five built-ins).
    ///   - panes: the panes, in tab order (defaults to ``PaneRegistry/standard(_:)``).
    public init(data: LoadedData, theme: Theme = .dark, themes: [Theme] = Theme.builtIns, glyphs: Glyphs = .unicode,
                width: Int = 80, height: Int = 24, panes: [any PaneModel]? = nil) {
        self.data = data
        var list = themes.isEmpty ? [theme] : themes
        if let i = list.firstIndex(where: { $0.name == theme.name }) { list[i] = theme } else { list.insert(theme, at: 0) }
        self.themes = list
        self.themeIndex = list.firstIndex { $0.name == theme.name } ?? 0
        self.glyphs = glyphs
        self.width = max(0, width)
        self.height = max(0, height)
        self.panes = []
        self.panes = panes ?? PaneRegistry.standard(context)
        if self.panes.isEmpty { self.panes = [OverviewPane()] }
    }

    /// Builds the state for `dataset`, indexing it here (tests and the first frame; reloads index off the main thread).
    public init(dataset: Dataset, theme: Theme = .dark, themes: [Theme] = Theme.builtIns, glyphs: Glyphs = .unicode,
                width: Int = 80, height: Int = 24, loadedAt: String = "", panes: [any PaneModel]? = nil) {
        self.init(data: LoadedData(dataset: dataset, loadedAt: loadedAt), theme: theme, themes: themes, glyphs: glyphs,
                  width: width, height: height, panes: panes)
    }

    /// True when the screen is smaller than ``minimumWidth`` x ``minimumHeight``.
    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// What panes read: the data, the theme and the last frame's viewport.
    public var context: PaneContext {
        var c = PaneContext(dataset: data.dataset, index: data.index, theme: theme, glyphs: glyphs, viewport: viewport,
                            backTo: navigation.last.flatMap { panes.indices.contains($0) ? panes[$0].title : nil })
        c.loadedAt = data.loadedAt
        c.insights = data.insights
        c.sharedScreen = sharedScreen
        return c
    }

    /// The first pane of type `P` (tests and wiring read pane state through it).
    public func pane<P: PaneModel>(_ type: P.Type) -> P? {
        panes.lazy.compactMap { $0 as? P }.first
    }

    /// The index of the pane with identifier `id`.
    public func paneIndex(id: String) -> Int? { panes.firstIndex { $0.id == id } }
}
