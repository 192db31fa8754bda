import UptakeCore

/// Everything that can happen to the app; ``update(_:_:)`` is the one place that applies them.
public enum Action: Sendable, Equatable {
    /// Show pane `n` (0-based).
    case selectPane(Int)
    case nextPane, previousPane
    /// Move the selection (lists) or scroll (text panes, overlays) by rows.
    case moveSelection(Int)
    /// Move by pages (negative is up).
    case page(Int)
    case home, end
    /// Sort the current list by a column id (`UptakeColumn`/`PartnerColumn` raw value); again flips the direction.
    case sortBy(Int)
    /// Sort by the next column (`s`).
    case cycleSort
    /// Reverse the sort direction (`S`).
    case reverseSort
    /// Start typing a filter (`/`).
    case beginFilter
    /// A character typed into the filter.
    case filterInput(Character)
    case filterBackspace
    /// Stop typing: keep the filter (Enter) or restore the previous one (Esc).
    case endFilter(commit: Bool)
    /// Enter: open the partner record of the selected row.
    case open
    /// Esc: close an overlay, cancel a filter, leave a record, clear a filter.
    case back
    case toggleHelp, toggleDiagnostics, cycleTheme
    /// The next/previous case study (`l`/`h` on the Case studies pane).
    case nextItem, previousItem
    /// A left click at a screen cell.
    case click(x: Int, y: Int)
    /// A wheel turn: rows, negative is up.
    case scroll(Int)
    /// The terminal is now `w` x `h`.
    case resize(Int, Int)
    case quit
    /// New data arrived (kiosk live reload).
    case dataReloaded(Dataset, loadedAt: String)
    /// A timer tick (kiosk rotation); does nothing yet.
    case tick

    public static func == (lhs: Action, rhs: Action) -> Bool {
        switch (lhs, rhs) {
        case let (.selectPane(a), .selectPane(b)), let (.moveSelection(a), .moveSelection(b)), let (.page(a), .page(b)),
             let (.sortBy(a), .sortBy(b)), let (.scroll(a), .scroll(b)):
            return a == b
        case (.nextPane, .nextPane), (.previousPane, .previousPane), (.home, .home), (.end, .end), (.cycleSort, .cycleSort),
             (.reverseSort, .reverseSort), (.beginFilter, .beginFilter), (.filterBackspace, .filterBackspace), (.open, .open),
             (.back, .back), (.toggleHelp, .toggleHelp), (.toggleDiagnostics, .toggleDiagnostics), (.cycleTheme, .cycleTheme),
             (.nextItem, .nextItem), (.previousItem, .previousItem), (.quit, .quit), (.tick, .tick):
            return true
        case let (.filterInput(a), .filterInput(b)): return a == b
        case let (.endFilter(a), .endFilter(b)): return a == b
        case let (.click(x1, y1), .click(x2, y2)): return x1 == x2 && y1 == y2
        case let (.resize(w1, h1), .resize(w2, h2)): return w1 == w2 && h1 == h2
        case let (.dataReloaded(d1, l1), .dataReloaded(d2, l2)):
            return l1 == l2 && d1.origin == d2.origin && d1.metadata == d2.metadata && d1.partners == d2.partners
                && d1.series == d2.series && d1.indicators == d2.indicators && d1.surveys == d2.surveys
                && d1.caseStudies == d2.caseStudies && d1.principles == d2.principles && d1.diagnostics == d2.diagnostics
                && d1.fileSummaries == d2.fileSummaries
        default:
            return false
        }
    }
}

/// Work for the executable to do outside `update` (more to come: export, reload).
public enum Effect: Sendable, Equatable {
    /// Leave the app.
    case quit
}
