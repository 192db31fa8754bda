import UptakeCore

/// Where a key binding applies; the focused context is asked first, then `.global`.
public enum KeyContext: Hashable, Sendable {
    /// Anywhere (unless an overlay or the filter takes the key first).
    case global
    /// The uptake table and the partners list.
    case table
    /// While typing a filter: printable characters go into the filter.
    case filterEditing
    /// Text panes: partner record, Inequalities, Principles, Overview.
    case reader
    /// The Case studies pane.
    case caseStudies
    /// The help and data-issues overlays.
    case overlay
}

/// What a binding does, as data (no closures), resolved to an ``Action`` for the key pressed.
public enum KeyCommand: Sendable, Equatable {
    /// Always this action.
    case action(Action)
    /// The pane numbered by the digit pressed (`1`-`6`).
    case paneFromDigit
    /// The character pressed goes into the filter.
    case typeIntoFilter
}

/// One key binding with its help text: the key map, the help overlay and the status-bar hints are all this table.
public struct KeyBinding: Sendable {
    /// The keys that trigger it.
    public var keys: [Key]
    /// The keys as shown in help (`1-6`, `j / ↓`).
    public var label: String
    /// What it does, for the help overlay.
    public var help: String
    /// The help section.
    public var section: String
    /// Where it applies.
    public var context: KeyContext
    /// What it does.
    public var command: KeyCommand
    /// A short status-bar hint (`filter`), or nil to leave it out of the status bar.
    public var hint: String?

    /// Creates a binding.
    public init(keys: [Key], label: String, help: String, section: String, context: KeyContext, command: KeyCommand, hint: String? = nil) {
        self.keys = keys
        self.label = label
        self.help = help
        self.section = section
        self.context = context
        self.command = command
        self.hint = hint
    }

    /// The action for `key` (nil when the command cannot use that key).
    public func action(for key: Key) -> Action? {
        switch command {
        case .action(let a): return a
        case .paneFromDigit:
            guard case .character(let c) = key, let n = c.wholeNumberValue, (1...Pane.allCases.count).contains(n) else { return nil }
            return .selectPane(n - 1)
        case .typeIntoFilter:
            guard case .character(let c) = key else { return nil }
            return .filterInput(c)
        }
    }
}

extension KeyBinding {
    private static func ch(_ s: String) -> [Key] { s.map { Key.character($0) } }

    /// The default bindings, in help order.
    public static let defaultKeyMap: [KeyBinding] = [
        KeyBinding(keys: ch("123456"), label: "1-6", help: "go to a pane", section: "Panes", context: .global, command: .paneFromDigit, hint: "panes"),
        KeyBinding(keys: [.tab, .right] + ch("l"), label: "Tab / l / →", help: "next pane", section: "Panes", context: .global,
                   command: .action(.nextPane)),
        KeyBinding(keys: [.backTab, .left] + ch("h"), label: "S-Tab / h / ←", help: "previous pane", section: "Panes", context: .global,
                   command: .action(.previousPane)),
        KeyBinding(keys: [.escape], label: "Esc", help: "back: close a record, clear a filter", section: "Panes", context: .global,
                   command: .action(.back)),
        KeyBinding(keys: [.down] + ch("j"), label: "j / ↓", help: "down one row or line", section: "Moving", context: .global,
                   command: .action(.moveSelection(1))),
        KeyBinding(keys: [.up] + ch("k"), label: "k / ↑", help: "up one row or line", section: "Moving", context: .global,
                   command: .action(.moveSelection(-1))),
        KeyBinding(keys: [.pageDown, .control("f"), .character(" ")], label: "PgDn / Space", help: "down a page", section: "Moving",
                   context: .global, command: .action(.page(1))),
        KeyBinding(keys: [.pageUp, .control("b")], label: "PgUp", help: "up a page", section: "Moving", context: .global,
                   command: .action(.page(-1))),
        KeyBinding(keys: [.home] + ch("g"), label: "g / Home", help: "to the top", section: "Moving", context: .global, command: .action(.home)),
        KeyBinding(keys: [.end] + ch("G"), label: "G / End", help: "to the bottom", section: "Moving", context: .global, command: .action(.end)),
        KeyBinding(keys: ch("/"), label: "/", help: "filter rows (case-insensitive)", section: "Lists", context: .table,
                   command: .action(.beginFilter), hint: "filter"),
        KeyBinding(keys: [.enter], label: "Enter", help: "open the partner record (click the selected row too)", section: "Lists",
                   context: .table, command: .action(.open), hint: "open"),
        KeyBinding(keys: ch("s"), label: "s", help: "sort by the next column (or click a header)", section: "Lists", context: .table,
                   command: .action(.cycleSort), hint: "sort"),
        KeyBinding(keys: ch("S"), label: "S", help: "reverse the sort", section: "Lists", context: .table, command: .action(.reverseSort)),
        KeyBinding(keys: [.right] + ch("l"), label: "l / →", help: "next case study", section: "Case studies", context: .caseStudies,
                   command: .action(.nextItem), hint: "next"),
        KeyBinding(keys: [.left] + ch("h"), label: "h / ←", help: "previous case study", section: "Case studies", context: .caseStudies,
                   command: .action(.previousItem)),
        KeyBinding(keys: [.enter], label: "Enter", help: "apply the filter", section: "Filter", context: .filterEditing,
                   command: .action(.endFilter(commit: true)), hint: "apply"),
        KeyBinding(keys: [.escape], label: "Esc", help: "cancel the filter", section: "Filter", context: .filterEditing,
                   command: .action(.endFilter(commit: false)), hint: "cancel"),
        KeyBinding(keys: [.backspace, .delete], label: "Backspace", help: "delete a character", section: "Filter", context: .filterEditing,
                   command: .action(.filterBackspace)),
        KeyBinding(keys: [.up], label: "↑ / ↓", help: "move while filtering", section: "Filter", context: .filterEditing,
                   command: .action(.moveSelection(-1))),
        KeyBinding(keys: [.down], label: "", help: "", section: "Filter", context: .filterEditing, command: .action(.moveSelection(1))),
        KeyBinding(keys: [], label: "any character", help: "typed into the filter (q and ? too)", section: "Filter", context: .filterEditing,
                   command: .typeIntoFilter),
        KeyBinding(keys: [.escape, .character("?"), .character("q")], label: "Esc / ? / q", help: "close this overlay", section: "Overlays",
                   context: .overlay, command: .action(.back), hint: "close"),
        KeyBinding(keys: ch("d"), label: "d", help: "data issues (diagnostics)", section: "General", context: .global,
                   command: .action(.toggleDiagnostics), hint: "issues"),
        KeyBinding(keys: ch("t"), label: "t", help: "next theme", section: "General", context: .global, command: .action(.cycleTheme), hint: "theme"),
        KeyBinding(keys: ch("?"), label: "?", help: "this help", section: "General", context: .global, command: .action(.toggleHelp), hint: "help"),
        KeyBinding(keys: ch("q") + [.control("c")], label: "q", help: "quit", section: "General", context: .global, command: .action(.quit), hint: "quit"),
    ]
}

extension AppState {
    /// The contexts that see a key, most specific first (the last is always `.global`, unless an overlay or the filter owns the keyboard).
    public var keyContexts: [KeyContext] {
        if helpVisible || diagnosticsVisible { return [.overlay, .global] }
        if let list = focusedList, list.editingFilter { return [.filterEditing, .global] }
        switch pane {
        case .uptake: return [.table, .global]
        case .partners: return openPartner == nil ? [.table, .global] : [.reader, .global]
        case .caseStudies: return [.caseStudies, .reader, .global]
        default: return [.reader, .global]
        }
    }

    /// The list on screen (uptake table, or partners list when no record is open), if any.
    var focusedList: ListState? {
        switch pane {
        case .uptake: return uptake
        case .partners where openPartner == nil: return partners
        default: return nil
        }
    }
}

/// The action for `key` in `state`: the focused context's bindings first, then the global ones.
///
/// While a filter is being typed, only the filter's bindings apply, and any other
/// printable character is typed into the filter (so `q` types q).
public func action(for key: Key, in state: AppState, keyMap: [KeyBinding] = KeyBinding.defaultKeyMap) -> Action? {
    for context in state.keyContexts {
        for b in keyMap where b.context == context {
            if b.keys.contains(key) || (b.keys.isEmpty && b.command == .typeIntoFilter) {
                if let a = b.action(for: key) { return a }
            }
        }
        // In an overlay, keys that are not the overlay's own still reach the global moving keys, but not panes or quit.
        if context == .overlay {
            for b in keyMap where b.context == .global && b.section == "Moving" && b.keys.contains(key) { return b.action(for: key) }
            return nil
        }
    }
    return nil
}

/// The mouse event as an action (clicks are hit-tested by `update` against the drawn layout).
public func action(for mouse: MouseEvent) -> Action {
    switch mouse.kind {
    case .press: return .click(x: mouse.x, y: mouse.y)
    case .wheelUp: return .scroll(-3)
    case .wheelDown: return .scroll(3)
    }
}

/// The action for any terminal event; nil for keys that are not bound.
public func action(for event: TerminalEvent, in state: AppState) -> Action? {
    switch event {
    case .key(let k): return action(for: k, in: state)
    case .mouse(let m): return action(for: m)
    case .resize(let w, let h): return .resize(w, h)
    }
}
