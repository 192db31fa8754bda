import UptakeCore

/// Scroll position of a `TextReader`, owned by the app.
public struct ReaderState: Hashable, Sendable {
    /// Index of the first wrapped line shown.
    public var offset: Int

    /// Creates a state scrolled to `offset`.
    public init(offset: Int = 0) { self.offset = offset }

    /// Scrolls by `delta` lines, clamped so the last page stays full.
    public mutating func scroll(by delta: Int, totalLines: Int, visibleRows: Int) {
        offset = min(max(0, offset + delta), max(0, totalLines - visibleRows))
    }
}

/// A run of text in one style, the unit a wrapped line is made of.
public struct StyledSpan: Hashable, Sendable {
    /// The text (already sanitised).
    public var text: String
    /// Its style.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }
}

/// Styles of the Markdown parts a `TextReader` knows.
public struct ReaderStyles: Hashable, Sendable {
    /// Paragraphs and list items.
    public var body: Style
    /// `#` and `##` headings.
    public var heading: Style
    /// `> ` quotes and their bar.
    public var quote: Style
    /// List bullets and numbers.
    public var marker: Style
    /// Added to the surrounding style inside `**bold**`.
    public var strong: TextAttributes

    /// Creates reader styles; headings bold and quotes dim by default.
    public init(body: Style = .plain, heading: Style = Style(attributes: .bold), quote: Style = Style(attributes: .dim),
                marker: Style = .plain, strong: TextAttributes = .bold) {
        self.body = body
        self.heading = heading
        self.quote = quote
        self.marker = marker
        self.strong = strong
    }
}

/// Word-wrapped reading view over a small Markdown subset (case studies, notes, about text).
///
/// Knows `#`/`##` headings, `> ` quotes (shown with a bar), `- `/`* `/`1. `
/// list items (hanging indent) and `**bold**` spans; consecutive plain lines
/// join into one paragraph as in Markdown. Wraps by display width and breaks
/// words longer than a line. Anything else is shown as text, never interpreted.
public struct TextReader: Sendable {
    /// The Markdown source; sanitised (line breaks kept) before use.
    public var text: String
    /// Styles of the parts.
    public var styles: ReaderStyles
    /// Characters for the bullet and quote bar.
    public var glyphs: Glyphs

    /// Creates a reader.
    public init(text: String, styles: ReaderStyles = ReaderStyles(), glyphs: Glyphs = .unicode) {
        self.text = text
        self.styles = styles
        self.glyphs = glyphs
    }

    /// The text wrapped to `width` columns, one array of spans per screen line.
    public func wrappedLines(width: Int) -> [[StyledSpan]] {
        guard width > 0 else { return [] }
        var out: [[StyledSpan]] = []
        for block in blocks() {
            switch block {
            case .blank:
                out.append([])
            case .heading(let s):
                out += wrap(inline(s, base: styles.heading), width: width, first: [], rest: [])
            case .paragraph(let s):
                out += wrap(inline(s, base: styles.body), width: width, first: [], rest: [])
            case .quote(let s):
                let bar = [StyledSpan(glyphs.quoteBar + " ", style: styles.quote)]
                out += wrap(inline(s, base: styles.quote), width: width, first: bar, rest: bar)
            case .item(let marker, let s):
                let m = marker == "-" || marker == "*" ? glyphs.bullet : marker
                let indent = String(repeating: " ", count: TerminalText.width(m) + 1)
                out += wrap(inline(s, base: styles.body), width: width,
                            first: [StyledSpan(m + " ", style: styles.marker)], rest: [StyledSpan(indent, style: styles.body)])
            }
        }
        return out
    }

    /// How many lines the text takes at `width`, for scroll limits.
    public func lineCount(width: Int) -> Int { wrappedLines(width: width).count }

    /// Draws the lines from `state.offset` into `area`; returns the total wrapped line count.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, state: ReaderState) -> Int {
        guard !area.isEmpty else { return 0 }
        let lines = wrappedLines(width: area.width)
        buffer.fill(area, style: styles.body)
        let start = min(max(0, state.offset), max(0, lines.count - 1))
        for (row, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            var x = area.x
            for span in line where x < area.maxX {
                x += buffer.put(span.text, x: x, y: area.y + row, maxWidth: area.maxX - x, style: span.style)
            }
        }
        return lines.count
    }

    // MARK: - Parsing

    private enum Block {
        case blank, heading(String), paragraph(String), quote(String), item(marker: String, text: String)
    }

    private func blocks() -> [Block] {
        var blocks: [Block] = []
        for raw in TerminalText.sanitizeMultiline(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " }
            if line.isEmpty { blocks.append(.blank); continue }
            if line.hasPrefix("## ") { blocks.append(.heading(String(line.dropFirst(3)))); continue }
            if line.hasPrefix("# ") { blocks.append(.heading(String(line.dropFirst(2)))); continue }
            if line.hasPrefix(">") {
                let body = String(line.dropFirst().drop { $0 == " " })
                if case .quote(let prev)? = blocks.last, !body.isEmpty, !prev.isEmpty {
                    blocks[blocks.count - 1] = .quote(prev + " " + body)
                } else {
                    blocks.append(.quote(body))
                }
                continue
            }
            if line.hasPrefix("- ") || line.hasPrefix("* ") {
                blocks.append(.item(marker: String(line.prefix(1)), text: String(line.dropFirst(2))))
                continue
            }
            if let dot = line.firstIndex(of: "."), dot > line.startIndex, line[..<dot].allSatisfy(\.isASCII),
               line[..<dot].allSatisfy(\.isNumber), line[line.index(after: dot)...].hasPrefix(" ") {
                blocks.append(.item(marker: String(line[...dot]), text: String(line[line.index(dot, offsetBy: 2)...])))
                continue
            }
            // A plain line continues a paragraph, or an indented line continues a list item.
            switch blocks.last {
            case .paragraph(let prev)?:
                blocks[blocks.count - 1] = .paragraph(prev + " " + line)
            case .item(let m, let prev)? where raw.first == " ":
                blocks[blocks.count - 1] = .item(marker: m, text: prev + " " + line)
            default:
                blocks.append(.paragraph(String(line)))
            }
        }
        return blocks
    }

    /// Splits `**bold**` spans; an unmatched `**` is shown as it is.
    private func inline(_ s: String, base: Style) -> [StyledSpan] {
        let parts = splitOnDoubleStar(s)
        guard parts.count > 2 else { return [StyledSpan(s, style: base)] }
        var spans: [StyledSpan] = []
        let paired = parts.count % 2 == 1 ? parts.count : parts.count - 1
        for (i, p) in parts.prefix(paired).enumerated() where !p.isEmpty {
            spans.append(StyledSpan(p, style: i % 2 == 1 ? base.adding(styles.strong) : base))
        }
        if paired < parts.count {  // odd marker: the tail keeps its literal "**"
            spans.append(StyledSpan("**" + parts[paired], style: base))
        }
        return spans
    }

    /// `s` split at every `**` (Foundation-free `components(separatedBy:)`).
    private func splitOnDoubleStar(_ s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var i = s.startIndex
        while i < s.endIndex {
            let next = s.index(after: i)
            if s[i] == "*", next < s.endIndex, s[next] == "*" {
                parts.append(current)
                current = ""
                i = s.index(after: next)
            } else {
                current.append(s[i])
                i = next
            }
        }
        parts.append(current)
        return parts
    }

    // MARK: - Wrapping

    /// Greedy word wrap by display width; `first`/`rest` prefix the first and following lines.
    private func wrap(_ spans: [StyledSpan], width: Int, first: [StyledSpan], rest: [StyledSpan]) -> [[StyledSpan]] {
        let firstRoom = max(1, width - first.reduce(0) { $0 + TerminalText.width($1.text) })
        let restRoom = max(1, width - rest.reduce(0) { $0 + TerminalText.width($1.text) })
        return WordWrap.lines(spans, first: firstRoom, rest: restRoom, defaultStyle: styles.body).enumerated().map { i, line in
            (i == 0 ? first : rest) + line
        }
    }
}
