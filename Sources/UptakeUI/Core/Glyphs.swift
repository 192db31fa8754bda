import UptakeCore

/// The characters widgets draw with, in a Unicode set and an ASCII set.
///
/// The ASCII set is for terminals whose locale is not UTF-8 (or a user who asks
/// for it): every widget takes a `Glyphs` value instead of hard-coding box and
/// block characters, so the whole UI degrades together.
public struct Glyphs: Hashable, Sendable {
    /// Top-left border corner.
    public var topLeft: String
    /// Top-right border corner.
    public var topRight: String
    /// Bottom-left border corner.
    public var bottomLeft: String
    /// Bottom-right border corner.
    public var bottomRight: String
    /// Horizontal border line.
    public var horizontal: String
    /// Vertical border line.
    public var vertical: String
    /// Sparkline levels from lowest to highest (8 in Unicode, 5 in ASCII).
    public var sparkline: [String]
    /// A full bar cell.
    public var barFull: String
    /// Partial bar cells for 1/(n+1) … n/(n+1) of a cell; empty when only whole cells can be drawn.
    public var barPartials: [String]
    /// Ascending sort marker.
    public var arrowUp: String
    /// Descending sort marker.
    public var arrowDown: String
    /// Marks cut text.
    public var ellipsis: String
    /// Left cap of an interval whisker.
    public var whiskerLeft: String
    /// The line of an interval whisker.
    public var whiskerLine: String
    /// The point estimate on a whisker.
    public var whiskerPoint: String
    /// Right cap of an interval whisker.
    public var whiskerRight: String
    /// A reference mark (e.g. zero or a target) on a whisker scale.
    public var referenceMark: String
    /// A reference mark where it crosses the whisker line.
    public var referenceCross: String
    /// A tick beside "yes" (`*` in ASCII: a `+` would read as a sign).
    public var check: String
    /// Marks the selected table row.
    public var selectionMarker: String
    /// List bullet in the text reader.
    public var bullet: String
    /// Prefix of quoted lines in the text reader.
    public var quoteBar: String

    /// Box drawing, block elements and arrows.
    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barFull: "█", barPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        arrowUp: "▲", arrowDown: "▼", ellipsis: "…",
        whiskerLeft: "├", whiskerLine: "─", whiskerPoint: "●", whiskerRight: "┤",
        referenceMark: "│", referenceCross: "┼", check: "✓", selectionMarker: "▶", bullet: "•", quoteBar: "│")

    /// Plain 7-bit ASCII, for non-UTF-8 locales.
    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        sparkline: ["_", ".", "-", "=", "#"],
        barFull: "#", barPartials: [],
        arrowUp: "^", arrowDown: "v", ellipsis: "~",
        whiskerLeft: "|", whiskerLine: "-", whiskerPoint: "o", whiskerRight: "|",
        referenceMark: ":", referenceCross: "+", check: "*", selectionMarker: ">", bullet: "*", quoteBar: "|")

    /// Picks the set for an environment: Unicode when the effective locale is UTF-8.
    ///
    /// Follows POSIX precedence (`LC_ALL`, then `LC_CTYPE`, then `LANG`; the
    /// first non-empty one wins). Takes the environment as a value so it is testable.
    public static func forEnvironment(_ env: [String: String]) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8") ? .unicode : .ascii
    }
}

extension Glyphs {
    /// The pound sign, or `GBP ` where only ASCII can be drawn (it has no one-column look-alike).
    public var pound: String { self == .ascii ? "GBP " : "£" }

    /// Money text made with `NumberFormat.pounds`, with the pound sign this glyph set can draw.
    public func money(_ text: String) -> String {
        self == .ascii ? text.split(separator: "£", omittingEmptySubsequences: false).joined(separator: pound) : text
    }

    /// `text` sanitised as it will be drawn with this set: in ASCII with its stand-ins, which
    /// may be wider (`→` is `->`), so text wrapped or measured after this call fits where it is put.
    public func drawn(_ text: String) -> String {
        self == .ascii ? TerminalText.asciiFallback(text) : TerminalText.sanitize(text)
    }
}
