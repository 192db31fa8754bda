extension TerminalText {
    /// ASCII look-alikes for the typographic and drawing characters uptake itself draws.
    ///
    /// Each replacement has the same display width as the original (one column),
    /// so layouts measured on the Unicode text stay aligned in ASCII.
    static let asciiLookAlikes: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        func add(_ from: String, _ to: Unicode.Scalar) { for s in from.unicodeScalars { map[s] = to } }
        add("·•∙◦", "*")
        add("—–−‐‑‒―─━╌╍┄┅", "-")
        add("“”„″", "\"")
        add("‘’‚′", "'")
        add("…", "~")
        add("ΔδΔ", "d")
        add("✓✔", " ")   // always beside a word ("yes ✓"), which says it alone
        add("✗✘×", "x")
        add("≈∼", "~")
        add("≥", ">")
        add("≤", "<")
        add("→▶▸►", ">")
        add("←◀◂◄", "<")
        add("↑▲▴", "^")
        add("↓▼▾", "v")
        add("●○◆◇", "o")
        add("│┃║╎╏┆┇├┤┝┥╟╢", "|")
        add("┌┐└┘┏┓┗┛╔╗╚╝╭╮╯╰┼┬┴╋", "+")
        add("█▉▊▋▌▍▎▏▇▆", "#")
        add("▅▄", "=")
        add("▃▂", "-")
        add("▁", "_")
        add("°", "o")
        add("\u{FFFD}", "?")
        // The control pictures that sanitising puts in place of control characters.
        for v in UInt32(0x2400)...UInt32(0x2421) { map[Unicode.Scalar(v)!] = "^" }
        return map
    }()

    /// `s` in ASCII for a terminal without UTF-8: sanitised, uptake's own symbols replaced by
    /// one-column look-alikes, anything else by `?` (`??` for a two-column character).
    ///
    /// Display width is preserved grapheme by grapheme, so text measured before
    /// the conversion still fits where it was laid out.
    public static func asciiFallback(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var out = String.UnicodeScalarView()
        for c in sanitize(s) {
            let w = width(of: c)
            if w == 0 { continue }
            guard let first = c.unicodeScalars.first else { continue }
            if first.isASCII && c.unicodeScalars.count == 1 {
                out.append(first)
            } else if w == 1, let look = asciiLookAlikes[first] {
                out.append(look)
            } else if w == 1, let base = latinBase(first) {
                out.append(base)
            } else {
                out.append(contentsOf: String(repeating: "?", count: w).unicodeScalars)
            }
        }
        return String(out)
    }

    /// The ASCII letter under a Latin-1 accented letter (é → e), for names.
    static func latinBase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let table: [(ClosedRange<UInt32>, Unicode.Scalar)] = [
            (0xC0...0xC5, "A"), (0xC7...0xC7, "C"), (0xC8...0xCB, "E"), (0xCC...0xCF, "I"), (0xD1...0xD1, "N"),
            (0xD2...0xD6, "O"), (0xD9...0xDC, "U"), (0xDD...0xDD, "Y"), (0xE0...0xE5, "a"), (0xE7...0xE7, "c"),
            (0xE8...0xEB, "e"), (0xEC...0xEF, "i"), (0xF1...0xF1, "n"), (0xF2...0xF6, "o"), (0xF9...0xFC, "u"),
            (0xFD...0xFD, "y"), (0xFF...0xFF, "y"),
        ]
        return table.first { $0.0.contains(s.value) }?.1
    }
}
