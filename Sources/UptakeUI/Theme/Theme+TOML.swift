import Foundation
import TOMLKit
import UptakeCore

/// A theme file that could not be used, with the file and (when known) the line.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (a path, or `built-in NAME.toml`).
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: error: message`, the shape `uptake check` uses for data files.
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)" }
}

extension Theme {
    /// The sections a theme file may have.
    static let sections = ["colors", "backgrounds", "attributes"]

    /// Parses theme TOML; `file` names the source in errors.
    ///
    /// Format (see `docs/themes.md`): `name = "dark"`; `[colors]` sets each role's
    /// foreground, `[backgrounds]` its background, `[attributes]` its attributes
    /// (`["bold", "reverse"]`). Unknown roles, sections, colours and attributes are
    /// errors naming the line, so a typo never silently drops a style.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: e.source.begin.line, message: "TOML syntax error: \(e.description)")
        } catch {
            throw ThemeError(file: file, line: nil, message: "cannot parse: \(error)")
        }
        // TOMLKit 0.6 never frees a parsed table (TOMLTable has no deinit): empty it when done, so a
        // reload (the kiosk's, every few seconds for weeks) does not keep every parse's nodes.
        defer { table.clear() }
        let locator = KeyLocator(text: text)
        func fail(_ key: String, _ section: String?, _ message: String) -> ThemeError {
            ThemeError(file: file, line: locator.line(of: key, in: section), message: message)
        }
        guard let name = table["name"]?.string, !name.isEmpty else {
            throw fail("name", nil, "missing `name = \"...\"`")
        }
        var theme = Theme(name: name)
        for key in table.keys where key != "name" && !sections.contains(key) {
            throw fail(key, nil, "unknown key '\(key)' (expected name, [colors], [backgrounds], [attributes])")
        }
        for section in sections {
            guard let value = table[section] else { continue }
            guard let t = value.table else { throw fail(section, nil, "'\(section)' should be a table: [\(section)]") }
            for key in t.keys.sorted() {
                guard let role = Role(fileName: key) else {
                    throw fail(key, section, "unknown role '\(key)' in [\(section)]; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                var style = theme.styles[role] ?? .plain
                switch section {
                case "attributes":
                    guard let array = t[key]?.array else { throw fail(key, section, "attributes of '\(key)' should be a list such as [\"bold\"]") }
                    for item in array {
                        guard let s = item.string, let a = attribute(named: s) else {
                            throw fail(key, section, "unknown attribute \(item) for '\(key)'; use bold, dim, underline, reverse, italic")
                        }
                        style.attributes.formUnion(a)
                    }
                default:
                    guard let v = t[key], let color = color(from: v) else {
                        throw fail(key, section, "bad colour \(t[key].map { "\($0)" } ?? "") for '\(key)'; use \"#rrggbb\", \"color0\"…\"color15\", a name such as \"red\" or \"brightred\", \"default\", or 0-255")
                    }
                    if section == "colors" { style.foreground = color } else { style.background = color }
                }
                theme.styles[role] = style
            }
        }
        return theme
    }

    /// Reads and parses the theme file at `path`.
    public static func load(path: String) throws(ThemeError) -> Theme {
        // The dataset's reader: regular files only (a FIFO cannot block), at most 64 MiB.
        let read: [UInt8]?
        do {
            read = try DirectorySource.readFile(path)
        } catch let e as DatasetSourceError {
            throw ThemeError(file: path, line: nil, message: "cannot read the file: \(e.reason)")
        } catch {
            throw ThemeError(file: path, line: nil, message: "cannot read the file")
        }
        guard let bytes = read else { throw ThemeError(file: path, line: nil, message: "cannot read the file: it does not exist") }
        // TOML stops at a NUL byte: everything after it would vanish silently.
        if let nul = TextBytes.firstNUL(bytes) {
            throw ThemeError(file: path, line: nul.line, message: "NUL byte (a zero byte, not text) at column \(nul.column)")
        }
        guard let text = String(validating: TextBytes.normalisedLineEnds(bytes), as: UTF8.self) else {
            throw ThemeError(file: path, line: nil, message: "not valid UTF-8: save it as UTF-8")
        }
        return try parse(text, file: path)
    }

    /// The theme `name` from `themesDirectory/NAME.toml`, or the built-in one when the file does not exist.
    ///
    /// A file that exists but is wrong is an error (so a broken edit is reported, not hidden).
    public static func named(_ name: String, in themesDirectory: String?) throws(ThemeError) -> Theme {
        if let dir = themesDirectory {
            let path = (dir.hasSuffix("/") ? dir : dir + "/") + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        if let t = builtIn(named: name) { return t }
        let looked = themesDirectory.map { "neither \($0)/\(name).toml nor a built-in theme" } ?? "not a built-in theme"
        throw ThemeError(file: "--theme", line: nil,
                         message: "no theme named '\(name)' (\(looked)); built-in themes are \(builtInNames.joined(separator: ", "))")
    }

    /// Parses a colour value: `"#rrggbb"`, `"colorN"`, a colour name, `"default"` or an integer 0-255.
    static func color(from value: any TOMLValueConvertible) -> Color? {
        if let i = value.int { return (0...255).contains(i) ? (i < 16 ? .ansi(UInt8(i)) : .indexed(UInt8(i))) : nil }
        guard let s = value.string?.lowercased() else { return nil }
        return color(named: s)
    }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func color(named s: String) -> Color? {
        if s == "default" || s == "none" { return .terminalDefault }
        if s.hasPrefix("#") {
            let hex = s.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        if s.hasPrefix("color"), let n = Int(s.dropFirst(5)), (0...255).contains(n) {
            return n < 16 ? .ansi(UInt8(n)) : .indexed(UInt8(n))
        }
        if s == "grey" || s == "gray" { return .ansi(8) }
        if let i = colorNames.firstIndex(of: s) { return .ansi(UInt8(i)) }
        if s.hasPrefix("bright"), let i = colorNames.firstIndex(of: String(s.dropFirst(6))) { return .ansi(UInt8(i + 8)) }
        return nil
    }

    static func attribute(named s: String) -> TextAttributes? {
        switch s.lowercased() {
        case "bold": return .bold
        case "dim": return .dim
        case "underline": return .underline
        case "reverse": return .reverse
        case "italic": return .italic
        default: return nil
        }
    }
}

/// Finds the line of a key in TOML text (TOMLKit does not report value positions).
struct KeyLocator {
    let lines: [Substring]

    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The 1-based line of `key = …` inside `[section]` (or at the top level for nil; a `[key]` header also counts).
    func line(of key: String, in section: String?) -> Int? {
        var current: String? = nil
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                current = name
                if section == nil && name == key { return i + 1 }
                continue
            }
            guard current == section, let eq = line.firstIndex(of: "=") else { continue }
            let k = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if k == key { return i + 1 }
        }
        return nil
    }
}
