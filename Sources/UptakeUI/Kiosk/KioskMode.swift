import UptakeCore

/// How a kiosk runs: which panes rotate, how fast, whether passers-by may browse, and the owner's way out.
public struct KioskSettings: Sendable, Equatable {
    /// Pane identifiers in rotation order (see ``PaneModel/id``).
    public var panes: [String]
    /// Seconds each page of each pane stays on screen.
    public var rotateSeconds: Double
    /// Seconds without input after which a browsing passer-by's view returns to rotation; nil locks browsing off.
    public var idleReturnSeconds: Double?
    /// The word the owner types to leave (letters only, so no browsing key can swallow part of it).
    public var unlock: String

    /// The default rotation: every pane that shows figures or text, not the partner directory.
    public static let defaultPanes = ["overview", "uptake", "inequalities", "case-studies", "principles"]
    /// The default interval (seconds).
    public static let defaultRotateSeconds = 20.0
    /// The default unlock word (documented in docs/kiosk.md; set your own in the config file).
    public static let defaultUnlock = "unlock"

    /// Creates settings; the defaults are the documented ones.
    public init(panes: [String] = KioskSettings.defaultPanes, rotateSeconds: Double = KioskSettings.defaultRotateSeconds,
                idleReturnSeconds: Double? = nil, unlock: String = KioskSettings.defaultUnlock) {
        self.panes = panes
        self.rotateSeconds = rotateSeconds
        self.idleReturnSeconds = idleReturnSeconds
        self.unlock = unlock
    }

    /// Nil when an unlock word is usable, else why not: at least 4 letters, nothing else.
    public static func problem(withUnlock word: String) -> String? {
        guard word.count >= 4 else { return "the unlock word must have at least 4 letters" }
        guard word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return "the unlock word must be letters a-z or A-Z only" }
        return nil
    }
}

/// The wall-clock time as the kiosk shows it, read by the runtime (update never reads a clock).
public struct WallClock: Sendable, Equatable {
    /// `14:35`.
    public var time: String
    /// `Sun 29 Nov`.
    public var date: String
    /// Seconds until the minute changes (when to read the clock again).
    public var secondsToNextMinute: Double

    /// Creates a reading.
    public init(time: String, date: String, secondsToNextMinute: Double) {
        self.time = time
        self.date = date
        self.secondsToNextMinute = secondsToNextMinute
    }

    /// Before the first reading.
    public static let unknown = WallClock(time: "--:--", date: "", secondsToNextMinute: 60)
}

/// What happens to a kiosk (sent as ``Action/kiosk(_:)``).
public enum KioskAction: Sendable, Equatable {
    /// Start rotating and reading the clock.
    case start
    /// One step of the countdown (``KioskState/tickSeconds``); at zero the next page or pane comes.
    case tick
    /// The minute changed: read the clock again.
    case clockDue
    /// A clock reading.
    case clock(WallClock)
    /// Nobody pressed a key for a while: back to rotation.
    case idleReturn
    /// A letter typed (towards the unlock word).
    case typed(Character)
}

/// A load that failed outright, kept on screen until a good load.
public struct KioskFailure: Sendable, Equatable {
    /// What went wrong.
    public var message: String
    /// The clock time of the first failure in a row.
    public var since: String
}

/// The kiosk's state: rotation position, page, countdown, clock, browsing and unlock progress, the last failure.
public struct KioskState: Sendable, Equatable {
    /// The settings it runs with.
    public var settings: KioskSettings
    /// Pane indices in rotation order (resolved from the settings' ids; never empty).
    public internal(set) var rotation: [Int]
    /// Index into `rotation` of the pane on screen.
    public internal(set) var position = 0
    /// The page (0-based) of the pane on screen.
    public internal(set) var page = 0
    /// Countdown steps left until the next page or pane.
    public internal(set) var ticksLeft: Int
    /// True while a passer-by browses (rotation paused until ``KioskAction/idleReturn``).
    public internal(set) var browsing = false
    /// Letters of the unlock word typed so far.
    public internal(set) var unlockProgress = 0
    /// The last clock reading.
    public internal(set) var clock = WallClock.unknown
    /// The last outright load failure, until a good load.
    public internal(set) var failure: KioskFailure?

    /// Seconds per countdown step: a tenth of the turn, between one and two seconds (so a 20 s turn
    /// counts down in 2 s steps: half the frames of a 1 s step, which keeps an idle kiosk under 0.2% of
    /// a core), or the whole turn when rotation is faster than a second.
    public var tickSeconds: Double {
        let turn = max(0.01, settings.rotateSeconds)
        return turn <= 1 ? turn : min(2, max(1, turn / 10))
    }
    /// Countdown steps per page.
    public var ticksPerTurn: Int { max(1, Int((settings.rotateSeconds / tickSeconds).rounded())) }
    /// Seconds until the next change, as shown.
    public var secondsLeft: Int { Int((Double(ticksLeft) * tickSeconds).rounded(.up)) }

    /// Creates a kiosk over `panes` (ids not found are skipped; none found means all panes).
    public init(settings: KioskSettings, panes: [any PaneModel]) {
        self.settings = settings
        let found = settings.panes.compactMap { id in panes.firstIndex { $0.id == id } }
        rotation = found.isEmpty ? Array(panes.indices) : found
        ticksLeft = 1
        ticksLeft = ticksPerTurn
    }

    /// Seconds before an open help overlay closes by itself, or browsing returns to rotation.
    var idleSeconds: Double { settings.idleReturnSeconds ?? 30 }
}

extension AppState {
    /// Puts the app in kiosk mode (before the first frame).
    public mutating func startKiosk(_ settings: KioskSettings) {
        let k = KioskState(settings: settings, panes: panes)
        kiosk = k
        if let first = k.rotation.first { show(first) }
    }
}

// MARK: - Update

extension AppState {
    /// The kiosk's part of `update`: nil lets the ordinary update handle `action` (and then ``kioskAfter(_:)``).
    mutating func kioskUpdate(_ action: Action) -> [Effect]? {
        guard var k = kiosk else { return nil }
        switch action {
        case .kiosk(let a):
            var effects: [Effect] = []
            switch a {
            case .start:
                k.ticksLeft = k.ticksPerTurn
                effects = [.schedule(key: KioskState.tickTimer, after: k.tickSeconds, action: .kiosk(.tick)), .readWallClock]
            case .tick:
                effects = [.schedule(key: KioskState.tickTimer, after: k.tickSeconds, action: .kiosk(.tick))]
                if !k.browsing && overlay == nil {
                    k.ticksLeft -= 1
                    if k.ticksLeft <= 0 {
                        k.ticksLeft = k.ticksPerTurn
                        kiosk = k
                        advanceKiosk()
                        return effects
                    }
                }
            case .clockDue:
                return [.readWallClock]
            case .clock(let c):
                k.clock = c
                effects = [.schedule(key: KioskState.clockTimer, after: max(0.5, c.secondsToNextMinute + 0.05), action: .kiosk(.clockDue))]
            case .idleReturn:
                overlay = nil
                k.browsing = false
                k.ticksLeft = k.ticksPerTurn
                k.page = 0
                if let i = k.rotation.firstIndex(of: selected) { k.position = i; kiosk = k; _ = panes[selected].handle(.home, context); return [] }
                kiosk = k
                if let first = k.rotation.first { show(first); _ = panes[selected].handle(.home, context) }
                kiosk?.position = 0
                return []
            case .typed(let c):
                let word = Array(k.settings.unlock)
                if k.unlockProgress < word.count, word[k.unlockProgress] == c {
                    k.unlockProgress += 1
                } else {
                    k.unlockProgress = word.first == c ? 1 : 0
                }
                if k.unlockProgress == word.count {
                    kiosk = k
                    quitRequested = true
                    return [.quit]
                }
            }
            kiosk = k
            return effects
        case .quit, .cycleTheme, .toggleOverlay(.diagnostics):
            // Locked: nothing a passer-by does leaves or changes the kiosk (the key map does not offer these either).
            return []
        case .pane(let command) where !Self.kioskAllows(command):
            return []
        case .dataLoaded:
            kiosk?.failure = nil
            return nil
        case .loadFailed(let message):
            kiosk?.failure = KioskFailure(message: message, since: k.failure?.since ?? k.clock.time)
            return nil
        default:
            return nil
        }
    }

    /// After the ordinary update: a key from a passer-by starts (or extends) browsing.
    mutating func kioskAfter(_ action: Action) -> [Effect] {
        guard kiosk != nil else { return [] }
        switch action {
        case .selectPane, .nextPane, .previousPane, .pane, .toggleOverlay, .back:
            if kiosk?.settings.idleReturnSeconds != nil, overlay == nil { kiosk?.browsing = true }
            return [.schedule(key: KioskState.idleTimer, after: kiosk?.idleSeconds ?? 30, action: .kiosk(.idleReturn))]
        default:
            return []
        }
    }

    /// Only reading commands reach a pane in a kiosk: no filter, no sort, no record opening.
    static func kioskAllows(_ command: PaneCommand) -> Bool {
        switch command {
        case .move, .page, .home, .end, .scroll, .nextItem, .previousItem: return true
        default: return false
        }
    }

    /// The next page of the pane on screen, else the first page of the next pane in the rotation.
    mutating func advanceKiosk() {
        guard var k = kiosk else { return }
        let pages = kioskPageCount(viewport)
        if k.page + 1 < pages {
            k.page += 1
            kiosk = k
            showKioskPage(k.page)
            return
        }
        k.page = 0
        k.position = (k.position + 1) % k.rotation.count
        kiosk = k
        show(k.rotation[k.position])
        _ = panes[selected].handle(.home, context)
    }

    /// Scrolls the pane on screen to page `p` (0-based) of the last frame's viewport.
    mutating func showKioskPage(_ p: Int) {
        let rows = viewport.rows
        let ctx = context
        _ = panes[selected].handle(.home, ctx)
        if viewport.maximumOffset != nil {
            _ = panes[selected].handle(.move(p * rows), ctx)
        } else {
            // A list keeps its selection in view: select the last row of the page, then its first.
            _ = panes[selected].handle(.move(p * rows + rows - 1), ctx)
            _ = panes[selected].handle(.move(-(rows - 1)), ctx)
        }
    }

    /// How many pages the focused area needs for `viewport`.
    func kioskPageCount(_ viewport: Viewport) -> Int {
        let rows = max(1, viewport.rows)
        if let m = viewport.maximumOffset { return max(1, (m + rows + rows - 1) / rows) }
        if let n = viewport.contentRows { return max(1, (n + rows - 1) / rows) }
        return 1
    }
}

extension KioskState {
    static let tickTimer = "kiosk.tick"
    static let clockTimer = "kiosk.clock"
    static let idleTimer = "kiosk.idle"
}

// MARK: - Keys

extension KeyBinding {
    /// The locked kiosk's keys: help, and the unlock word.
    public static let kioskLocked: [KeyBinding] = [
        KeyBinding(ch("?"), "?", "this help (closes by itself)", section: .general, .action(.toggleOverlay(.help)), hint: "help"),
        KeyBinding([], "unlock word", "type the owner's unlock word (from the config file) to leave", section: .general, .kioskLetter),
    ]

    /// A browsable kiosk's keys: panes, arrows and paging (read-only), help, and the unlock word.
    /// No letter is bound, so every letter counts towards the unlock word.
    public static let kioskBrowsing: [KeyBinding] = [
        KeyBinding(ch("123456789"), "1-9", "go to a pane", section: .panes, .paneFromDigit, hint: "panes"),
        KeyBinding([.tab, .right], "Tab / →", "next pane", section: .panes, .action(.nextPane)),
        KeyBinding([.backTab, .left], "S-Tab / ←", "previous pane", section: .panes, .action(.previousPane)),
        KeyBinding([.down], "↓", "down one row or line", section: .moving, .action(.pane(.move(1)))),
        KeyBinding([.up], "↑", "up one row or line", section: .moving, .action(.pane(.move(-1)))),
        KeyBinding([.pageDown, .character(" ")], "PgDn / Space", "down a page", section: .moving, .action(.pane(.page(1)))),
        KeyBinding([.pageUp], "PgUp", "up a page", section: .moving, .action(.pane(.page(-1)))),
        KeyBinding([.home], "Home", "to the top", section: .moving, .action(.pane(.home))),
        KeyBinding([.end], "End", "to the bottom", section: .moving, .action(.pane(.end))),
    ] + kioskLocked

    /// The kiosk's help overlay keys.
    static let kioskOverlay: [KeyBinding] = [
        KeyBinding(ch("?"), "?", "close this help", section: .overlays, .action(.back), hint: "close"),
        KeyBinding([.down], "↓", "down one line", section: .overlays, .action(.pane(.move(1)))),
        KeyBinding([.up], "↑", "up one line", section: .overlays, .action(.pane(.move(-1)))),
        kioskLocked[1],
    ]
}

extension AppState {
    /// The kiosk's key map (nil outside a kiosk).
    var kioskKeyMap: [KeyBinding]? {
        guard let k = kiosk else { return nil }
        if overlay != nil { return KeyBinding.kioskOverlay }
        return k.settings.idleReturnSeconds == nil ? KeyBinding.kioskLocked : KeyBinding.kioskBrowsing
    }

    /// What the kiosk's help lists.
    var kioskHelpKeyMap: [KeyBinding]? {
        guard let k = kiosk else { return nil }
        return k.settings.idleReturnSeconds == nil ? KeyBinding.kioskLocked : KeyBinding.kioskBrowsing
    }
}

// MARK: - Loads

extension KioskState {
    /// What a kiosk makes of a load: a dataset with a problem in a whole file (a required file missing,
    /// unreadable, a header half-written) failed outright, and the last good data stays on screen;
    /// rejected rows alone still show the valid rows, with a banner.
    public static func loadAction(for dataset: Dataset, loadedAt: String) -> Action {
        // A whole file's problem: no line, or a CSV header (line 1) that loses every row of the file.
        if let d = dataset.diagnostics.first(where: { $0.severity == .error && ($0.line == nil || ($0.line == 1 && $0.file.hasSuffix(".csv"))) }) {
            return .loadFailed(TerminalText.sanitize("\(d.file): \(d.message)"))
        }
        if dataset.series.isEmpty {
            return .loadFailed("uptake.csv: no valid rows (a file half-written?)")
        }
        return .dataLoaded(LoadedData(dataset: dataset, loadedAt: loadedAt))
    }
}
