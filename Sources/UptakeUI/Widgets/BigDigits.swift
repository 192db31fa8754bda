/// Figures drawn large in a block font, for a room to read from the back.
///
/// Each character is a 5-row bitmap, three pixels wide (one for `.`); a pixel is
/// `scaleX` cells wide and `scaleY` rows high, drawn as `█` (or `#` in ASCII).
/// Characters without a bitmap are drawn as spaces; the widget never draws outside its area.
public struct BigDigits: Sendable {
    /// The text to draw (digits, `.`, `,`, `%`, `+`, `-`, `−`, `×`, space).
    public var text: String
    /// Cells per pixel across and down.
    public var scaleX: Int
    public var scaleY: Int
    /// The style of the lit cells.
    public var style: Style
    /// Unicode or ASCII blocks.
    public var glyphs: Glyphs

    /// Creates the widget.
    public init(_ text: String, scaleX: Int = 2, scaleY: Int = 1, style: Style, glyphs: Glyphs) {
        self.text = text
        self.scaleX = max(1, scaleX)
        self.scaleY = max(1, scaleY)
        self.style = style
        self.glyphs = glyphs
    }

    /// Rows of the font.
    public static let fontHeight = 5

    /// The bitmap of a character (rows of `#` and spaces), or nil when the font has none.
    static func bitmap(_ c: Character) -> [String]? {
        switch c {
        case "0": return ["###", "# #", "# #", "# #", "###"]
        case "1": return [" # ", "## ", " # ", " # ", "###"]
        case "2": return ["###", "  #", "###", "#  ", "###"]
        case "3": return ["###", "  #", " ##", "  #", "###"]
        case "4": return ["# #", "# #", "###", "  #", "  #"]
        case "5": return ["###", "#  ", "###", "  #", "###"]
        case "6": return ["###", "#  ", "###", "# #", "###"]
        case "7": return ["###", "  #", "  #", "  #", "  #"]
        case "8": return ["###", "# #", "###", "# #", "###"]
        case "9": return ["###", "# #", "###", "  #", "###"]
        case ".": return [" ", " ", " ", " ", "#"]
        case ",": return [" ", " ", " ", "#", "#"]
        case "%": return ["# #", "  #", " # ", "#  ", "# #"]
        case "+": return ["   ", " # ", "###", " # ", "   "]
        case "-", "−": return ["   ", "   ", "###", "   ", "   "]
        case "×", "x": return ["   ", "# #", " # ", "# #", "   "]
        case " ": return ["  ", "  ", "  ", "  ", "  "]
        default: return nil
        }
    }

    /// Pixel columns of `text`, one pixel of space between characters.
    static func pixelWidth(_ text: String) -> Int {
        let widths = text.map { bitmap($0)?.first?.count ?? 3 }
        return widths.reduce(0, +) + max(0, widths.count - 1)
    }

    /// Cells across at this scale.
    public var width: Int { Self.pixelWidth(text) * scaleX }
    /// Rows down at this scale.
    public var height: Int { Self.fontHeight * scaleY }

    /// The largest scale (`scaleY`, with `scaleX` twice it, as cells are about twice as tall as wide) at which
    /// `texts` side by side with `gap` cells between them fit `width` x `height`; nil when even 1 x 1 does not fit.
    public static func scale(for texts: [String], gap: Int, width: Int, height: Int) -> (x: Int, y: Int)? {
        let pixels = texts.map(pixelWidth).reduce(0, +)
        let gaps = gap * max(0, texts.count - 1)
        for y in stride(from: 4, through: 1, by: -1) {
            for x in [2 * y, 2 * y - 1] where x >= 1 {
                if pixels * x + gaps <= width && fontHeight * y <= height { return (x, y) }
            }
        }
        if pixels + gaps <= width && fontHeight <= height { return (1, 1) }
        return nil
    }

    /// The rows as text (for tests and the ASCII fallback's checks).
    public func rows() -> [String] {
        let lit = glyphs == .ascii ? "#" : "█"
        var out: [String] = []
        for row in 0..<Self.fontHeight {
            var line = ""
            for (i, c) in text.enumerated() {
                if i > 0 { line += String(repeating: " ", count: scaleX) }
                let bits = Self.bitmap(c) ?? ["   ", "   ", "   ", "   ", "   "]
                for bit in bits[row] { line += String(repeating: bit == "#" ? lit : " ", count: scaleX) }
            }
            for _ in 0..<scaleY { out.append(line) }
        }
        return out
    }

    /// Draws the text from the top left of `area`, cut to it.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        for (dy, line) in rows().enumerated() where dy < area.height {
            var x = area.x
            for ch in line {
                guard x < area.maxX else { break }
                if ch != " " { buffer.put(String(ch), x: x, y: area.y + dy, maxWidth: 1, style: style) }
                x += 1
            }
        }
    }
}
