import UptakeCore

/// The one word wrapper: greedy, by display width, keeping each grapheme's style.
///
/// The reader (Markdown) and `Document` (panes, records, overlays) both wrap
/// through it, so a line breaks the same way wherever it is drawn.
public enum WordWrap {
    private struct Glyph {
        var c: Character
        var style: Style
        var width: Int
    }

    /// `spans` wrapped into lines of at most `first` columns (the first line) and `rest` (the others).
    /// Spaces separate words; a word longer than a line is broken between graphemes; an empty text is one empty line.
    public static func lines(_ spans: [StyledSpan], first: Int, rest: Int, defaultStyle: Style = .plain) -> [[StyledSpan]] {
        let first = max(1, first), rest = max(1, rest)
        // Words: runs of non-space graphemes, each grapheme keeping its style.
        // Each word remembers the style of the space before it, so a joining
        // space takes its style from the source, not from a bold or quoted word.
        var words: [(glyphs: [Glyph], space: Style)] = []
        var current: [Glyph] = []
        var spaceStyle = spans.first?.style ?? defaultStyle
        for span in spans {
            for c in span.text {
                if c == " " {
                    if !current.isEmpty { words.append((current, spaceStyle)); current = [] }
                    spaceStyle = span.style
                } else {
                    let w = TerminalText.width(of: c)
                    if w > 0 { current.append(Glyph(c: c, style: span.style, width: w)) }
                }
            }
        }
        if !current.isEmpty { words.append((current, spaceStyle)) }

        var lines: [[StyledSpan]] = []
        var line: [Glyph] = []
        var used = 0
        func room() -> Int { lines.isEmpty ? first : rest }
        func flush() {
            lines.append(merge(line))
            line = []
            used = 0
        }
        for (word, space) in words {
            let ww = word.reduce(0) { $0 + $1.width }
            if used > 0, used + 1 + ww <= room() {
                line.append(Glyph(c: " ", style: space, width: 1))
                line += word
                used += 1 + ww
                continue
            }
            if used > 0 { flush() }
            if ww <= room() {
                line = word
                used = ww
                continue
            }
            // A word longer than a line: break it at grapheme boundaries.
            for g in word {
                if used + g.width > room(), used > 0 { flush() }
                line.append(g)
                used += g.width
            }
        }
        if used > 0 || lines.isEmpty { flush() }
        return lines
    }

    /// Plain text wrapped into strings (first line `first` columns, the others `rest`).
    public static func lines(_ text: String, first: Int, rest: Int) -> [String] {
        lines([StyledSpan(text, style: .plain)], first: first, rest: rest).map { $0.map(\.text).joined() }
    }

    private static func merge(_ glyphs: [Glyph]) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        for g in glyphs {
            if let last = spans.last, last.style == g.style {
                spans[spans.count - 1].text.append(g.c)
            } else {
                spans.append(StyledSpan(String(g.c), style: g.style))
            }
        }
        return spans
    }
}
