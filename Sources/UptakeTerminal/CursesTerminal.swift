import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UptakeUI

/// Why ``CursesTerminal`` could not start.
public enum TerminalStartError: Error, Hashable, Sendable {
    /// The environment check failed: not a terminal, `TERM` dumb or unknown.
    case unusable(TerminalCheck)
    /// `newterm` refused the terminal although the check passed.
    case newtermFailed
}

/// The ncurses backend: draws ``Buffer`` frames as diffs and reads keys, mouse and resizes.
///
/// The only type in uptake that talks to curses. Curses is not thread-safe,
/// so the whole class lives on the main actor. Typical loop:
///
/// ```swift
/// let terminal = try CursesTerminal()
/// defer { terminal.shutdown() }
/// while !terminal.shouldStop {
///     terminal.draw(render(state))
///     if let event = terminal.nextEvent(timeoutMilliseconds: 1000), let action = action(for: event, in: state) { _ = update(&state, action) }
/// }
/// ```
///
/// The terminal runs in cbreak mode: Ctrl-C and Ctrl-Z keep their usual
/// meaning. Ctrl-C, SIGTERM and SIGHUP set ``terminationRequested`` instead of
/// killing the process, so the app leaves through ``shutdown()`` and the
/// terminal is always restored.
@MainActor
public final class CursesTerminal {
    /// True when the locale encodes UTF-8 and Unicode glyphs may be drawn; otherwise the UI should use ASCII.
    nonisolated public let isUTF8: Bool
    /// How many colours styles are mapped down to (`NO_COLOR` or a monochrome terminal give ``ColorDepth/none``).
    nonisolated public let colorDepth: ColorDepth
    /// True once stdin has reached end-of-file or hung up; no more events will come and the app should quit.
    public internal(set) var inputClosed = false

    /// The curses screen from `newterm`; nil after ``shutdown()``.
    var screen: OpaquePointer?
    /// The curses standard screen window of ``screen``.
    var window: UnsafeMutablePointer<WINDOW>?
    /// True when `use_default_colors` succeeded, so colour -1 is the terminal's own.
    let hasDefaultColors: Bool
    /// The highest colour pair number that may be allocated.
    let maximumPair: Int16
    /// The frame on screen, diffed against the next one.
    var previousFrame: Buffer?
    /// Set by a resize: the next ``draw(_:)`` repaints the whole screen.
    var needsFullRedraw = true
    /// Allocated colour pairs by foreground and background colour number.
    var pairs: [ColorPairKey: Int16] = [:]
    /// The next free colour pair number.
    var nextPair: Int16 = 1
    /// Curses attributes and colour pair per style, so each style is mapped once.
    var renditions: [Style: Rendition] = [:]
    /// Consecutive `wget_wch` errors while stdin claimed to be readable.
    var decoder = InputDecoder()
    /// Set by ``shutdown()``.
    var isShutDown = false

    /// Checks that a full-screen interface can start, without starting curses.
    ///
    /// Looks at `isatty` on stdin and stdout, then `TERM`, then terminfo via
    /// `setupterm` with an error pointer (which reports instead of exiting).
    /// True when the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set names a UTF-8 locale.
    nonisolated static func environmentAsksForUTF8(_ env: [String: String]? = nil) -> Bool {
        func value(_ name: String) -> String? {
            if let env { return env[name] }
            return getenv(name).map { String(cString: $0) }
        }
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            guard let v = value(name), !v.isEmpty else { continue }
            let lower = v.lowercased()
            return lower.contains("utf-8") || lower.contains("utf8")
        }
        return false
    }

    public static func checkEnvironment() -> TerminalCheck {
        TerminalCheck.evaluate(
            term: getenv("TERM").map { String(cString: $0) },
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            isKnownTerm: { uptake_terminfo_lookup($0) == 1 }
        )
    }

    /// Starts curses on stdin and stdout.
    ///
    /// Sets the locale from the environment first (without it the wide-character
    /// calls draw nothing) and falls back to `C.UTF-8` for character handling
    /// when the environment's locale is not UTF-8.
    ///
    /// - Parameters:
    ///   - asciiOnly: draw ASCII only, even in a UTF-8 locale (a user preference).
    ///   - maximumColorDepth: never use more colours than this (a user preference).
    ///   - locked: a kiosk: raw mode, so Ctrl-C, Ctrl-Z, Ctrl-\ (and Ctrl-S) arrive as plain keys and deliver no
    ///     signal, and no mouse reporting. Signals sent by another process (SIGTERM, SIGHUP, SIGINT) still end it cleanly.
    /// - Throws: ``TerminalStartError`` when the environment cannot host the interface.
    public init(asciiOnly: Bool = false, maximumColorDepth: ColorDepth = .indexed256, locked: Bool = false) throws(TerminalStartError) {
        setlocale(LC_ALL, "")
        var utf8 = Self.localeIsUTF8()
        // The environment asks for UTF-8 (say en_GB.UTF-8) but that locale is not installed:
        // use C.UTF-8 for characters. A C or POSIX locale gets ASCII borders and glyphs.
        if !utf8, Self.environmentAsksForUTF8(), setlocale(LC_CTYPE, "C.UTF-8") != nil {
            utf8 = Self.localeIsUTF8()
        }
        isUTF8 = utf8 && !asciiOnly

        let check = Self.checkEnvironment()
        guard check == .ok else { throw .unusable(check) }

        // Before newterm, so curses sees our handlers and does not install its own for SIGINT/SIGTERM.
        TerminationSignals.install()
        guard let screen = newterm(nil, uptake_stdout(), uptake_stdin()) else {
            TerminationSignals.restoreDefaults()
            throw .newtermFailed
        }
        set_term(screen)
        let window = uptake_stdscr()
        self.screen = screen
        self.window = window

        if locked { raw() } else { cbreak() }
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        if !locked {
            mousemask(uptake_BUTTON1_PRESSED() | uptake_BUTTON1_CLICKED() | uptake_BUTTON4_PRESSED() | uptake_BUTTON5_PRESSED(), nil)
            mouseinterval(0)
        }

        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        var depth = ColorDepth.none
        var defaults = false
        if !noColor, has_colors() {
            start_color()
            defaults = use_default_colors() == OK
            depth = Self.colorDepth(colors: uptake_COLORS())
        }
        hasDefaultColors = defaults
        colorDepth = min(depth, maximumColorDepth)
        maximumPair = Int16(clamping: max(0, uptake_COLOR_PAIRS() - 1))
    }

    isolated deinit {
        shutdown()
    }

    /// The ``ColorDepth`` for a terminal reporting `colors` colours (the curses `COLORS`).
    nonisolated static func colorDepth(colors: Int32) -> ColorDepth {
        switch colors {
        case 256...: .indexed256
        case 16...: .ansi16
        case 8...: .ansi8
        default: .none
        }
    }

    /// True when the current `LC_CTYPE` encodes UTF-8.
    static func localeIsUTF8() -> Bool {
        guard let codeset = uptake_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The terminal's size in columns and rows (the last known size after ``shutdown()``).
    public var size: (width: Int, height: Int) {
        guard let window else { return (previousFrame?.width ?? 0, previousFrame?.height ?? 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// True once Ctrl-C, SIGTERM or SIGHUP arrived; the app should call ``shutdown()`` and exit.
    public var terminationRequested: Bool { TerminationSignals.received != nil }

    /// The signal behind ``terminationRequested`` (e.g. `SIGTERM`), for an exit status of 128 + signal.
    public var terminationSignal: Int32? { TerminationSignals.received }

    /// True when the event loop should end: a termination signal arrived or stdin closed.
    public var shouldStop: Bool { terminationRequested || inputClosed }

    /// Restores the terminal: mouse tracking off, cursor shown, curses ended. Safe to call more than once.
    ///
    /// Also puts back the default signal actions, so a later Ctrl-C ends the process as usual.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if let screen {
            mousemask(0, nil)
            curs_set(1)
            endwin()
            // Belt and braces: a terminfo entry may lack the mouse-off string; these are harmless elsewhere.
            if isatty(STDOUT_FILENO) == 1 {
                let mouseOff = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l"
                _ = mouseOff.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
            }
            delscreen(screen)
        }
        screen = nil
        window = nil
        TerminationSignals.restoreDefaults()
    }
}

/// A foreground and background colour number: the key of an allocated colour pair.
struct ColorPairKey: Hashable {
    /// Foreground colour number, -1 for the default.
    var foreground: Int16
    /// Background colour number, -1 for the default.
    var background: Int16
}

/// A style as curses draws it.
struct Rendition {
    /// Curses attribute bits.
    var attributes: attr_t
    /// Colour pair number; 0 is the default colours.
    var pair: Int16
}

extension CursesTerminal: TerminalBackend {}
