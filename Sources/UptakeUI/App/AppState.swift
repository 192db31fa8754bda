import UptakeCore

/// Selection, filter and sort of one list (the uptake table or the partners list), with its derived row order.
///
/// `sorted` and `rows` are index arrays into the dataset index, recomputed only
/// when the sort, the filter or the data change, never per frame.
public struct ListState: Sendable {
    /// Selection and scroll of the table widget (its `sortColumn` is set at render time).
    public var table = TableState(selected: 0)
    /// The filter text (case-insensitive substring).
    public var filter = ""
    /// True while the user is typing the filter.
    public var editingFilter = false
    /// The filter as it was when editing began (restored by Esc).
    var filterBeforeEdit = ""
    /// The sort column id (`UptakeColumn`/`PartnerColumn` raw value), or nil for file order.
    public var sortColumn: Int?
    /// Sort direction.
    public var ascending = true
    /// Every row, in sort order.
    public internal(set) var sorted: [Int] = []
    /// The rows shown: `sorted` narrowed by the filter.
    public internal(set) var rows: [Int] = []

    /// The row index (into the table or partner list) of the selected row.
    public var selectedRow: Int? { table.selected.flatMap { $0 < rows.count ? rows[$0] : nil } }
}

/// Everything the screen shows, and nothing else: `render` is a pure function of it.
///
/// Built once with ``init(dataset:theme:themes:glyphs:width:height:loadedAt:)``
/// and then changed only by ``update(_:_:)``.
public struct AppState: Sendable {
    /// The loaded data.
    public private(set) var dataset: Dataset
    /// Everything derived from the data (uptake table, search keys, partner list, recurring items).
    public private(set) var index: DatasetIndex
    /// When the data was loaded, as given by the caller (shown on the Overview).
    public internal(set) var loadedAt: String

    /// The pane on screen.
    public internal(set) var pane: Pane = .overview
    /// The uptake table's selection, filter and sort.
    public internal(set) var uptake = ListState()
    /// The partners list's selection, filter and sort.
    public internal(set) var partners = ListState()
    /// The partner entry whose record is open in the Partners pane, or nil for the list.
    public internal(set) var openPartner: Int?
    /// The pane a partner record was opened from (Esc returns there), when not the Partners list.
    public internal(set) var recordOpenedFrom: Pane?
    /// Scroll of the partner record.
    public internal(set) var record = ReaderState()
    /// Scroll of the Overview.
    public internal(set) var overviewScroll = ReaderState()
    /// Scroll of the Inequalities pane.
    public internal(set) var inequalitiesScroll = ReaderState()
    /// Scroll of the Principles pane.
    public internal(set) var principlesScroll = ReaderState()
    /// The case study shown.
    public internal(set) var caseStudy = 0
    /// Scroll of the case-study reader.
    public internal(set) var caseStudyScroll = ReaderState()
    /// True while the help overlay is shown.
    public internal(set) var helpVisible = false
    /// Scroll of the help overlay.
    public internal(set) var helpScroll = ReaderState()
    /// True while the data-issues overlay is shown.
    public internal(set) var diagnosticsVisible = false
    /// Scroll of the data-issues overlay.
    public internal(set) var diagnosticsScroll = ReaderState()

    /// The themes `t` cycles through (at least one).
    public internal(set) var themes: [Theme]
    /// Index of the current theme in `themes`.
    public internal(set) var themeIndex: Int
    /// Box drawing and symbols: Unicode or ASCII.
    public var glyphs: Glyphs
    /// Screen size in cells.
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// True from a theme change (`t`) until the next action: the status bar then names the theme even where it has no room to spare.
    public internal(set) var themeChanged = false
    /// Set by `quit`; the executable exits when it sees it (or the `.quit` effect).
    public internal(set) var quitRequested = false

    /// The current theme.
    public var theme: Theme { themes[min(max(0, themeIndex), themes.count - 1)] }

    /// The smallest screen the panes are drawn on; below it only a message asking for more room is shown.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// Builds the state for `dataset` on a `width` x `height` screen.
    ///
    /// - Parameters:
    ///   - theme: the theme to start with; it is added to `themes` when not already there.
    ///   - themes: the themes `t` cycles through (defaults to the five built-ins).
    ///   - loadedAt: a label for when the data was loaded (e.g. `14:02`), shown on the Overview.
    public init(dataset: Dataset, theme: Theme = .dark, themes: [Theme] = Theme.builtIns, glyphs: Glyphs = .unicode,
                width: Int = 80, height: Int = 24, loadedAt: String = "") {
        self.dataset = dataset
        self.index = DatasetIndex(dataset: dataset)
        self.loadedAt = loadedAt
        var list = themes.isEmpty ? [theme] : themes
        if let i = list.firstIndex(where: { $0.name == theme.name }) { list[i] = theme } else { list.insert(theme, at: 0) }
        self.themes = list
        self.themeIndex = list.firstIndex { $0.name == theme.name } ?? 0
        self.glyphs = glyphs
        self.width = max(0, width)
        self.height = max(0, height)
        resortUptake()
        resortPartners()
    }

    /// True when the screen is smaller than ``minimumWidth`` x ``minimumHeight``.
    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// Replaces the data (a reload), keeping pane, sort, filter and the open partner where they still exist.
    mutating func replaceData(_ dataset: Dataset, loadedAt: String) {
        let openName = openPartner.map { index.partners[$0].name }
        self.dataset = dataset
        self.index = DatasetIndex(dataset: dataset)
        self.loadedAt = loadedAt
        openPartner = openName.flatMap { index.partnerIndex[$0] }
        if openPartner == nil { record = ReaderState() }
        caseStudy = min(caseStudy, max(0, dataset.caseStudies.count - 1))
        // Row ids of the old data mean nothing in the new: keep the selection's position, clamped.
        let uptakeAt = uptake.table.selected, partnersAt = partners.table.selected
        uptake.table.selected = nil
        partners.table.selected = nil
        resortUptake()
        resortPartners()
        clampSelection(&uptake, to: uptakeAt)
        clampSelection(&partners, to: partnersAt)
    }

    // MARK: - Derived row orders

    /// Recomputes the uptake order for the current sort, then the filter; the selected series stays selected.
    mutating func resortUptake() {
        let keep = uptake.selectedRow
        uptake.sorted = index.uptakeOrder(by: uptake.sortColumn.flatMap(UptakeColumn.init(rawValue:)), ascending: uptake.ascending)
        refilterUptake(narrowing: false, keeping: keep)
    }

    /// Re-applies the uptake filter; `narrowing` filters the rows already shown (the filter only grew).
    /// The series selected before (or `keeping`) stays selected when it is still shown, else the first row is.
    mutating func refilterUptake(narrowing: Bool, keeping: Int?? = nil) {
        let keep = keeping ?? uptake.selectedRow
        uptake.rows = index.uptakeKeys.filter(narrowing ? uptake.rows : uptake.sorted, query: uptake.filter)
        select(&uptake, keeping: keep)
    }

    /// Recomputes the partners order for the current sort, then the filter; the selected partner stays selected.
    mutating func resortPartners() {
        let keep = partners.selectedRow
        partners.sorted = index.partnerOrder(by: partners.sortColumn.flatMap(PartnerColumn.init(rawValue:)), ascending: partners.ascending)
        refilterPartners(narrowing: false, keeping: keep)
    }

    /// Re-applies the partners filter, keeping the selected partner when it is still shown.
    mutating func refilterPartners(narrowing: Bool, keeping: Int?? = nil) {
        let keep = keeping ?? partners.selectedRow
        partners.rows = index.partnerKeys.filter(narrowing ? partners.rows : partners.sorted, query: partners.filter)
        select(&partners, keeping: keep)
    }

    /// Selects row id `keep` where it now is; when it is gone (or nil), the first row.
    private func select(_ list: inout ListState, keeping keep: Int?) {
        if list.rows.isEmpty { list.table.selected = nil; list.table.offset = 0; return }
        if let keep, let i = list.rows.firstIndex(of: keep) { list.table.selected = i; return }
        list.table.selected = 0
        list.table.offset = 0
    }

    private func clampSelection(_ list: inout ListState, to position: Int?) {
        if list.rows.isEmpty { list.table.selected = nil; list.table.offset = 0; return }
        list.table.selected = min(max(0, position ?? 0), list.rows.count - 1)
    }
}
