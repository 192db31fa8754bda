import UptakeCore

/// A help section: where a binding is listed in the `?` overlay.
public enum KeySection: String, CaseIterable, Hashable, Sendable {
    case panes = "Panes"
    case moving = "Moving"
    case lists = "Lists"
    case reading = "Reading"
    case filter = "While typing a filter"
    case overlays = "Overlays"
    case general = "General"
}

/// What a binding does, as data (no closures), resolved to an ``Action`` for the key pressed.
public enum KeyCommand: Sendable, Equatable {
    /// Always this action.
    case action(Action)
    /// The pane numbered by the digit pressed (`1`-`9`).
    case paneFromDigit
    /// The character pressed goes into the filter.
    case typeIntoFilter
    /// A letter pressed counts towards the kiosk's unlock word.
    case kioskLetter
}

/// One key binding with its help text: dispatch, the help overlay and the status-bar hints all read these.
public struct KeyBinding: Sendable, Equatable {
    /// The keys that trigger it (empty for ``KeyCommand/typeIntoFilter``, which takes any printable character).
    public var keys: [Key]
    /// The keys as shown in help (`j / ↓`).
    public var label: String
    /// What it does, for the help overlay.
    public var help: String
    /// The help section.
    public var section: KeySection
    /// What it does.
    public var command: KeyCommand
    /// A short status-bar hint (`filter`), or nil to leave it out of the status bar.
    public var hint: String?

    /// Creates a binding.
    public init(_ keys: [Key], _ label: String, _ help: String, section: KeySection, _ command: KeyCommand, hint: String? = nil) {
        self.keys = keys
        self.label = label
        self.help = help
        self.section = section
        self.command = command
        self.hint = hint
    }

    /// True when `key` triggers this binding.
    func matches(_ key: Key) -> Bool {
        if command == .typeIntoFilter, case .character(let c) = key { return !TerminalText.sanitize(String(c)).isEmpty }
        if command == .kioskLetter, case .character(let c) = key { return c.isASCII && c.isLetter }
        return keys.contains(key)
    }

    /// The action for `key`, given how many panes there are (nil when the command cannot use that key).
    func action(for key: Key, paneCount: Int) -> Action? {
        switch command {
        case .action(let a): return a
        case .paneFromDigit:
            guard case .character(let c) = key, let n = c.wholeNumberValue, (1...min(9, paneCount)).contains(n) else { return nil }
            return .selectPane(n - 1)
        case .typeIntoFilter:
            guard case .character(let c) = key else { return nil }
            return .pane(.filterInput(String(c)))
        case .kioskLetter:
            guard case .character(let c) = key else { return nil }
            return .kiosk(.typed(c))
        }
    }

    static func ch(_ s: String) -> [Key] { s.map { Key.character($0) } }
}

/// Which bindings a mode allows: the kiosk's lock, say. Dispatch, help and hints all apply it, so a
/// disabled key is neither obeyed nor shown.
public struct KeyPolicy: Sendable, Equatable {
    /// Sections whose bindings are all off.
    public var blockedSections: Set<KeySection>
    /// Commands that are off wherever they are bound.
    public var blockedCommands: [KeyCommand]

    /// Creates a policy; the default allows everything.
    public init(blockedSections: Set<KeySection> = [], blockedCommands: [KeyCommand] = []) {
        self.blockedSections = blockedSections
        self.blockedCommands = blockedCommands
    }

    /// Everything allowed.
    public static let all = KeyPolicy()

    /// True when `binding` is on.
    public func allows(_ binding: KeyBinding) -> Bool {
        !blockedSections.contains(binding.section) && !blockedCommands.contains(binding.command)
    }
}

extension KeyBinding {
    /// Keys that work on every pane (after the pane's own).
    public static let global: [KeyBinding] = [
        KeyBinding(ch("123456789"), "1-9", "go to a pane", section: .panes, .paneFromDigit, hint: "panes"),
        KeyBinding([.tab, .right] + ch("l"), "Tab / l / →", "next pane", section: .panes, .action(.nextPane)),
        KeyBinding([.backTab, .left] + ch("h"), "S-Tab / h / ←", "previous pane", section: .panes, .action(.previousPane)),
        KeyBinding([.escape], "Esc", "back: close a record, clear a filter", section: .panes, .action(.back)),
    ] + moving + [
        KeyBinding(ch("d"), "d", "data issues (diagnostics)", section: .general, .action(.toggleOverlay(.diagnostics)), hint: "issues"),
        KeyBinding(ch("r"), "r", "reload the data now (it also reloads by itself when files change)", section: .general, .action(.reload)),
        KeyBinding(ch("t"), "t", "next theme", section: .general, .action(.cycleTheme), hint: "theme"),
        KeyBinding(ch("p"), "p", "meeting spotlight: big figures, a series at a time", section: .general, .action(.openSpotlight)),
        KeyBinding(ch("e"), "e", "export this pane as shown (CSV and Markdown)", section: .general,
                   .action(.exportPane(stamp: nil))),
        KeyBinding(ch("y"), "y", "copy the row or sentence (OSC 52, if enabled)", section: .general, .action(.copy)),
        KeyBinding(ch("?"), "?", "this help", section: .general, .action(.toggleOverlay(.help)), hint: "help"),
        KeyBinding(ch("q") + [.control("c")], "q", "quit", section: .general, .action(.quit), hint: "quit"),
    ]

    /// Moving and scrolling: lists move their selection, documents scroll.
    public static let moving: [KeyBinding] = [
        KeyBinding([.down] + ch("j"), "j / ↓", "down one row or line", section: .moving, .action(.pane(.move(1)))),
        KeyBinding([.up] + ch("k"), "k / ↑", "up one row or line", section: .moving, .action(.pane(.move(-1)))),
        KeyBinding([.pageDown, .control("f"), .character(" ")], "PgDn / Space", "down a page", section: .moving, .action(.pane(.page(1)))),
        KeyBinding([.pageUp, .control("b")], "PgUp", "up a page", section: .moving, .action(.pane(.page(-1)))),
        KeyBinding([.home] + ch("g"), "g / Home", "to the top", section: .moving, .action(.pane(.home))),
        KeyBinding([.end] + ch("G"), "G / End", "to the bottom", section: .moving, .action(.pane(.end))),
    ]

    /// Starting a filter, for every pane that filters.
    public static let filter = KeyBinding(ch("/"), "/", "filter (case and accents ignored; Esc clears)", section: .lists, .action(.pane(.beginFilter)), hint: "filter")

    /// The sortable lists' keys (uptake table, partners list).
    public static let list: [KeyBinding] = [
        filter,
        KeyBinding([.enter], "Enter", "open the partner record (click the selected row too)", section: .lists, .action(.pane(.open)), hint: "open"),
        KeyBinding(ch("s"), "s", "sort by the next column (or click a header)", section: .lists, .action(.pane(.cycleSort)), hint: "sort"),
        KeyBinding(ch("S"), "S", "reverse the sort", section: .lists, .action(.pane(.reverseSort))),
    ]

    /// The only keys while a filter is being typed: every printable character is text, `q` and `?` included.
    public static let filterEditing: [KeyBinding] = [
        KeyBinding([.enter], "Enter", "apply the filter", section: .filter, .action(.pane(.endFilter(commit: true))), hint: "apply"),
        KeyBinding([.escape], "Esc", "cancel the filter", section: .filter, .action(.pane(.endFilter(commit: false))), hint: "cancel"),
        KeyBinding([.backspace, .delete], "Backspace", "delete a character", section: .filter, .action(.pane(.filterBackspace))),
        KeyBinding([.up], "↑", "up while filtering", section: .filter, .action(.pane(.move(-1)))),
        KeyBinding([.down], "↓", "down while filtering", section: .filter, .action(.pane(.move(1)))),
        KeyBinding([], "any character", "typed into the filter (q and ? too)", section: .filter, .typeIntoFilter),
    ]

    /// The overlays' own keys (the moving keys scroll them).
    /// The loading screen before the first data: cancel, quit, help; after a cancel, load again.
    public static let loading: [KeyBinding] = [
        KeyBinding([.escape, .character("c")], "Esc / c", "cancel loading", section: .general, .action(.cancelLoad), hint: "cancel"),
    ]
    public static let cancelledLoad: [KeyBinding] = [
        KeyBinding(ch("r"), "r", "load the data again", section: .general, .action(.reload), hint: "load again"),
    ]
    public static let overlay: [KeyBinding] = [
        KeyBinding([.escape, .character("?"), .character("q")], "Esc / ? / q", "close this overlay", section: .overlays, .action(.back), hint: "close"),
    ] + moving
}

extension AppState {
    /// The bindings in force now, most specific first, with the mode's policy applied: what dispatch, help and hints read.
    public var activeKeyMap: [KeyBinding] {
        if let kiosk = kioskKeyMap { return kiosk.map(labelled) }
        let map: [KeyBinding]
        if overlay != nil {
            map = KeyBinding.overlay
        } else if awaitingFirstData {
            map = loadingKeyMap
        } else if currentPane.capturesText {
            map = currentPane.keyBindings(context)
        } else {
            map = currentPane.keyBindings(context) + KeyBinding.global
        }
        return map.filter(keyPolicy.allows).map(labelled)
    }

    /// Before the first data there is nothing to browse: the loading screen's keys, quit and help, and
    /// the pane keys (a pane chosen while the data loads is the one shown when it arrives).
    var loadingKeyMap: [KeyBinding] {
        let kept = KeyBinding.global.filter {
            $0.command == .action(.quit) || $0.command == .action(.toggleOverlay(.help))
                || ($0.section == .panes && $0.command != .action(.back))
        }
        return (loading ? KeyBinding.loading : KeyBinding.cancelledLoad) + kept
    }

    /// "1-6" for six panes: the digit binding's label follows the registration.
    var digitLabel: String { panes.count > 1 ? "1-\(min(9, panes.count))" : "1" }

    private func labelled(_ b: KeyBinding) -> KeyBinding {
        guard b.command == .paneFromDigit else { return b }
        var c = b
        c.label = digitLabel
        return c
    }

    /// What the help overlay lists: the pane's keys and the global ones (and the filter's, where the pane filters), as the policy allows.
    public var helpKeyMap: [KeyBinding] {
        if let kiosk = kioskHelpKeyMap { return kiosk.map(labelled) }
        if awaitingFirstData { return (loadingKeyMap + [KeyBinding.overlay[0]]).filter(keyPolicy.allows) }
        let own = currentPane.keyBindings(context)
        var map = own + KeyBinding.global
        if own.contains(where: { $0.command == KeyBinding.filter.command }) { map += KeyBinding.filterEditing }
        map += [KeyBinding.overlay[0]]
        return map.filter(keyPolicy.allows).map(labelled)
    }
}

/// The action for `key` in `state`: the first binding of the active key map that takes it.
public func action(for key: Key, in state: AppState) -> Action? {
    for b in state.activeKeyMap where b.matches(key) {
        if let a = b.action(for: key, paneCount: state.panes.count) { return a }
    }
    return nil
}

/// The action for a terminal event: keys through the key map, clicks through the last frame's regions.
public func action(for event: TerminalEvent, in state: AppState, frame: Frame?) -> Action? {
    switch event {
    case .key(let k): return action(for: k, in: state)
    case .mouse(let m):
        if state.kiosk != nil { return nil }  // a kiosk ignores the mouse: no click changes it
        switch m.kind {
        case .press: return frame?.action(atX: m.x, y: m.y)
        case .wheelUp: return .pane(.scroll(-3))
        case .wheelDown: return .pane(.scroll(3))
        }
    case .resize(let w, let h): return .resize(w, h)
    }
}
