import TOMLKit
import UptakeCore

/// What the dashboard remembers between runs: its last pane and theme, in
/// `$XDG_STATE_HOME/uptake/state.toml` (else `~/.local/state/uptake/state.toml`).
///
/// ```toml
/// pane = "inequalities"
/// theme = "light"
/// config_theme = "dark"   # the config file's theme when this was saved ("" for none)
/// ```
///
/// The file is uptake's own, not the user's: a damaged or foreign one is a
/// warning and is otherwise ignored (the dashboard still starts), and it is
/// rewritten whole when the dashboard quits. The kiosk and `present` neither
/// read nor write it.
public struct RememberedView: Sendable, Equatable {
    /// The id of the pane shown last (never the spotlight, which `p` adds for a meeting).
    public var pane: String?
    /// The theme shown last: a built-in name, or what `--theme` or the config named.
    public var theme: String?
    /// The config file's `theme` when this was saved (nil: it set none). A remembered
    /// theme yields to the config file once someone has edited the config's theme since.
    public var configTheme: String?

    public init(pane: String? = nil, theme: String? = nil, configTheme: String? = nil) {
        self.pane = pane
        self.theme = theme
        self.configTheme = configTheme
    }

    /// `$XDG_STATE_HOME/uptake/state.toml` (an absolute XDG_STATE_HOME), else
    /// `$HOME/.local/state/uptake/state.toml`; nil without either.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/uptake/state.toml" }
        if let h = environment["HOME"], h.hasPrefix("/") { return h + "/.local/state/uptake/state.toml" }
        return nil
    }

    /// Parses the file's text; a problem is a one-line warning naming `file`, and what could be read is kept.
    public static func parse(_ text: String, file: String) -> (RememberedView, warning: String?) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            return (RememberedView(), "\(file):\(e.source.begin.line): warning: not TOML (\(e.description)); the last pane and theme are not restored")
        } catch {
            return (RememberedView(), "\(file): warning: cannot parse (\(error)); the last pane and theme are not restored")
        }
        defer { table.clear() }
        var view = RememberedView()
        var ignored: [String] = []
        for key in table.keys.sorted() {
            let value = table[key]?.string
            switch (key, value) {
            case ("pane", let s?) where PaneIdentifier.isValid(s): view.pane = s
            case ("theme", let s?) where !s.isEmpty: view.theme = s
            case ("config_theme", let s?): view.configTheme = s.isEmpty ? nil : s
            default: ignored.append(key)
            }
        }
        let warning = ignored.isEmpty ? nil
            : "\(file): warning: ignored \(ignored.map { "'\(TerminalText.sanitize($0))'" }.joined(separator: ", ")) (known: pane, theme, config_theme as quoted words)"
        return (view, warning)
    }

    /// The file's text (TOML basic strings, escaped).
    public var serialized: String {
        func q(_ s: String) -> String { TOMLText.quoted(s) }
        var out = "# Written by uptake when the dashboard quits: the last pane and theme. Safe to delete.\n"
        if let pane { out += "pane = \(q(pane))\n" }
        if let theme { out += "theme = \(q(theme))\n" }
        out += "config_theme = \(q(configTheme ?? ""))\n"
        return out
    }

    /// The theme to start with when no `--theme` is given: the remembered one, unless the
    /// config file's theme changed since it was remembered (then the config's); nil: no opinion.
    public func theme(configTheme current: String?) -> String? {
        guard let theme else { return nil }
        return current == configTheme ? theme : nil
    }
}

/// A pane id as the state file may hold one: lower-case letters, digits and dashes.
enum PaneIdentifier {
    static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 40 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
