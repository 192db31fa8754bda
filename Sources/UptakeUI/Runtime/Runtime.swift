import Dispatch
import Synchronization
import UptakeCore

/// Where frames go: the ncurses terminal in the app, ``TestBackend`` in tests.
@MainActor
public protocol TerminalBackend: AnyObject {
    /// The screen size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer` (a backend may send only what changed since the last one).
    func draw(_ buffer: Buffer)
}

/// Something that happened outside the app, as the runtime's event sources report it.
public enum RuntimeEvent: Sendable, Equatable {
    /// A key, a click or a resize.
    case terminal(TerminalEvent)
    /// The data files changed on disk (inotify, or a changed modification time).
    case filesChanged
    /// Standard input ended: the loop stops.
    case inputClosed
    /// SIGINT, SIGTERM or SIGHUP: the loop stops and reports it.
    case signal(Int32)
    /// Work finished elsewhere and left actions in the inbox.
    case wake
}

/// Every event source merged into one stream that the loop waits on without spinning.
@MainActor
public protocol EventSource: AnyObject {
    /// Waits at most `timeout` seconds (nil: until something happens) and returns what happened; empty on a timeout.
    func next(timeout: Double?) -> [RuntimeEvent]
}

/// The outside world the runtime's effects reach: loading data, running work elsewhere, writing files.
public struct RuntimeServices: Sendable {
    /// Loads and indexes the data (slow): returns ``Action/dataLoaded(_:)`` or ``Action/loadFailed(_:)``.
    public var load: @Sendable () -> Action
    /// Runs work off the main thread (a new thread in the app; inline in tests).
    public var background: @Sendable (@escaping @Sendable () -> Void) -> Void
    /// Writes a file; nil on success, else what went wrong.
    public var write: @Sendable (String, [UInt8]) -> String?
    /// The local time for export file names (`2026-11-29-1432`).
    public var timestamp: @Sendable () -> String = { "export" }
    /// Sends an OSC 52 clipboard request to the terminal (nothing by default).
    public var clipboard: @Sendable (String) -> Void = { _ in }
    /// The insight bank, when there is one (the executable opens it; the UI never sees the database).
    public var insights: InsightService?
    /// Reads the wall clock (the kiosk's clock); tests give a fake one.
    public var wallClock: @Sendable () -> WallClock
    /// How far the load in flight has got (nil: not known), for the loading screen.
    public var loadStatus: @Sendable () -> LoadStatus? = { nil }
    /// Asks the load in flight to stop; the load then answers ``Action/loadCancelled``.
    public var cancelLoad: @Sendable () -> Void = {}

    /// Creates services.
    public init(load: @escaping @Sendable () -> Action, background: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void,
                write: @escaping @Sendable (String, [UInt8]) -> String?, insights: InsightService? = nil,
                wallClock: @escaping @Sendable () -> WallClock = { .unknown }) {
        self.load = load
        self.background = background
        self.write = write
        self.insights = insights
        self.wallClock = wallClock
    }
}

/// Actions that work done elsewhere hands back to the main loop; posting wakes the loop.
public final class Inbox: Sendable {
    private let items = Mutex<[Action]>([])
    private let waker = Mutex<(@Sendable () -> Void)?>(nil)

    /// Creates an empty inbox.
    public init() {}

    /// What to call after posting, so a loop blocked waiting for events wakes up (the app writes to a pipe).
    public func setWaker(_ wake: @escaping @Sendable () -> Void) { waker.withLock { $0 = wake } }

    /// Leaves `action` for the loop and wakes it.
    public func post(_ action: Action) {
        items.withLock { $0.append(action) }
        waker.withLock { $0 }?()
    }

    /// Everything posted so far, oldest first.
    func take() -> [Action] { items.withLock { list in defer { list = [] }; return list } }
}

/// The dashboard's loop: events in, actions through `update`, effects run, frames out.
///
/// Screen-independent: the app gives it the ncurses backend, a real clock and
/// real event sources; tests give it ``TestBackend``, a fake clock and a script,
/// and drive rotation, timers and reloads without a terminal or a sleep.
@MainActor
public final class Runtime {
    /// The state (changed only through `update`).
    public private(set) var state: AppState
    /// The last frame drawn.
    public private(set) var lastFrame: Frame?
    /// Set by the `.quit` effect, the end of input or a termination signal.
    public private(set) var isFinished = false
    /// The termination signal that ended the loop, if one did.
    public private(set) var signal: Int32?
    /// Actions from work done elsewhere.
    public let inbox = Inbox()

    private let backend: TerminalBackend
    private let clock: () -> Double
    private let services: RuntimeServices
    private var timers: [String: (deadline: Double, action: Action)] = [:]
    private var dirty = true
    private var loadInFlight = false
    private var reloadWanted = false

    /// Creates a runtime; `clock` gives monotonic seconds.
    public init(state: AppState, backend: TerminalBackend, clock: @escaping () -> Double, services: RuntimeServices) {
        self.state = state
        self.backend = backend
        self.clock = clock
        self.services = services
    }

    /// The earliest timer's deadline, or nil when none is set (the loop then waits without a timeout: idle is 0% CPU).
    public var nextDeadline: Double? { timers.values.map(\.deadline).min() }

    /// The keys of the timers that are set.
    public var scheduledTimers: [String] { timers.keys.sorted() }

    /// Applies `action`, runs its effects, and marks the screen for redrawing.
    public func send(_ action: Action) {
        // An export is named after the local time, which `update` cannot read: it is stamped here.
        let action = action == .exportPane(stamp: nil) ? .exportPane(stamp: services.timestamp()) : action
        switch action {
        case .dataLoaded, .loadFailed, .loadCancelled:
            loadInFlight = false
        default: break
        }
        // New data replaces the old: the old is let go on another thread, so freeing a million rows'
        // worth of it (150-250 ms at 1M) never holds up the keys that follow a reload.
        let retired: LoadedData? = if case .dataLoaded = action { state.data } else { nil }
        let effects = update(&state, action)
        if let retired { Self.release(retired) }
        dirty = true
        for e in effects { run(e) }
        if state.quitRequested { isFinished = true }
        if !loadInFlight, reloadWanted {
            reloadWanted = false
            run(.loadData)
        }
    }

    /// Drops the last reference to `data` on a background queue (any still held elsewhere keep it alive).
    static func release(_ data: LoadedData) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(data) {} }
    }

    /// A terminal event: keys through the active key map, clicks through the last frame's regions.
    public func handle(_ event: TerminalEvent) {
        if case .resize(let w, let h) = event {
            send(.resize(w, h))
            return
        }
        guard let action = action(for: event, in: state, frame: lastFrame) else { return }
        send(action)
    }

    /// Sends the actions of every timer whose deadline has come, earliest first.
    public func fireDueTimers() {
        let now = clock()
        let due = timers.filter { $0.value.deadline <= now }.sorted { $0.value.deadline < $1.value.deadline }
        for (key, timer) in due {
            timers[key] = nil
            send(timer.action)
        }
    }

    /// Sends what work done elsewhere left in the inbox.
    public func drainInbox() {
        for a in inbox.take() { send(a) }
    }

    /// Draws a frame when something changed, and feeds its measurements back to `update`.
    public func redrawIfNeeded() {
        guard dirty else { return }
        dirty = false
        let frame = render(state)
        backend.draw(frame.buffer)
        lastFrame = frame
        if frame.viewport != state.viewport { update(&state, .viewport(frame.viewport)) }
    }

    /// Runs the loop until quit, end of input or a signal: draw, wait for events (or the next timer), act.
    public func run(events source: EventSource) {
        while !isFinished {
            // Work finished elsewhere and timers that came due are applied before the frame is drawn.
            fireDueTimers()
            drainInbox()
            guard !isFinished else { break }
            redrawIfNeeded()
            let timeout = nextDeadline.map { max(0, $0 - clock()) }
            for event in source.next(timeout: timeout) {
                switch event {
                case .terminal(let e): handle(e)
                case .filesChanged: send(.filesChanged)
                case .inputClosed: isFinished = true
                case .signal(let s): signal = s; isFinished = true
                case .wake: break
                }
                if isFinished { break }
            }
        }
    }

    private func run(_ effect: Effect) {
        switch effect {
        case .quit:
            isFinished = true
        case .schedule(let key, let after, let action):
            timers[key] = (clock() + max(0, after), action)
        case .cancel(let key):
            timers[key] = nil
        case .loadData:
            guard !loadInFlight else { reloadWanted = true; return }
            loadInFlight = true
            for e in update(&state, .loadStarted) { run(e) }
            let load = services.load, inbox = self.inbox
            services.background {
                let action = load()
                inbox.post(action)
                // While the main thread takes the data in and draws it, the sort ranks and search keys are built here:
                // the first frame needs none of them, and a sort or filter that comes before they are done waits for this build.
                if case .dataLoaded(let data) = action { data.index.prepareSortAndSearch() }
            }
        case .copyToClipboard(let text):
            services.clipboard(text)
        case .readWallClock:
            send(.kiosk(.clock(services.wallClock())))
        case .readLoadStatus:
            if loadInFlight, let status = services.loadStatus() { send(.loadProgress(status)) }
        case .cancelLoad:
            if loadInFlight { services.cancelLoad() }
        case .writeFile(let path, let contents):
            let write = services.write, inbox = self.inbox
            services.background { inbox.post(.fileWritten(path: path, error: write(path, contents))) }
        case .loadInsights(let query):
            guard let bank = services.insights else { return }
            let inbox = self.inbox
            services.background { inbox.post(.insightsLoaded(bank.query(query))) }
        case .changeInsight(let change):
            guard let bank = services.insights else {
                inbox.post(.insightChanged(error: "there is no insight bank"))
                return
            }
            let inbox = self.inbox
            services.background { inbox.post(.insightChanged(error: bank.change(change))) }
        }
    }
}
