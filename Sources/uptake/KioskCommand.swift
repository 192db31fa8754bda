import ArgumentParser
import UptakeCore
import UptakeTerminal
import UptakeUI
#if canImport(Glibc)
import Glibc
#endif

/// `uptake kiosk`: an always-on, locked display that rotates through panes and reloads its data by itself.
///
/// A command of its own rather than dashboard flags: its options (rotation, idle return, unlock)
/// mean nothing to the ordinary dashboard, and `uptake kiosk --help` then lists only them.
struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run a locked, rotating display for a shared screen (see docs/kiosk.md).",
        discussion: """
            Rotates through the panes, paging long ones, with a clock, the dataset's title and when the data \
            was loaded. Reloads when files in the data directory change; a bad load keeps the last good data \
            with a banner. No key leaves it (q, Esc, Ctrl-C, Ctrl-Z and clicks are ignored) except the unlock \
            word typed on the keyboard (default "unlock"; set [kiosk] unlock in the config file). SIGTERM, \
            SIGINT and SIGHUP end it cleanly. Settings: flags, then UPTAKE_DATA, then the config file \
            ($XDG_CONFIG_HOME/uptake/config.toml or --config), then the defaults; `uptake config --show` prints them.
            """)

    @Option(name: .long, help: ArgumentHelp("The dataset directory.", valueName: "DIR"), completion: .directory)
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Seconds each page stays on screen (default 20).", valueName: "SECONDS"))
    var rotate: Double?

    @Option(name: .long, help: ArgumentHelp("Panes to rotate through, comma-separated (default overview,uptake,inequalities,case-studies,principles).", valueName: "LIST"))
    var panes: String?

    @Option(name: .long, help: ArgumentHelp("A theme name or file.", valueName: "NAME|PATH"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Let passers-by browse with the arrow and number keys, back to rotation after this many seconds without a key (0: locked).", valueName: "SECONDS"))
    var idleReturn: Double?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default $XDG_CONFIG_HOME/uptake/config.toml).", valueName: "PATH"))
    var config: String?

    @Flag(name: .long, help: "Draw borders and glyphs in ASCII.")
    var ascii = false

    func validate() throws {
        if let rotate, !(rotate >= 0.05 && rotate <= 86_400) { throw ValidationError("--rotate must be from 0.05 to 86400 seconds") }
        if let idleReturn, !(idleReturn >= 0 && idleReturn <= 86_400) { throw ValidationError("--idle-return must be from 0 to 86400 seconds") }
        if let list = paneList {
            for id in list where !UptakeConfig.knownPanes.contains(id) {
                throw ValidationError("unknown pane '\(id)' in --panes; panes are \(UptakeConfig.knownPanes.joined(separator: ","))")
            }
        }
    }

    var paneList: [String]? {
        panes.map { $0.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty } }
    }

    func run() throws {
        let (settings, _) = try ConfigCommand.effective(flags: SettingFlags(data: data, theme: theme, panes: paneList, rotate: rotate, idleReturn: idleReturn),
                                                         configPath: config)
        // A kiosk starts even when its data directory is missing (a share not yet mounted): the banner says so
        // and the first good load replaces it. Elsewhere a missing directory is a usage error.
        let source: any DatasetSource = try settings.data.value.map { DirectorySource(path: $0) } ?? DataOptions.resolveSource(nil)
        let chosenTheme = try DashboardCommand.loadTheme(settings.theme.value)
        let check = MainActor.assumeIsolated { CursesTerminal.checkEnvironment() }
        switch check {
        case .ok: break
        case .notATerminal, .dumbOrUnset:
            throw UsageFailure(message: "the kiosk needs a terminal (\(check.message ?? "not a terminal")); run it on a console or in a terminal")
        case .unknownTerm(let term):
            throw UsageFailure(message: "unknown terminal type '\(TerminalText.sanitize(term))' (TERM): set TERM to one your system knows, such as linux or xterm-256color")
        }
        let status = try MainActor.assumeIsolated {
            // The kiosk reads the bank (never a sensitive insight) and never creates or changes it.
            try DashboardLoop.run(source: source, theme: chosenTheme, ascii: ascii, kiosk: settings.kiosk,
                                  bank: DashboardBank(path: DashboardInsights.path(settings, for: source), access: .readOnly))
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// `uptake config --show`: the effective settings and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings and where each came from (flags, UPTAKE_DATA, the config file, defaults).")

    @Flag(name: .long, help: "Print the effective settings (the default).")
    var show = false

    @Option(name: .long, help: ArgumentHelp("The configuration file (default $XDG_CONFIG_HOME/uptake/config.toml).", valueName: "PATH"))
    var config: String?

    func run() throws {
        // The dashboard's settings: its remembered theme counts (the kiosk ignores it; the source says so).
        let remembered = config == nil ? DashboardMemory.read() : nil
        var (settings, file) = try Self.effective(flags: SettingFlags(), configPath: config, remembered: remembered)
        if settings.theme.source.hasPrefix("remembered") { settings.theme.source += " (the dashboard; the kiosk ignores it)" }
        writeStandardOutput(settings.report(configFile: file))
    }

    /// Reads the config file (warnings to standard error; errors are usage failures naming file, line and key) and resolves the settings.
    static func effective(flags: SettingFlags, configPath: String?, remembered: DashboardMemory? = nil) throws -> (EffectiveSettings, String?) {
        let (settings, config) = try effectiveWithConfig(flags: flags, configPath: configPath, remembered: remembered)
        return (settings, config.file)
    }

    /// ``effective(flags:configPath:remembered:)``, with the config file as read.
    static func effectiveWithConfig(flags: SettingFlags, configPath: String?, remembered: DashboardMemory?) throws -> (EffectiveSettings, UptakeConfig) {
        let environment = ProcessInfoEnvironment.current
        let path = configPath ?? UptakeConfig.defaultPath(environment: environment)
        var config = UptakeConfig()
        if let path {
            do {
                if let c = try UptakeConfig.load(path: path, required: configPath != nil) { config = c }
            } catch {
                throw UsageFailure(message: TerminalText.sanitize(error.description), prefixed: false)
            }
        }
        for w in config.warnings { writeStandardError(TerminalText.sanitize(w)) }
        return (EffectiveSettings.resolve(flags: flags, config: config, environment: environment,
                                          remembered: remembered.map { ($0.view, $0.path) }), config)
    }
}

/// The process environment as a dictionary.
enum ProcessInfoEnvironment {
    static var current: [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { out[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return out
    }
}

/// The kiosk's loads and clock (the real ones; tests give fakes through ``RuntimeServices``).
enum KioskLoader {
    /// Loads the data; a vanished directory or a whole-file problem is a failed load (the last good data stays).
    @Sendable static func load(_ source: any DatasetSource) -> Action {
        if let dir = source as? DirectorySource, let problem = DirectorySource.checkDirectory(dir.path) {
            return .loadFailed(TerminalText.sanitize(problem))
        }
        return KioskState.loadAction(for: DatasetLoader.load(from: source), loadedAt: DashboardLoop.localTimestamp())
    }

    /// The local time now.
    @Sendable static func wallClock() -> WallClock {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func format(_ f: String) -> String {
            var buffer = [CChar](repeating: 0, count: 32)
            let n = strftime(&buffer, buffer.count, f, &parts)
            return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return WallClock(time: format("%H:%M"), date: format("%a %-d %b"), secondsToNextMinute: Double(60 - Int(parts.tm_sec)))
    }
}
