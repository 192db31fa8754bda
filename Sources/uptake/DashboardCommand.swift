import ArgumentParser
import UptakeCore
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

    @Option(name: .long, help: ArgumentHelp("A theme name (dark, light, high-contrast, okabe-ito, monochrome) or a theme file.", valueName: "NAME|PATH"))
    var theme: String = "dark"

    @Flag(name: .long, help: "Draw borders and glyphs in ASCII.")
    var ascii = false

    /// For the start-up benchmark (docs/PERFORMANCE.md): draw one frame, then exit.
    @Flag(name: .long, help: .hidden)
    var exitAfterFirstFrame = false

    func run() throws {
        let source = try dataOptions.resolveSource()
        let chosenTheme = try loadTheme()
        let check = MainActor.assumeIsolated { CursesTerminal.checkEnvironment() }
        switch check {
        case .ok:
            break
        case .notATerminal, .dumbOrUnset:
            let dataset = DatasetLoader.load(from: source)
            writeStandardOutput(Report(dataset: dataset).render(.text))
            writeStandardError("(\(check.message ?? "Not a terminal"): printed the text report. Run `uptake` in a terminal to open the dashboard.)")
            return
        case .unknownTerm(let term):
            throw UsageFailure(message: "unknown terminal type '\(TerminalText.sanitize(term))' (TERM): set TERM to one your system knows, such as xterm-256color")
        }
        let dataset = DatasetLoader.load(from: source)
        let status = try MainActor.assumeIsolated {
            try DashboardLoop.run(dataset: dataset, theme: chosenTheme, ascii: ascii, exitAfterFirstFrame: exitAfterFirstFrame)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// `--theme`: a path when it names a file, else a name looked up in ./themes, then the built-ins.
    func loadTheme() throws -> Theme {
        do {
            if theme.contains("/") || theme.hasSuffix(".toml") { return try Theme.load(path: theme) }
            let dir = DirectorySource.checkDirectory("themes") == nil ? "themes" : nil
            return try Theme.named(theme, in: dir)
        } catch {
            throw UsageFailure(message: "\(error)", prefixed: false)
        }
    }
}

/// The event loop: draw, wait for an event, turn it into an action, update. Redraws only when something changed.
@MainActor
enum DashboardLoop {
    static func run(dataset: Dataset, theme: Theme, ascii: Bool, exitAfterFirstFrame: Bool = false) throws -> Int32 {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(asciiOnly: ascii)
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
        var state = AppState(dataset: dataset, theme: startTheme, themes: themes, glyphs: glyphs,
                             width: size.width, height: size.height, loadedAt: localTimestamp())
        var dirty = true
        while !state.quitRequested && !terminal.shouldStop {
            if dirty {
                terminal.draw(render(state))
                dirty = false
                if exitAfterFirstFrame { break }
            }
            guard let event = terminal.nextEvent(timeoutMilliseconds: 1000) else { continue }
            guard let action = action(for: event, in: state) else { continue }
            let effects = update(&state, action)
            dirty = true
            if effects.contains(.quit) { break }
        }
        terminal.shutdown()
        if let signal = terminal.terminationSignal { return 128 + signal }
        return 0
    }

    /// The local time as `YYYY-MM-DD HH:MM`, for "loaded at".
    static func localTimestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
