import UptakeCore

/// Applies `action` to `state`: the one place state changes. Returns work for the caller to do.
///
/// Pure apart from `state`: no I/O, no clock. Derived row orders are recomputed
/// here, and only when the sort, the filter or the data change.
@discardableResult
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .cycleTheme, .tick, .resize: break
    default: state.themeChanged = false
    }
    switch action {
    case .selectPane(let n):
        guard let p = Pane(rawValue: n) else { return [] }
        state.showPane(p)
    case .nextPane:
        state.showPane(Pane(rawValue: (state.pane.rawValue + 1) % Pane.allCases.count)!)
    case .previousPane:
        state.showPane(Pane(rawValue: (state.pane.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!)
    case .moveSelection(let d):
        state.move(by: d)
    case .page(let d):
        state.move(by: d * max(1, state.pageSize))
    case .home:
        state.move(by: Int.min / 2)
    case .end:
        state.move(by: Int.max / 2)
    case .scroll(let d):
        state.move(by: d)
    case .sortBy(let column):
        state.sort(column: column, toggle: true)
    case .cycleSort:
        state.cycleSort()
    case .reverseSort:
        state.withFocusedList { list in list.ascending.toggle() }
        state.resortFocused()
    case .beginFilter:
        state.withFocusedList { list in
            list.editingFilter = true
            list.filterBeforeEdit = list.filter
        }
    case .filterInput(let c):
        guard !TerminalText.sanitize(String(c)).isEmpty else { return [] }
        state.withFocusedList { list in
            list.filter.append(c)
        }
        state.refilterFocused(narrowing: true)
    case .filterBackspace:
        state.withFocusedList { list in
            if !list.filter.isEmpty { list.filter.removeLast() }
        }
        state.refilterFocused(narrowing: false)
    case .endFilter(let commit):
        var changed = false
        state.withFocusedList { list in
            list.editingFilter = false
            if !commit, list.filter != list.filterBeforeEdit { list.filter = list.filterBeforeEdit; changed = true }
        }
        if changed { state.refilterFocused(narrowing: false) }
    case .open:
        state.openSelected()
    case .back:
        state.back()
    case .toggleHelp:
        state.helpVisible.toggle()
        state.helpScroll = ReaderState()
    case .toggleDiagnostics:
        state.diagnosticsVisible.toggle()
        state.diagnosticsScroll = ReaderState()
    case .cycleTheme:
        state.themeIndex = (state.themeIndex + 1) % max(1, state.themes.count)
        state.themeChanged = true
    case .nextItem, .previousItem:
        let n = state.dataset.caseStudies.count
        guard n > 0 else { return [] }
        state.caseStudy = (state.caseStudy + (action == .nextItem ? 1 : n - 1)) % n
        state.caseStudyScroll = ReaderState()
    case .click(let x, let y):
        state.click(x: x, y: y)
    case .resize(let w, let h):
        state.width = max(0, w)
        state.height = max(0, h)
        state.move(by: 0)
    case .quit:
        state.quitRequested = true
        return [.quit]
    case .dataReloaded(let dataset, let loadedAt):
        state.replaceData(dataset, loadedAt: loadedAt)
        state.move(by: 0)
    case .tick:
        break
    }
    return []
}

extension AppState {
    mutating func showPane(_ p: Pane) {
        // Leaving a list while typing keeps what was typed.
        uptake.editingFilter = false
        partners.editingFilter = false
        // Choosing a pane yourself ends the "Esc returns to where you opened the record" trail.
        recordOpenedFrom = nil
        pane = p
    }

    /// Runs `body` on the focused list (uptake table, or partners list with no record open).
    mutating func withFocusedList(_ body: (inout ListState) -> Void) {
        switch pane {
        case .uptake: body(&uptake)
        case .partners where openPartner == nil: body(&partners)
        default: break
        }
    }

    mutating func resortFocused() {
        switch pane {
        case .uptake: resortUptake()
        case .partners where openPartner == nil: resortPartners()
        default: break
        }
    }

    mutating func refilterFocused(narrowing: Bool) {
        switch pane {
        case .uptake: refilterUptake(narrowing: narrowing)
        case .partners where openPartner == nil: refilterPartners(narrowing: narrowing)
        default: break
        }
    }

    /// Sorts the focused list by column id; `toggle` flips the direction when it is already the sort column.
    mutating func sort(column: Int, toggle: Bool) {
        let valid = pane == .uptake ? UptakeColumn(rawValue: column) != nil : PartnerColumn(rawValue: column) != nil
        guard valid else { return }
        withFocusedList { list in
            if list.sortColumn == column, toggle { list.ascending.toggle() } else { list.sortColumn = column; list.ascending = true }
        }
        resortFocused()
    }

    /// `s`: the next visible column (wrapping to file order after the last).
    mutating func cycleSort() {
        let ids: [Int]
        switch pane {
        case .uptake: ids = UptakePane.geometry(self).columns.filter { $0 != .trend }.map(\.rawValue)
        case .partners where openPartner == nil: ids = PartnersPane.geometry(self).columns.map(\.rawValue)
        default: return
        }
        withFocusedList { list in
            if let c = list.sortColumn, let i = ids.firstIndex(of: c) {
                list.sortColumn = i + 1 < ids.count ? ids[i + 1] : nil
            } else {
                list.sortColumn = ids.first
            }
            list.ascending = true
        }
        resortFocused()
    }

    /// Rows in a page of the thing being moved.
    var pageSize: Int {
        if helpVisible || diagnosticsVisible { return max(1, height - 6) }
        switch pane {
        case .uptake: return UptakePane.geometry(self).widget.visibleRows(in: UptakePane.geometry(self).list.table)
        case .partners where openPartner == nil:
            let g = PartnersPane.geometry(self)
            return g.widget.visibleRows(in: g.list.table)
        case .caseStudies: return CaseStudiesPane.geometry(self).reader.height
        default: return layout.pane.height
        }
    }

    /// Moves the selection (lists) or the scroll (text panes, overlays) by `d`, clamped.
    mutating func move(by d: Int) {
        if helpVisible {
            let overlay = HelpPane.overlay(self)
            let box = overlay.boxRect(in: layout.paneBox)
            helpScroll.scroll(by: d, totalLines: overlay.lineCount, visibleRows: max(1, box.height - 2))
            return
        }
        if diagnosticsVisible {
            let b = DiagnosticsOverlay.box(self)
            let doc = DiagnosticsOverlay.document(self, width: max(1, b.width - 4))
            diagnosticsScroll.scroll(by: d, totalLines: doc.lines.count, visibleRows: max(1, b.height - 2))
            return
        }
        let area = layout.pane
        switch pane {
        case .overview:
            let doc = OverviewPane.document(self, width: area.width, height: area.height)
            overviewScroll.scroll(by: d, totalLines: doc.lines.count, visibleRows: area.height)
        case .uptake:
            let g = UptakePane.geometry(self)
            uptake.table.moveSelection(by: d, rowCount: uptake.rows.count, visibleRows: g.widget.visibleRows(in: g.list.table))
        case .partners:
            if let p = openPartner {
                let doc = PartnersPane.recordDocument(self, entry: p, width: area.width)
                record.scroll(by: d, totalLines: doc.lines.count, visibleRows: area.height)
            } else {
                let g = PartnersPane.geometry(self)
                partners.table.moveSelection(by: d, rowCount: partners.rows.count, visibleRows: g.widget.visibleRows(in: g.list.table))
            }
        case .inequalities:
            let doc = InequalitiesPane.document(self, width: area.width)
            inequalitiesScroll.scroll(by: d, totalLines: doc.lines.count, visibleRows: area.height)
        case .caseStudies:
            let r = CaseStudiesPane.geometry(self).reader
            let total = CaseStudiesPane.reader(self)?.lineCount(width: r.width) ?? 0
            caseStudyScroll.scroll(by: d, totalLines: total, visibleRows: r.height)
        case .principles:
            let doc = PrinciplesPane.document(self, width: area.width)
            principlesScroll.scroll(by: d, totalLines: doc.lines.count, visibleRows: area.height)
        }
    }

    /// Enter: from the uptake table or the partners list, open the selected partner's record on the Partners pane.
    mutating func openSelected() {
        switch pane {
        case .uptake:
            guard let row = uptake.selectedRow,
                  let p = index.partnerIndex[index.table.rows[row].series.partner] else { return }
            openPartnerRecord(p)
        case .partners where openPartner == nil:
            guard let p = partners.selectedRow else { return }
            openPartnerRecord(p)
        default: break
        }
    }

    mutating func openPartnerRecord(_ p: Int) {
        uptake.editingFilter = false
        partners.editingFilter = false
        recordOpenedFrom = pane == .partners ? nil : pane
        pane = .partners
        openPartner = p
        record = ReaderState()
        if let i = partners.rows.firstIndex(of: p) { partners.table.selected = i }
    }

    /// Esc: close an overlay, else cancel the filter being typed, else close the record, else clear a filter.
    mutating func back() {
        if helpVisible { helpVisible = false; return }
        if diagnosticsVisible { diagnosticsVisible = false; return }
        if let list = focusedList, list.editingFilter { _ = update(&self, .endFilter(commit: false)); return }
        if pane == .partners, openPartner != nil {
            openPartner = nil
            record = ReaderState()
            // Back to where the record was opened from (the Uptake table keeps its sort, filter and selection).
            if let from = recordOpenedFrom { pane = from }
            recordOpenedFrom = nil
            return
        }
        if let list = focusedList, !list.filter.isEmpty {
            withFocusedList { $0.filter = "" }
            refilterFocused(narrowing: false)
        }
    }

    /// A left click: tabs, the diagnostics count, table headers (sort) and rows (select; the selected row opens), case-study list.
    mutating func click(x: Int, y: Int) {
        guard !isTooSmall else { return }
        let l = layout
        if helpVisible || diagnosticsVisible {
            // A click outside the overlay closes it.
            let box = helpVisible ? HelpPane.overlay(self).boxRect(in: l.paneBox) : DiagnosticsOverlay.box(self)
            if !box.contains(x: x, y: y) { helpVisible = false; diagnosticsVisible = false }
            return
        }
        if l.tabs.contains(x: x, y: y) {
            if let t = tabBar.tabAt(x: x, area: l.tabs) { showPane(Pane(rawValue: t)!) }
            return
        }
        if diagnosticsSummaryRect.contains(x: x, y: y) { diagnosticsVisible = true; diagnosticsScroll = ReaderState(); return }
        switch pane {
        case .uptake:
            let g = UptakePane.geometry(self)
            handle(AppState.clickList(&uptake, widget: g.widget, area: g.list.table, x: x, y: y) { g.columns[$0].rawValue })
        case .partners where openPartner == nil:
            let g = PartnersPane.geometry(self)
            handle(AppState.clickList(&partners, widget: g.widget, area: g.list.table, x: x, y: y) { g.columns[$0].rawValue })
        case .caseStudies:
            let g = CaseStudiesPane.geometry(self)
            guard g.list.contains(x: x, y: y) else { return }
            let n = dataset.caseStudies.count
            let first = max(0, min(caseStudy - g.list.height + 1, n - g.list.height))
            let i = first + (y - g.list.y)
            if i < n, i != caseStudy { caseStudy = i; caseStudyScroll = ReaderState() }
        default: break
        }
    }

    private enum ClickResult { case none, resort, open }

    private mutating func handle(_ r: ClickResult) {
        switch r {
        case .none: break
        case .resort: resortFocused()
        case .open: openSelected()
        }
    }

    private static func clickList(_ list: inout ListState, widget: TableWidget, area: Rect, x: Int, y: Int, columnID: (Int) -> Int) -> ClickResult {
        guard area.contains(x: x, y: y) else { return .none }
        if y == area.y {
            if let c = widget.columnAt(x: x, area: area) {
                let id = columnID(c)
                if list.sortColumn == id { list.ascending.toggle() } else { list.sortColumn = id; list.ascending = true }
                return .resort
            }
            return .none
        }
        var ts = list.table
        guard let row = widget.rowAt(y: y, area: area, state: ts) else { return .none }
        ts.offset = widget.effectiveOffset(area: area, state: ts)
        if ts.selected == row {
            list.table = ts
            return .open
        }
        ts.selected = row
        list.table = ts
        return .none
    }
}
