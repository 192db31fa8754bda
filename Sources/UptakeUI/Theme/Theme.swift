import UptakeCore

/// The named styles every pane draws with; loaded from a TOML theme file or built in.
///
/// Panes ask for a role (`theme.improved`), never a colour, so a theme file,
/// a colour-blind-safe palette or a monochrome terminal changes every screen at once.
/// Status is always carried by words or symbols too, never by colour alone.
public struct Theme: Hashable, Sendable {
    /// One themeable part of the screen.
    public enum Role: String, CaseIterable, Hashable, Sendable {
        case background, text, dim, accent, header, selection
        case tabActive = "tab_active", tabInactive = "tab_inactive", statusBar = "status_bar"
        case improved, worse, significant, warning, error
        case barFill = "bar_fill", whisker, border, heading, quote

        /// Parses a role name as written in a theme file (`tab_active`, `tab-active` or `tabActive`).
        public init?(fileName: String) {
            let n = Role.normalise(fileName)
            guard let r = Role.allCases.first(where: { Role.normalise($0.rawValue) == n }) else { return nil }
            self = r
        }

        static func normalise(_ s: String) -> String { String(s.lowercased().filter { $0 != "_" && $0 != "-" }) }
    }

    /// The theme's name (`dark`, `okabe-ito`).
    public var name: String
    /// The style of every role.
    public var styles: [Role: Style]

    /// Creates a theme; roles not given are plain.
    public init(name: String, styles: [Role: Style] = [:]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role` (plain when the theme does not set it).
    public subscript(_ role: Role) -> Style { styles[role] ?? .plain }

    public var background: Style { self[.background] }
    public var text: Style { self[.text] }
    public var dim: Style { self[.dim] }
    public var accent: Style { self[.accent] }
    public var header: Style { self[.header] }
    public var selection: Style { self[.selection] }
    public var tabActive: Style { self[.tabActive] }
    public var tabInactive: Style { self[.tabInactive] }
    public var statusBar: Style { self[.statusBar] }
    public var improved: Style { self[.improved] }
    public var worse: Style { self[.worse] }
    public var significant: Style { self[.significant] }
    public var warning: Style { self[.warning] }
    public var error: Style { self[.error] }
    public var barFill: Style { self[.barFill] }
    public var whisker: Style { self[.whisker] }
    public var border: Style { self[.border] }
    public var heading: Style { self[.heading] }
    public var quote: Style { self[.quote] }

    /// Attributes only, no colours: for `NO_COLOR` and terminals without colour.
    public static let monochrome: Theme = builtIn(named: "monochrome")!

    /// The default theme (`dark`).
    public static let dark: Theme = builtIn(named: "dark")!

    /// The five themes compiled into the binary, in cycling order.
    public static let builtIns: [Theme] = BuiltInThemes.sources.map { name, text in
        // The built-in sources are tested to parse; a failure here is a programming error.
        (try? Theme.parse(text, file: "built-in \(name).toml")) ?? Theme(name: name)
    }

    /// The built-in themes' names, in cycling order, without parsing them (the command line's completion list: every
    /// command's options are made when any command is parsed).
    public static var builtInNames: [String] { BuiltInThemes.sources.map(\.name) }

    /// The built-in theme called `name`, if any.
    public static func builtIn(named name: String) -> Theme? {
        guard let text = BuiltInThemes.sources.first(where: { $0.name == name })?.text else { return nil }
        return try? Theme.parse(text, file: "built-in \(name).toml")
    }
}
