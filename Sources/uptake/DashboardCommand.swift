import ArgumentParser
import Dispatch
import Synchronization
import UptakeCore
import UptakeInsights
import UptakeTerminal
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

/// `uptake` / `uptake dashboard`: the interactive dashboard.
///
/// Outside a terminal (stdin or stdout not a TTY, TERM unset or `dumb`) it
/// prints the text report and says how to open the dashboard; an unknown TERM
/// is a one-line error with exit status 2.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the interactive dashboard (the default).",
        discussion: "Keys: 1-6 panes, / filter, Enter open, s sort, t theme, d data issues, ? help, q quit.")

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("A theme name (dark, light, high-contrast, okabe-ito, monochrome) or a theme file (default: the config file's theme, else dark).", valueName: "NAME|PATH"),
            completion: .list(Theme.builtInNames))
    var theme: String?

    @Flag(name: .long, help: "Draw borders and glyphs in ASCII.")
    var ascii = false

    @Flag(name: .long, help: "Let y copy the current row or sentence to the clipboard (OSC 52; off by default).")
    var clipboard = false

    /// For the start-up benchmark (docs/PERFORMANCE.md): draw one frame, then exit.
    @Flag(name: .long, help: .hidden)
    var exitAfterFirstFrame = false

    func run() throws {
        // Flags, then UPTAKE_DATA, then config.toml (data, theme), then the defaults.
        // The benchmark's one frame neither restores nor remembers the last pane and theme.
        let memory = exitAfterFirstFrame ? nil : DashboardMemory.read()
        let flags = SettingFlags(data: dataOptions.data, theme: theme)
        var (settings, config) = try ConfigCommand.effectiveWithConfig(flags: flags, configPath: nil, remembered: memory)
        let source = try DataOptions.resolveSource(settings.data.value, from: settings.data.source)
        let chosenTheme: Theme
        if settings.theme.source.hasPrefix("remembered"), let remembered = try? Self.loadTheme(settings.theme.value) {
            chosenTheme = remembered
        } else {
            // A remembered theme that no longer loads (a theme file since removed) gives way to the config's.
            if settings.theme.source.hasPrefix("remembered") {
                (settings, config) = try ConfigCommand.effectiveWithConfig(flags: flags, configPath: nil, remembered: nil)
            }
            chosenTheme = try Self.loadTheme(settings.theme.value)
        }
        let check = MainActor.assumeIsolated { CursesTerminal.checkEnvironment() }
        switch check {
        case .ok:
            break
        case .notATerminal, .dumbOrUnset:
            let dataset = DatasetLoader.load(from: source)
            writeStandardOutput(Report(dataset: dataset).render(.text, ascii: ascii || ReportCommand.localeGlyphs() == .ascii))
            writeStandardError("(\(check.message ?? "Not a terminal"): printed the text report. Run `uptake` in a terminal to open the dashboard.)")
            return
        case .unknownTerm(let term):
            throw UsageFailure(message: "unknown terminal type '\(TerminalText.sanitize(term))' (TERM): set TERM to one your system knows, such as xterm-256color")
        }
        let startPane = memory?.view.pane
        let exportDirectory = settings.exportDirectory.value
        let bank = DashboardBank(path: DashboardInsights.path(settings, for: source), access: .readWrite)
        let (status, last) = try MainActor.assumeIsolated { () throws -> (Int32, (pane: String, theme: String)?) in
            var last: (pane: String, theme: String)?
            let status = try DashboardLoop.run(source: source, theme: chosenTheme, ascii: ascii, exitAfterFirstFrame: exitAfterFirstFrame,
                                               clipboard: clipboard, exportDirectory: exportDirectory, bank: bank, startPane: startPane,
                                               finished: { state in last = (state.currentPane.id, state.theme.name) })
            return (status, last)
        }
        if let memory, let last {
            // The theme is remembered as it was asked for (a file's path, say) while it is still the one shown.
            let view = RememberedView(pane: last.pane == "spotlight" ? memory.view.pane : last.pane,
                                      theme: last.theme == chosenTheme.name ? settings.theme.value : last.theme,
                                      configTheme: config.theme?.value)
            if view != memory.view, let problem = memory.save(view) {
                writeStandardError("uptake: \(TerminalText.sanitize(memory.path)): error: cannot remember the last pane and theme: \(problem)")
                throw ExitCode(status != 0 ? status : 1)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// `--theme`: a path when it names a file, else a name looked up in ./themes, then the built-ins.
    static func loadTheme(_ theme: String) throws -> Theme {
        do {
            if theme.contains("/") || theme.hasSuffix(".toml") { return try Theme.load(path: theme) }
            let dir = DirectorySource.checkDirectory("themes") == nil ? "themes" : nil
            return try Theme.named(theme, in: dir)
        } catch {
            throw UsageFailure(message: "\(error)", prefixed: false)
        }
    }
}

/// Starts the terminal and runs the dashboard's ``Runtime`` on the real event sources until quit, EOF or a signal.
@MainActor
enum DashboardLoop {
    /// With `present`, opens on the meeting spotlight (`uptake present`); Esc returns to the dashboard.
    /// `bank` is the insight bank as this screen may use it (read-only for the kiosk and `present`).
    static func run(source: any DatasetSource, theme: Theme, ascii: Bool, exitAfterFirstFrame: Bool = false, present: Bool = false,
                    clipboard: Bool = false, kiosk: KioskSettings? = nil, exportDirectory: String = ".", bank: DashboardBank? = nil,
                    startPane: String? = nil, finished: ((AppState) -> Void)? = nil) throws -> Int32 {
        // The start-up benchmark measures load, index and the first frame of data, so it loads before the terminal starts.
        let first: LoadedData? = exitAfterFirstFrame ? LoadedData(dataset: DatasetLoader.load(from: source), loadedAt: localTimestamp()) : nil
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(asciiOnly: ascii, locked: kiosk != nil)
        } catch {
            throw UsageFailure(message: "cannot start the terminal: \(error)")
        }
        defer { terminal.shutdown() }
        let glyphs: Glyphs = terminal.isUTF8 && !ascii ? .unicode : .ascii
        let startTheme = terminal.colorDepth == .none ? Theme.monochrome : theme
        let size = terminal.size
        // Without colour (NO_COLOR, a monochrome terminal) only the monochrome theme keeps selections
        // and the status bar visible (reverse video), so `t` has nothing else to offer.
        let themes = terminal.colorDepth == .none ? [Theme.monochrome] : Theme.builtIns
        var placeholder = Dataset(metadata: DatasetMetadata(), origin: source.origin)
        placeholder.metadata.title = "Loading " + source.origin + glyphs.ellipsis
        var state = AppState(data: first ?? LoadedData(dataset: placeholder, loadedAt: ""), theme: startTheme, themes: themes, glyphs: glyphs,
                             width: size.width, height: size.height)
        state.clipboardEnabled = clipboard && kiosk == nil
        state.exportDirectory = exportDirectory
        state.projected = present
        if let kiosk { state.startKiosk(kiosk) }
        else if let startPane, let index = state.paneIndex(id: startPane) { _ = update(&state, .selectPane(index)) }
        let isKiosk = kiosk != nil
        // The insight bank, looked for at every load; a shared screen (the kiosk) never loads a sensitive insight.
        let currentLoad = LoadSlot()
        var services = RuntimeServices(
            load: {
                // A kiosk treats a whole-file problem as a failed load and keeps the last good data.
                if isKiosk {
                    var action = KioskLoader.load(source)
                    if case .dataLoaded(var d) = action {
                        d.insights = bank?.snapshot(for: d.dataset)
                        action = .dataLoaded(d)
                    }
                    return action
                }
                let progress = LoadProgress()
                currentLoad.set(progress)
                defer { currentLoad.set(nil) }
                let dataset = DatasetLoader.load(from: source, progress: progress)
                if progress.isCancelled { return .loadCancelled }
                return .dataLoaded(LoadedData(dataset: dataset, loadedAt: localTimestamp(), insights: bank?.snapshot(for: dataset)))
            },
            background: { work in DispatchQueue.global(qos: .userInitiated).async { work() } },
            write: { path, bytes in writeFile(path, bytes) },
            insights: bank?.service,
            wallClock: { KioskLoader.wallClock() })
        services.timestamp = { exportTimestamp() }
        services.loadStatus = { currentLoad.status }
        services.cancelLoad = { currentLoad.cancel() }
        services.clipboard = { text in
            // Straight to the terminal between frames: an OSC moves no cursor and draws nothing.
            let bytes = OSC52.sequence(text)
            _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let seconds: () -> Double = {
            let d = start.duration(to: clock.now)
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let runtime = Runtime(state: state, backend: terminal, clock: seconds, services: services)
        if present { runtime.send(.openSpotlight) }
        if exitAfterFirstFrame {
            runtime.redrawIfNeeded()
            terminal.shutdown()
            return 0
        }
        guard let wake = WakePipe() else { throw UsageFailure(message: "cannot start the event loop: no file descriptors left") }
        runtime.inbox.setWaker { wake.wake() }
        let watcher = (source as? DirectorySource).map { FileWatcher(directory: $0.path) }
        let events = TerminalEventSource(terminal: terminal, wake: wake, watcher: watcher, clock: seconds)
        runtime.send(.reload)
        if kiosk != nil { runtime.send(.kiosk(.start)) }
        runtime.run(events: events)
        terminal.shutdown()
        finished?(runtime.state)
        if let signal = runtime.signal ?? terminal.terminationSignal { return 128 + signal }
        return 0
    }

    /// Writes `bytes` to `path` (created or truncated); nil on success, else the reason.
    nonisolated static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                return reason
            }
            offset += n
        }
        return close(fd) == 0 ? nil : String(cString: strerror(errno))
    }

    /// The local time as `YYYY-MM-DD-HHMM`, for export file names.
    @Sendable nonisolated static func exportTimestamp() -> String {
        String(localTimestamp().map { $0 == " " ? "-" : $0 }.filter { $0 != ":" })
    }

    /// The local time as `YYYY-MM-DD HH:MM`, for "loaded at".
    @Sendable nonisolated static func localTimestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The load in flight, shared between the loading thread and the loop that shows its progress.
final class LoadSlot: Sendable {
    private let slot = Mutex<LoadProgress?>(nil)
    func set(_ p: LoadProgress?) { slot.withLock { $0 = p } }
    /// How far it has got (nil when no load runs).
    var status: LoadStatus? {
        slot.withLock { $0 }.map { LoadStatus(file: $0.fileName, bytesDone: $0.bytesDone, totalBytes: $0.totalBytes, rowsDone: $0.rowsDone) }
    }
    func cancel() { slot.withLock { $0 }?.cancel() }
}
