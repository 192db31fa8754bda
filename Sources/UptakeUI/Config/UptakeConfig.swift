import Foundation
import TOMLKit

/// A configuration file that cannot be used: the file, the line and the key, for a one-line error (exit status 2).
public struct ConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The key (`kiosk.rotate`), when the problem is one key's.
    public var key: String?
    /// What is wrong.
    public var message: String

    /// `FILE:LINE: error: key 'kiosk.rotate': must be …`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): error: " + (key.map { "key '\($0)': " } ?? "") + message
    }
}

/// `config.toml`: the data directory, the theme, the `[kiosk]` and `[insights]` tables, each with the line it came from.
///
/// ```toml
/// data = "/srv/uptake/data"
/// theme = "high-contrast"
/// export_dir = "/srv/uptake/exports"   # where the dashboard's `e` writes
/// [kiosk]
/// panes = ["overview", "uptake", "inequalities"]
/// rotate = 20          # seconds
/// idle_return = 60     # seconds; leave out to lock browsing off
/// unlock = "letmeout"  # letters only
/// [insights]
/// db = "insights.sqlite"  # the insight bank; a relative path is taken from this file's directory
/// ```
public struct UptakeConfig: Sendable, Equatable {
    /// A value and the line of the file it came from.
    public struct Entry<T: Sendable & Equatable>: Sendable, Equatable {
        public var value: T
        public var line: Int?
    }

    /// The file read (nil: none).
    public var file: String?
    public var data: Entry<String>?
    public var theme: Entry<String>?
    /// Where the dashboard's `e` writes its files.
    public var exportDir: Entry<String>?
    public var panes: Entry<[String]>?
    public var rotate: Entry<Double>?
    public var idleReturn: Entry<Double>?
    public var unlock: Entry<String>?
    /// The insight bank's file, already resolved against the config file's directory when relative.
    public var insightsDB: Entry<String>?
    /// Unknown keys and other things that do not stop uptake, one line each (`FILE:LINE: warning: …`).
    public var warnings: [String] = []

    /// No file.
    public init() {}

    /// The pane ids a `[kiosk] panes` list may name.
    public static let knownPanes: [String] = ["overview", "uptake", "partners", "inequalities", "case-studies", "principles", "insights"]

    /// Parses `text`; `file` names it in errors and warnings.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> UptakeConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError(file: file, line: e.source.begin.line, key: nil, message: "TOML syntax error: \(e.description)")
        } catch {
            throw ConfigError(file: file, line: nil, key: nil, message: "cannot parse: \(error)")
        }
        // TOMLKit 0.6 never frees a parsed table (TOMLTable has no deinit): empty it when done, so a
        // reload (the kiosk's, every few seconds for weeks) does not keep every parse's nodes.
        defer { table.clear() }
        let locator = KeyLocator(text: text)
        var config = UptakeConfig()
        config.file = file
        func fail(_ key: String, _ section: String?, _ message: String) -> ConfigError {
            ConfigError(file: file, line: locator.line(of: key, in: section), key: section.map { "\($0).\(key)" } ?? key, message: message)
        }
        func warn(_ key: String, _ section: String?, _ message: String) {
            let line = locator.line(of: key, in: section)
            config.warnings.append("\(file)\(line.map { ":\($0)" } ?? ""): warning: \(message)")
        }
        func seconds(_ t: TOMLTable, _ key: String, _ section: String?, minimum: Double) throws(ConfigError) -> Entry<Double>? {
            guard let v = t[key] else { return nil }
            let n = v.double ?? v.int.map(Double.init)
            guard let n, n.isFinite, n >= minimum, n <= 86_400 else {
                throw fail(key, section, "must be a number of seconds from \(minimum.secondsText) to 86400 (found \(v))")
            }
            return Entry(value: n, line: locator.line(of: key, in: section))
        }
        for key in table.keys.sorted() {
            switch key {
            case "data":
                guard let s = table[key]?.string, !s.isEmpty else { throw fail(key, nil, "must be a directory path in quotes") }
                config.data = Entry(value: s, line: locator.line(of: key, in: nil))
            case "theme":
                guard let s = table[key]?.string, !s.isEmpty else { throw fail(key, nil, "must be a theme name or file in quotes") }
                config.theme = Entry(value: s, line: locator.line(of: key, in: nil))
            case "export_dir":
                guard let s = table[key]?.string, !s.isEmpty else { throw fail(key, nil, "must be a directory path in quotes") }
                config.exportDir = Entry(value: s, line: locator.line(of: key, in: nil))
            case "kiosk":
                guard let t = table[key]?.table else { throw fail(key, nil, "must be a table: [kiosk]") }
                for k in t.keys.sorted() {
                    switch k {
                    case "panes":
                        guard let array = t[k]?.array else { throw fail(k, "kiosk", "must be a list such as [\"overview\", \"uptake\"]") }
                        var ids: [String] = []
                        for item in array {
                            guard let id = item.string, knownPanes.contains(id) else {
                                throw fail(k, "kiosk", "unknown pane \(item); panes are \(knownPanes.joined(separator: ", "))")
                            }
                            ids.append(id)
                        }
                        guard !ids.isEmpty else { throw fail(k, "kiosk", "must name at least one pane") }
                        config.panes = Entry(value: ids, line: locator.line(of: k, in: "kiosk"))
                    case "rotate":
                        config.rotate = try seconds(t, k, "kiosk", minimum: 0.05)
                    case "idle_return":
                        config.idleReturn = try seconds(t, k, "kiosk", minimum: 1)
                    case "unlock":
                        guard let s = t[k]?.string else { throw fail(k, "kiosk", "must be a word in quotes") }
                        if let problem = KioskSettings.problem(withUnlock: s) { throw fail(k, "kiosk", problem) }
                        config.unlock = Entry(value: s, line: locator.line(of: k, in: "kiosk"))
                    default:
                        warn(k, "kiosk", "unknown key 'kiosk.\(k)' ignored (known: panes, rotate, idle_return, unlock)")
                    }
                }
            case "insights":
                guard let t = table[key]?.table else { throw fail(key, nil, "must be a table: [insights]") }
                for k in t.keys.sorted() {
                    switch k {
                    case "db":
                        guard let s = t[k]?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                            throw fail(k, "insights", "must be the insight bank's file path in quotes")
                        }
                        config.insightsDB = Entry(value: resolve(s, against: file), line: locator.line(of: k, in: "insights"))
                    default:
                        warn(k, "insights", "unknown key 'insights.\(k)' ignored (known: db)")
                    }
                }
            default:
                warn(key, nil, "unknown key '\(key)' ignored (known: data, theme, export_dir, [kiosk], [insights])")
            }
        }
        return config
    }

    /// `path` as written when absolute (or `~/…`, from `HOME`), else taken from the directory of the config `file`.
    static func resolve(_ path: String, against file: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            return home + path.dropFirst()
        }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : directory + "/" + path
    }

    /// Reads and parses the file at `path`; nil when there is none and `required` is false.
    public static func load(path: String, required: Bool) throws(ConfigError) -> UptakeConfig? {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw ConfigError(file: path, line: nil, key: nil, message: "no such file") }
            return nil
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "cannot read the file")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "not valid UTF-8")
        }
        return try parse(text, file: path)
    }

    /// `$XDG_CONFIG_HOME/uptake/config.toml`, else `~/.config/uptake/config.toml` (nil without either variable).
    public static func defaultPath(environment: [String: String]) -> String? {
        if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/uptake/config.toml" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.config/uptake/config.toml" }
        return nil
    }
}

/// One effective setting and where it came from (`--rotate`, `config.toml:4`, `UPTAKE_DATA`, `default`).
public struct Sourced<T: Sendable & Equatable>: Sendable, Equatable {
    public var value: T
    public var source: String
    public init(_ value: T, _ source: String) {
        self.value = value
        self.source = source
    }
}

/// What the command line says (nil: not given).
public struct SettingFlags: Sendable, Equatable {
    public var data: String?
    public var theme: String?
    public var panes: [String]?
    public var rotate: Double?
    public var idleReturn: Double?
    public var unlock: String?
    /// `--db`: the insight bank's file.
    public var db: String?
    public init(data: String? = nil, theme: String? = nil, panes: [String]? = nil, rotate: Double? = nil, idleReturn: Double? = nil, unlock: String? = nil,
                db: String? = nil) {
        self.db = db
        self.data = data
        self.theme = theme
        self.panes = panes
        self.rotate = rotate
        self.idleReturn = idleReturn
        self.unlock = unlock
    }
}

/// The settings in force: flags, then the environment (`UPTAKE_DATA`), then the config file, then the defaults.
public struct EffectiveSettings: Sendable, Equatable {
    /// The data directory (nil: ./sample-data, else the built-in sample data).
    public var data: Sourced<String?>
    public var theme: Sourced<String>
    public var panes: Sourced<[String]>
    public var rotate: Sourced<Double>
    public var idleReturn: Sourced<Double?>
    public var unlock: Sourced<String>
    /// Where the dashboard's `e` writes (the current directory by default).
    public var exportDirectory: Sourced<String> = Sourced(".", "default")
    /// The insight bank's file (nil: `insights.sqlite` in the data directory).
    public var insightsDB: Sourced<String?> = Sourced(nil, "default")

    /// Resolves each setting in order of precedence.
    ///
    /// The dashboard passes what it remembered (``RememberedView``): its theme comes after `--theme`
    /// and before the config file's, unless the config's theme was edited since it was remembered.
    /// The kiosk passes none.
    public static func resolve(flags: SettingFlags, config: UptakeConfig, environment: [String: String],
                               remembered: (view: RememberedView, file: String)? = nil) -> EffectiveSettings {
        func fromFile<T>(_ e: UptakeConfig.Entry<T>?) -> Sourced<T>? {
            e.map { Sourced($0.value, (config.file ?? "config") + ($0.line.map { ":\($0)" } ?? "")) }
        }
        let data: Sourced<String?>
        if let d = flags.data { data = Sourced(d, "--data") }
        else if let e = environment["UPTAKE_DATA"], !e.isEmpty { data = Sourced(e, "UPTAKE_DATA") }
        else if let c = fromFile(config.data) { data = Sourced(c.value, c.source) }
        else { data = Sourced(nil, "default") }
        func pick<T>(_ flag: T?, _ name: String, _ entry: UptakeConfig.Entry<T>?, _ fallback: T) -> Sourced<T> {
            if let flag { return Sourced(flag, name) }
            return fromFile(entry) ?? Sourced(fallback, "default")
        }
        let idle: Sourced<Double?>
        if let f = flags.idleReturn { idle = Sourced(f > 0 ? f : nil, "--idle-return") }
        else if let c = fromFile(config.idleReturn) { idle = Sourced(c.value, c.source) }
        else { idle = Sourced(nil, "default") }
        var settings = EffectiveSettings(
            data: data,
            theme: pick(flags.theme, "--theme", config.theme, "dark"),
            panes: pick(flags.panes, "--panes", config.panes, KioskSettings.defaultPanes),
            rotate: pick(flags.rotate, "--rotate", config.rotate, KioskSettings.defaultRotateSeconds),
            idleReturn: idle,
            unlock: pick(flags.unlock, "--unlock", config.unlock, KioskSettings.defaultUnlock))
        settings.exportDirectory = fromFile(config.exportDir) ?? Sourced(".", "default")
        if flags.theme == nil, let remembered, let theme = remembered.view.theme(configTheme: config.theme?.value) {
            settings.theme = Sourced(theme, "remembered in " + remembered.file)
        }
        if let db = flags.db { settings.insightsDB = Sourced(db, "--db") }
        else if let c = fromFile(config.insightsDB) { settings.insightsDB = Sourced(c.value, c.source) }
        return settings
    }

    /// The kiosk's settings.
    public var kiosk: KioskSettings {
        KioskSettings(panes: panes.value, rotateSeconds: rotate.value, idleReturnSeconds: idleReturn.value, unlock: unlock.value)
    }

    /// `uptake config --show`: one line per setting, `name = value  (source)`; the unlock word is not printed.
    public func report(configFile: String?) -> String {
        func q(_ s: String) -> String { "\"" + s + "\"" }
        let rows: [(String, String, String)] = [
            ("data", data.value.map(q) ?? "(./sample-data if present, else the built-in sample data)", data.source),
            ("theme", q(theme.value), theme.source),
            ("export_dir", q(exportDirectory.value), exportDirectory.source),
            ("kiosk.panes", "[" + panes.value.map(q).joined(separator: ", ") + "]", panes.source),
            ("kiosk.rotate", rotate.value.secondsText, rotate.source),
            ("kiosk.idle_return", idleReturn.value.map(\.secondsText) ?? "off (locked)", idleReturn.source),
            ("kiosk.unlock", unlock.source == "default" ? q(unlock.value) : "(set; \(unlock.value.count) letters)", unlock.source),
            ("insights.db", insightsDB.value.map(q) ?? "(insights.sqlite in the data directory)", insightsDB.source),
        ]
        let width = rows.map { $0.0.count }.max() ?? 0
        var out = "config file: " + (configFile ?? "(none)") + "\n"
        for (name, value, source) in rows {
            out += name.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + value + "    # " + source + "\n"
        }
        return out
    }
}

extension Double {
    /// `20` for 20.0, `0.05` for 0.05.
    var secondsText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
