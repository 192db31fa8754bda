import UptakeCore

/// What every pane can read but not change: the data, what is derived from it, and how to draw.
public struct PaneContext: Sendable {
    /// The loaded data.
    public var dataset: Dataset
    /// Everything derived from the data once per load.
    public var index: DatasetIndex
    /// The current theme.
    public var theme: Theme
    /// Unicode or ASCII symbols.
    public var glyphs: Glyphs
    /// What the last frame reported about this pane's scrolling (rows shown, largest offset).
    public var viewport: Viewport
    /// When the data was loaded, as shown on screen.
    public var loadedAt = ""
    /// The title of the pane Esc returns to from a drill-down, if any.
    public var backTo: String?
    /// The insight bank's default view loaded with the data (nil: no bank).
    public var insights: InsightSnapshot?
    /// True on a shared screen (a locked key policy: the kiosk): nothing sensitive is shown, nothing is edited.
    public var sharedScreen = false

    /// Creates a context.
    public init(dataset: Dataset, index: DatasetIndex, theme: Theme, glyphs: Glyphs, viewport: Viewport = Viewport(), backTo: String? = nil) {
        self.backTo = backTo
        self.dataset = dataset
        self.index = index
        self.theme = theme
        self.glyphs = glyphs
        self.viewport = viewport
    }
}

/// What a frame found out about the focused scrolling area, fed back to `update` so it never lays out.
///
/// `render` measures the area and the content; the runtime sends the numbers back in
/// ``Action/viewport(_:)`` after each frame, and moves then clamp against them.
public struct Viewport: Hashable, Sendable {
    /// Rows of content shown (a page).
    public var rows: Int
    /// The largest useful scroll offset for a document (its lines less a page), or nil for a list.
    public var maximumOffset: Int?
    /// How many rows a list has in all (nil for a document), so a kiosk knows how many pages to show.
    public var contentRows: Int?
    /// Lines where the document's sections start (a framework on the Principles pane), for jumping between them.
    public var anchors: [Int]

    /// Creates a viewport report; the default (before any frame) assumes a page of 10 rows.
    public init(rows: Int = 10, maximumOffset: Int? = nil, anchors: [Int] = [], contentRows: Int? = nil) {
        self.contentRows = contentRows
        self.rows = max(1, rows)
        self.maximumOffset = maximumOffset
        self.anchors = anchors
    }
}

/// A pane-level command: the focused pane decides what it means for it (a list moves its selection, a document scrolls).
public enum PaneCommand: Hashable, Sendable {
    /// Move the selection (lists) or scroll (documents) by rows.
    case move(Int)
    /// Move by pages (negative is up); the page is the last frame's ``Viewport/rows``.
    case page(Int)
    case home, end
    /// A wheel turn: rows, negative is up.
    case scroll(Int)
    /// Sort by a column id; again flips the direction.
    case sortBy(Int)
    /// Sort by the next column (`s`) / reverse the sort (`S`).
    case cycleSort, reverseSort
    /// Start typing a filter (`/`).
    case beginFilter
    /// Text typed (or pasted) into the filter.
    case filterInput(String)
    case filterBackspace
    /// Stop typing: keep the filter (Enter) or restore the one before (Esc).
    case endFilter(commit: Bool)
    /// Enter: open the selected item.
    case open
    /// Esc: the pane's own step back (clear a filter, close a drill-down).
    case back
    /// The next/previous item (case study, framework).
    case nextItem, previousItem
    /// Move keyboard focus between the pane's parts (list and reader).
    case switchFocus
    /// A click on row `n` of the pane's list (display order): select it, or open it when already selected.
    case clickRow(Int)
    /// Select item `n` of a side list (the case-study titles).
    case selectItem(Int)
    /// Scroll a wide table's columns by `n` (negative is back).
    case scrollColumns(Int)
    /// A letter the pane binds for itself (the Insights pane's `a` add, `m` matrix, `c` code).
    case letter(Character)
    /// Move the text cursor (or a pick list's choice) left or right in a form.
    case cursor(Int)
    /// Save the form.
    case submit
}

/// What a pane answers to a command.
public enum PaneOutcome: Hashable, Sendable {
    /// Not the pane's: the app handles it (or ignores it).
    case ignored
    /// Done.
    case handled
    /// Done, and the app should open a partner's record (on the pane that shows records).
    case openPartner(String)
    /// Done, and the app should show the insights that came through this partner.
    case insightsOf(String)
    /// The pane closed a drill-down: the app returns to where it was opened from, if anywhere.
    case closedDrillDown
    /// Done, and the pane needs the insight bank's answer to this query.
    case loadInsights(InsightQuery)
    /// Done, and the pane asks for this change to the insight bank.
    case changeInsight(InsightChange)
}

/// A request the app routes to whichever pane can serve it.
public enum PaneRequest: Hashable, Sendable {
    /// Show this partner's full record.
    case openPartner(String)
    /// Show the insights that came through this partner.
    case insightsOf(String)
}

/// What a pane drew: where clicks go and how its focused area scrolls.
public struct PaneFrame: Sendable {
    /// Clickable regions, in drawing order (later ones win).
    public var regions: [HitRegion] = []
    /// The focused scrolling area.
    public var viewport = Viewport()

    /// Creates a pane frame.
    public init(regions: [HitRegion] = [], viewport: Viewport = Viewport()) {
        self.regions = regions
        self.viewport = viewport
    }
}

/// One pane of the dashboard: it holds its own state, declares its keys, handles its commands and draws itself.
///
/// Adding a pane means writing one type that conforms to this protocol and
/// registering it in ``PaneRegistry/standard``; the tab bar, the number keys,
/// help and the status-bar hints follow from the registration.
public protocol PaneModel: Sendable {
    /// A stable identifier (`uptake`, `partners`): navigation and tests name panes by it.
    var id: String { get }
    /// The tab title.
    var title: String { get }
    /// The title on the pane's border (defaults to the tab title).
    func heading(_ context: PaneContext, width: Int) -> String
    /// The pane's own key bindings in its current state (a filter being typed has its own map).
    func keyBindings(_ context: PaneContext) -> [KeyBinding]
    /// True while the pane takes every printable key as text (a filter being typed).
    var capturesText: Bool { get }
    /// Applies a command to the pane's state.
    mutating func handle(_ command: PaneCommand, _ context: PaneContext) -> PaneOutcome
    /// Serves a request routed by the app; false when this pane cannot.
    mutating func receive(_ request: PaneRequest, _ context: PaneContext) -> Bool
    /// New data arrived: rebuild what depends on it, keeping selections where they still exist.
    mutating func dataChanged(from old: PaneContext, to new: PaneContext)
    /// The pane is shown because the user chose it (not by going back): stop any typing.
    mutating func willShow()
    /// Draws the pane into `area` of `buffer` (pure: the state is not changed).
    func render(_ context: PaneContext, into buffer: inout Buffer, area: Rect) -> PaneFrame
    /// What `e` writes: the pane's content as shown (filtered and sorted), one file per format (default: none; see `PaneModel+Export.swift`).
    func exports(_ context: PaneContext) -> [PaneExport]
}

extension PaneModel {
    public func heading(_ context: PaneContext, width: Int) -> String { title }
    public var capturesText: Bool { false }
    public mutating func receive(_ request: PaneRequest, _ context: PaneContext) -> Bool { false }
    public mutating func dataChanged(from old: PaneContext, to new: PaneContext) {}
    public mutating func willShow() {}
}

/// The panes of the dashboard, in tab order.
public enum PaneRegistry {
    /// The standard panes.
    public static func standard(_ context: PaneContext) -> [any PaneModel] {
        [OverviewPane(), UptakePane(context), PartnersPane(context), InequalitiesPane(), CaseStudiesPane(), PrinciplesPane(), InsightsPane(context)]
    }
}
